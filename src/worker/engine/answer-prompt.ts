// Builds a text model's prompt with each earlier answer as the token ids the model generated, not a re-tokenization of its text.

import { Tensor, type PreTrainedTokenizer } from '@huggingface/transformers';

/** One message as the chat template reads it, with the ids its answer was generated as (assistant turns only). */
export interface TemplateMessage {
  role: string;
  content: string;
  answerIds?: readonly number[];
  [key: string]: unknown;
}

export interface AnswerPrompt {
  input_ids: Tensor;
  attention_mask: Tensor;
  /** How many earlier answers went in as their generated ids; the others were tokenized from their text. */
  splicedAnswers: number;
}

type TemplateOptions = Record<string, unknown>;

// Private-use characters: no template writes them and no trim or split touches them.
const sentinel = (i: number) => `\uE000${i}\uE001`;
const SENTINEL = /\uE000(\d+)\uE001/;

/**
 * The answer's ids without the stop token that ended it: the template writes its own end of turn after the content.
 * Null when the ids do not spell the content (a stopped answer whose streamed text ran ahead, thinking the prompt
 * leaves out): then the text is what the template must see.
 */
export function usableAnswerIds(tokenizer: PreTrainedTokenizer, content: string, ids: readonly number[], stopIds: ReadonlySet<number>): number[] | null {
  let end = ids.length;
  while (end > 0 && stopIds.has(ids[end - 1] ?? -1)) end--;
  const kept = ids.slice(0, end);
  return tokenizer.decode(kept, { skip_special_tokens: true }) === content ? kept : null;
}

/**
 * The template rendered with `spliced` answers' content as sentinels, or null when the template does more to a
 * content than write it (Llama 3's `| trim`, Qwen3 cutting a think block): the ids would not be what it writes.
 */
function renderWithSentinels(tokenizer: PreTrainedTokenizer, messages: readonly TemplateMessage[], spliced: ReadonlySet<number>, options: TemplateOptions, plain: string): string | null {
  const marked = messages.map(({ answerIds: _ids, ...m }, i) => (spliced.has(i) ? { ...m, content: sentinel(i) } : m));
  const rendered = tokenizer.apply_chat_template(marked as never, { ...options, tokenize: false }) as unknown as string;
  let restored = rendered;
  for (const i of spliced) restored = restored.split(sentinel(i)).join(messages[i]?.content ?? '');
  const placed = [...spliced].every((i) => rendered.split(sentinel(i)).length === 2);
  return placed && restored === plain ? rendered : null;
}

/**
 * The chat template's prompt where every earlier answer whose ids are known goes in as those ids. The cache then
 * holds exactly the prompt's start up to the new turn: a re-tokenization could differ (two byte tokens of an emoji
 * re-read as one) and cost a prefill from that point. The text between answers is tokenized piece by piece, so the
 * piece before an answer is the same text, and the same tokens, as the previous turn's prompt ended with, wherever
 * the template writes an earlier answer's header as it wrote the generation prompt.
 */
export function answerPrompt(tokenizer: PreTrainedTokenizer, messages: readonly TemplateMessage[], options: TemplateOptions, stopIds: ReadonlySet<number>): AnswerPrompt {
  const plainMessages = messages.map(({ answerIds: _ids, ...m }) => m);
  const plain = tokenizer.apply_chat_template(plainMessages as never, { ...options, tokenize: false }) as unknown as string;
  const ids = new Map<number, number[]>();
  messages.forEach((m, i) => {
    const usable = m.role === 'assistant' && m.answerIds ? usableAnswerIds(tokenizer, m.content, m.answerIds, stopIds) : null;
    if (usable) ids.set(i, usable);
  });
  let spliced = new Set(ids.keys());
  let rendered = spliced.size > 0 ? renderWithSentinels(tokenizer, messages, spliced, options, plain) : null;
  if (spliced.size > 0 && rendered === null) {
    // Some answer is rewritten by the template: keep the ids of the ones it writes as they are.
    spliced = new Set([...spliced].filter((i) => renderWithSentinels(tokenizer, messages, new Set([i]), options, plain) !== null));
    rendered = spliced.size > 0 ? renderWithSentinels(tokenizer, messages, spliced, options, plain) : null;
  }
  const encode = (text: string) => (text ? tokenizer.encode(text, { add_special_tokens: false }) : []);
  const tokens: number[] = [];
  if (rendered === null) tokens.push(...encode(plain));
  else {
    const pieces = rendered.split(SENTINEL);
    // split() with a capture group alternates text and the captured message index.
    pieces.forEach((piece, k) => tokens.push(...(k % 2 === 0 ? encode(piece) : (ids.get(Number(piece)) ?? []))));
  }
  const data = BigInt64Array.from(tokens, (t) => BigInt(t));
  return {
    input_ids: new Tensor('int64', data, [1, tokens.length]),
    attention_mask: new Tensor('int64', new BigInt64Array(tokens.length).fill(1n), [1, tokens.length]),
    splicedAnswers: rendered === null ? 0 : spliced.size,
  };
}
