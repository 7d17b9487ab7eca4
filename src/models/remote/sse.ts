// Reads an OpenAI-compatible streaming answer: server-sent events whose `data:` lines are JSON chunks, ending in [DONE].

import { createParser } from 'eventsource-parser';
import { AppError } from '../../shared/errors';

export interface StreamChunk {
  /** Text added by this chunk; empty for chunks that only carry a role or a finish reason. */
  text: string;
  /** `stop`, `length`, … as the server said; null until the last chunk. */
  finishReason: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One `data:` payload as a chunk; a payload that is not the contract is a bad response, named as such. */
export function parseChunk(data: string): StreamChunk {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    throw new AppError('remote-bad-response', `The server streamed something that is not JSON: ${data.slice(0, 120)}`);
  }
  if (!isRecord(parsed)) throw new AppError('remote-bad-response', 'The server streamed a chunk that is not an object.');
  // Servers report a failure mid-stream as a chunk carrying `error` (vLLM, llama.cpp).
  if (parsed.error !== undefined) {
    const error = parsed.error;
    const message = typeof error === 'string' ? error : isRecord(error) && typeof error.message === 'string' ? error.message : JSON.stringify(error);
    throw new AppError('remote-bad-response', `The server stopped with an error: ${message}`);
  }
  if (!Array.isArray(parsed.choices)) throw new AppError('remote-bad-response', 'The server streamed a chunk without choices.');
  const choice: unknown = parsed.choices[0];
  if (choice === undefined) return { text: '', finishReason: null };
  if (!isRecord(choice)) throw new AppError('remote-bad-response', 'The server streamed a malformed choice.');
  const delta = isRecord(choice.delta) ? choice.delta : {};
  const text = typeof delta.content === 'string' ? delta.content : '';
  return { text, finishReason: typeof choice.finish_reason === 'string' ? choice.finish_reason : null };
}

/**
 * Feeds the response body through eventsource-parser and calls `onChunk` per chunk. Resolves with the last finish
 * reason once [DONE] arrives; a stream that ends without [DONE] or a finish reason was cut off.
 */
export async function readChatStream(body: ReadableStream<Uint8Array>, onChunk: (chunk: StreamChunk) => void): Promise<string | null> {
  let done = false;
  let finishReason: string | null = null;
  let failure: unknown = null;
  const parser = createParser({
    onEvent(event) {
      if (done || failure) return;
      if (event.data === '[DONE]') {
        done = true;
        return;
      }
      try {
        const chunk = parseChunk(event.data);
        if (chunk.finishReason) finishReason = chunk.finishReason;
        onChunk(chunk);
      } catch (error) {
        failure = error;
      }
    },
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  try {
    while (!done && !failure) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
  } finally {
    // [DONE] or a bad chunk: nothing after it matters, and the connection should close now, not when the server ends it.
    if (done || failure) void reader.cancel().catch(() => undefined);
  }
  if (failure) throw failure;
  if (!done && finishReason === null) throw new AppError('remote-bad-response', 'The server’s answer ended before it said it was done ([DONE]).');
  return finishReason;
}
