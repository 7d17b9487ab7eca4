// Keeps the conversation's past key/values between turns, so each turn prefills only its new tokens.

import type { DynamicCache, PreTrainedModel, Tensor } from '@huggingface/transformers';

type GenerateArgs = Parameters<PreTrainedModel['generate']>[0];

export interface CachedGeneration {
  /** Every token of the prompt and the answer. */
  sequence: bigint[];
  /** How many prompt tokens were served from the cache instead of being prefilled. */
  reusedTokens: number;
}

/** True when `cached` is a strict prefix of `prompt`: only then can the next turn start from the cache. */
export function canReuse(cached: readonly bigint[], prompt: readonly bigint[]): boolean {
  if (cached.length === 0 || cached.length >= prompt.length) return false;
  for (let i = 0; i < cached.length; i++) if (cached[i] !== prompt[i]) return false;
  return true;
}

/**
 * One cache per loaded model. Invalidation is by construction: the cache is used only when the
 * tokens it holds are exactly the start of the new prompt, so an edit, a regenerate, a changed
 * system prompt, another conversation or re-tokenized text all fall back to a full prefill.
 */
export class ConversationCache {
  private tokens: bigint[] = [];
  private cache: DynamicCache | null = null;

  constructor(private readonly model: PreTrainedModel) {}

  async generate(inputs: { input_ids: Tensor; attention_mask: Tensor }, options: Omit<GenerateArgs, 'inputs'>): Promise<CachedGeneration> {
    const prompt = (inputs.input_ids.tolist() as bigint[][])[0] ?? [];
    const reuse = this.cache !== null && canReuse(this.tokens, prompt);
    if (!reuse) await this.clear();
    const reusedTokens = reuse ? this.tokens.length : 0;
    const output = (await this.model.generate({
      ...inputs,
      ...options,
      ...(reuse && this.cache ? { past_key_values: this.cache } : {}),
      return_dict_in_generate: true,
    })) as unknown as { sequences: Tensor; past_key_values: DynamicCache };
    const sequence = (output.sequences.tolist() as bigint[][])[0] ?? [];
    // The last generated token was never fed through the model, so the cache covers one token less.
    this.cache = output.past_key_values;
    this.tokens = sequence.slice(0, this.cache.get_seq_length());
    return { sequence, reusedTokens };
  }

  async clear(): Promise<void> {
    const cache = this.cache;
    this.cache = null;
    this.tokens = [];
    await cache?.dispose();
  }
}
