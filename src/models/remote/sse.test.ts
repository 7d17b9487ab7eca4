import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { delta, sse } from '../../test/fake-openai-server';
import { parseChunk, readChatStream } from './sse';

function stream(pieces: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const p of pieces) controller.enqueue(encoder.encode(p));
      controller.close();
    },
  });
}

/** The same bytes cut at every few characters, as a slow network delivers them. */
function shredded(pieces: string[], size: number): string[] {
  const all = pieces.join('');
  const out: string[] = [];
  for (let i = 0; i < all.length; i += size) out.push(all.slice(i, i + size));
  return out;
}

async function read(pieces: string[]) {
  const texts: string[] = [];
  const finish = await readChatStream(stream(pieces), (c) => texts.push(c.text));
  return { text: texts.join(''), finish };
}

describe('readChatStream', () => {
  const answer = sse({ choices: [{ index: 0, delta: { role: 'assistant' }, finish_reason: null }] }, delta('Hel'), delta('lo, '), delta('wörld ✓'), delta('', 'stop'), '[DONE]');

  it('joins the deltas of an OpenAI stream and ends at [DONE] with its finish reason', async () => {
    expect(await read(answer)).toEqual({ text: 'Hello, wörld ✓', finish: 'stop' });
  });

  it('reads the same however the bytes are cut, inside lines and inside multi-byte characters', async () => {
    for (const size of [1, 3, 7, 64]) expect(await read(shredded(answer, size))).toEqual({ text: 'Hello, wörld ✓', finish: 'stop' });
  });

  it('ignores comments, event names and CRLF line ends, as the SSE format allows', async () => {
    const pieces = [': keep-alive\r\n\r\n', 'event: message\r\n', `data: ${JSON.stringify(delta('ok', 'length'))}\r\n\r\n`, 'data: [DONE]\r\n\r\n'];
    expect(await read(pieces)).toEqual({ text: 'ok', finish: 'length' });
  });

  it('accepts a stream that ends after its finish reason without [DONE] (some servers omit it)', async () => {
    expect(await read(sse(delta('a'), delta('b', 'stop')))).toEqual({ text: 'ab', finish: 'stop' });
  });

  it('names a stream cut before it finished a bad response', async () => {
    await expect(read(sse(delta('half')))).rejects.toMatchObject({ code: 'remote-bad-response' });
  });

  it('names a mid-stream error chunk with what the server said', async () => {
    const error = read(sse(delta('a'), { error: { message: 'CUDA out of memory' } }));
    await expect(error).rejects.toMatchObject({ code: 'remote-bad-response', message: expect.stringContaining('CUDA out of memory') });
  });

  it('names data that is not JSON, or not a chunk, a bad response', () => {
    expect(() => parseChunk('<html>')).toThrow(AppError);
    expect(() => parseChunk('{"object":"x"}')).toThrow(/without choices/);
    expect(parseChunk('{"choices":[]}')).toEqual({ text: '', finishReason: null });
  });
});
