// Keeps the conversation's past key/values between turns, so each turn prefills only its new tokens.

import { DynamicCache, Tensor, type PreTrainedModel } from '@huggingface/transformers';

type GenerateArgs = Parameters<PreTrainedModel['generate']>[0];

/**
 * The pictures and sounds a prompt holds, in order, keyed by their attachment: the same placeholder tokens stand for
 * any picture, so the tokens alone cannot say whether the cache read this one.
 */
export interface PromptMedia {
  keys: readonly string[];
  /** The token ids the model replaces with encoder features (config.image_token_id, audio_token_id). */
  placeholders: ReadonlySet<bigint>;
}

/** The placeholder tokens a multimodal model's forward replaces with features, by the names its config gives them. */
export function mediaPlaceholders(config: unknown): Set<bigint> {
  const fields = config as Record<string, unknown>;
  const names = ['image_token_id', 'image_token_index', 'audio_token_id', 'audio_token_index', 'video_token_id'];
  return new Set(names.flatMap((name) => [fields[name]].flat()).filter((v): v is number => typeof v === 'number').map((id) => BigInt(id)));
}

const NO_MEDIA: PromptMedia = { keys: [], placeholders: new Set() };

export interface CachedGeneration {
  /** Every token of the prompt and the answer. */
  sequence: bigint[];
  /** How many prompt tokens were served from the cache instead of being prefilled. */
  reusedTokens: number;
}

/** True when `keys` starts with every one of `prefix`. */
function startsWith(keys: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= keys.length && prefix.every((key, i) => keys[i] === key);
}

/** How many tokens at the start of `prompt` are exactly the cached ones. */
export function sharedPrefix(cached: readonly bigint[], prompt: readonly bigint[]): number {
  const n = Math.min(cached.length, prompt.length);
  let i = 0;
  while (i < n && cached[i] === prompt[i]) i++;
  return i;
}

/**
 * The cache cut back to its first `length` positions, or null where that cannot be done here: tensors that live on
 * the GPU (WebGPU keeps them there), or entries other than attention keys and values.
 */
export function cropCache(cache: DynamicCache, length: number): DynamicCache | null {
  const entries = Object.entries(cache) as [string, Tensor][];
  const croppable = (name: string, t: Tensor) => name.startsWith('past_key_values.') && t.location === 'cpu' && t.dims.length === 4;
  if (entries.length === 0 || !entries.every(([name, t]) => croppable(name, t))) return null;
  return new DynamicCache(Object.fromEntries(entries.map(([name, t]) => [name, firstPositions(t, length)])));
}

/**
 * [batch, heads, positions, dims] cut to the first `length` positions: one block copy per batch and head.
 * (Tensor.slice copies element by element, which costs a long conversation tens of milliseconds per turn.)
 */
function firstPositions(t: Tensor, length: number): Tensor {
  const [batch = 1, heads = 1, positions = 0, dims = 1] = t.dims;
  const source = t.data as Float32Array | Uint16Array;
  const kept = length * dims;
  const out = new (source.constructor as Float32ArrayConstructor | Uint16ArrayConstructor)(batch * heads * kept);
  for (let i = 0; i < batch * heads; i++) out.set(source.subarray(i * positions * dims, i * positions * dims + kept), i * kept);
  return new Tensor(t.type, out, [batch, heads, length, dims]);
}

/**
 * One cache per loaded model. Invalidation is by construction: the cache is used only for the tokens it shares
 * with the start of the new prompt, and everything from the first differing token on is dropped. An edit, a
 * regenerate, a changed system prompt, another conversation or an answer that re-tokenizes differently keep
 * only what comes before the change. Where the cache cannot be cut (on the GPU), anything short of an exact
 * prefix falls back to a full prefill.
 *
 * Pictures and sounds: a prefix is reused only when every placeholder of the new prompt lies inside it and stands
 * for the same attachment the cache read there. The model then gets no pixels or samples at all, so no encoder runs:
 * a follow-up question about a picture prefills only its own turn. A new picture (its placeholders come after the
 * cache) or another picture where the cache read one means a full prefill, which encodes every picture again.
 */
export class ConversationCache {
  private tokens: bigint[] = [];
  private cache: DynamicCache | null = null;
  /** The attachments whose placeholders the cached tokens hold, in order. */
  private mediaKeys: readonly string[] = [];

  constructor(private readonly model: PreTrainedModel) {}

  async generate(
    inputs: { input_ids: Tensor; attention_mask: Tensor } & Record<string, Tensor>,
    options: Omit<GenerateArgs, 'inputs'>,
    media: PromptMedia = NO_MEDIA,
  ): Promise<CachedGeneration> {
    const prompt = (inputs.input_ids.tolist() as bigint[][])[0] ?? [];
    let reusedTokens = 0;
    if (this.cache) {
      // At least the prompt's last token must go through the model: it yields the first answer token's logits.
      let usable = Math.min(sharedPrefix(this.tokens, prompt), prompt.length - 1);
      const lastPlaceholder = prompt.findLastIndex((t) => media.placeholders.has(t));
      // A prompt without placeholders shares none with the cache (they are special tokens), so its prefix is text.
      if (lastPlaceholder >= 0 && (usable <= lastPlaceholder || !startsWith(this.mediaKeys, media.keys))) usable = 0;
      if (usable > 0 && usable === this.tokens.length) reusedTokens = usable;
      else if (usable > 0) {
        const cropped = cropCache(this.cache, usable);
        if (cropped) {
          this.cache = cropped;
          this.tokens = this.tokens.slice(0, usable);
          reusedTokens = usable;
        }
      }
    }
    if (reusedTokens === 0) await this.clear();
    // From the cache, every picture and sound is already read: the model gets the tokens alone, and runs no encoder.
    const modelInputs = reusedTokens > 0 ? { input_ids: inputs.input_ids, attention_mask: inputs.attention_mask } : inputs;
    const output = (await this.model.generate({
      ...modelInputs,
      ...options,
      ...(reusedTokens > 0 && this.cache ? { past_key_values: this.cache } : {}),
      return_dict_in_generate: true,
    })) as unknown as { sequences: Tensor; past_key_values: DynamicCache };
    const sequence = (output.sequences.tolist() as bigint[][])[0] ?? [];
    // The last generated token was never fed through the model, so the cache covers one token less.
    this.cache = output.past_key_values;
    this.tokens = sequence.slice(0, this.cache.get_seq_length());
    this.mediaKeys = [...media.keys];
    return { sequence, reusedTokens };
  }

  async clear(): Promise<void> {
    const cache = this.cache;
    this.cache = null;
    this.tokens = [];
    this.mediaKeys = [];
    await cache?.dispose();
  }
}
