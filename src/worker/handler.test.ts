import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../shared/errors';
import { FakeEngine } from '../test/fake-engine';
import { createDeltaBatcher, createHandler } from './handler';
import type { LoadPayload, WorkerResponse } from './protocol';

const LOAD: LoadPayload = { repo: 'org/model', revision: 'main', architecture: 'llama', device: 'wasm', dtype: 'q4' };
const SETTINGS = { temperature: 0, topP: 1, topK: 0, repetitionPenalty: 1, maxNewTokens: 8, enableThinking: false };

function harness(engine = new FakeEngine()) {
  const posted: WorkerResponse[] = [];
  const handle = createHandler(engine, (r) => posted.push(structuredClone(r)));
  const finals = (id: string) => posted.filter((r) => r.id === id && r.type !== 'event');
  return { engine, posted, handle, finals };
}

describe('worker handler', () => {
  it('answers a load with its progress events, then exactly one result', async () => {
    const { handle, posted, finals } = harness();
    await handle({ id: 'a', kind: 'load', payload: LOAD });
    expect(posted.filter((r) => r.type === 'event').map((r) => r.type === 'event' && r.event.type)).toEqual(['download', 'stage']);
    expect(finals('a')).toEqual([{ id: 'a', kind: 'load', type: 'result', result: { device: 'wasm', dtype: 'q4', downloadedFiles: 1, loadMs: 1 } }]);
  });

  it('streams deltas and ends a generation with its full text', async () => {
    const { handle, posted, finals } = harness(new FakeEngine({ words: ['a', 'b', 'c'] }));
    await handle({ id: 'g', kind: 'generate', payload: { turns: [{ role: 'user', content: 'hi' }], settings: SETTINGS } });
    const streamed = posted.flatMap((r) => (r.type === 'event' && r.kind === 'generate' ? [r.event.text] : [])).join('');
    expect(streamed).toBe('abc');
    const [final] = finals('g');
    expect(final).toMatchObject({ type: 'result', result: { text: 'abc', finishReason: 'eos' } });
    expect(finals('g')).toHaveLength(1);
  });

  it('adds encoders with their progress events and one result; a failed download is one error and the model stays', async () => {
    const engine = new FakeEngine({ lazyParts: ['vision', 'audio'] });
    const { handle, posted, finals } = harness(engine);
    await handle({ id: 'l', kind: 'load', payload: { ...LOAD, architecture: 'gemma4' } });
    expect(finals('l')[0]).toMatchObject({ type: 'result', result: { lazyParts: ['vision', 'audio'] } });
    await handle({ id: 'p', kind: 'load-parts', payload: { parts: ['vision'] } });
    expect(posted.filter((r) => r.id === 'p' && r.type === 'event').map((r) => r.type === 'event' && r.event.type)).toEqual(['download']);
    expect(finals('p')).toEqual([{ id: 'p', kind: 'load-parts', type: 'result', result: { lazyParts: ['audio'], downloadedFiles: 1, loadMs: 1 } }]);
    engine.script.partsError = new AppError('network', 'cut off');
    await handle({ id: 'q', kind: 'load-parts', payload: { parts: ['audio'] } });
    expect(finals('q')).toEqual([{ id: 'q', kind: 'load-parts', type: 'error', error: { code: 'network', message: 'cut off' } }]);
  });

  it('turns an engine failure into one error message with its code', async () => {
    const { handle, finals } = harness(new FakeEngine({ loadError: new AppError('model-corrupt', 'bad protobuf') }));
    await handle({ id: 'x', kind: 'load', payload: LOAD });
    expect(finals('x')).toEqual([{ id: 'x', kind: 'load', type: 'error', error: { code: 'model-corrupt', message: 'bad protobuf' } }]);
  });

  it('classifies a library error it has never seen as unknown, still ending the request', async () => {
    const engine = new FakeEngine();
    engine.generate = () => Promise.reject(new TypeError('weird'));
    const { handle, finals } = harness(engine);
    await handle({ id: 'g', kind: 'generate', payload: { turns: [], settings: SETTINGS } });
    expect(finals('g')).toEqual([{ id: 'g', kind: 'generate', type: 'error', error: { code: 'unknown', message: 'weird' } }]);
  });

  it('cancel stops the targeted generation, which still ends with its partial text', async () => {
    const { handle, posted, finals } = harness(new FakeEngine({ words: ['par', 'tial'], hangAfterWords: true }));
    const running = handle({ id: 'g', kind: 'generate', payload: { turns: [], settings: SETTINGS } });
    // Cancel once both words have gone out and the engine is holding the answer open.
    await vi.waitFor(() => expect(posted.filter((r) => r.id === 'g' && r.type === 'event')).toHaveLength(2));
    await handle({ id: 'c', kind: 'cancel', payload: { targetId: 'g' } });
    await running;
    expect(finals('c')).toEqual([{ id: 'c', kind: 'cancel', type: 'result', result: { cancelled: true } }]);
    expect(finals('g')).toEqual([
      { id: 'g', kind: 'generate', type: 'result', result: expect.objectContaining({ text: 'partial', finishReason: 'stopped' }) },
    ]);
  });

  it('says when a cancel found nothing to stop', async () => {
    const { handle, finals } = harness();
    await handle({ id: 'c', kind: 'cancel', payload: { targetId: 'nope' } });
    expect(finals('c')).toEqual([{ id: 'c', kind: 'cancel', type: 'result', result: { cancelled: false } }]);
  });
});

describe('delta batcher', () => {
  it('sends the first text at once and coalesces the rest', () => {
    vi.useFakeTimers();
    const sent: string[] = [];
    const batcher = createDeltaBatcher((e) => sent.push(e.text), 16);
    batcher.push({ type: 'delta', text: '', tokens: 1 });
    batcher.push({ type: 'delta', text: 'a', tokens: 1 });
    batcher.push({ type: 'delta', text: 'b', tokens: 1 });
    batcher.push({ type: 'delta', text: 'c', tokens: 1 });
    expect(sent).toEqual(['a']);
    vi.advanceTimersByTime(16);
    expect(sent).toEqual(['a', 'bc']);
    vi.useRealTimers();
  });

  it('flushes from the push itself when timers are starved by a busy loop', () => {
    let clock = 0;
    const sent: string[] = [];
    const batcher = createDeltaBatcher((e) => sent.push(e.text), 16, () => clock);
    batcher.push({ type: 'delta', text: 'a', tokens: 1 });
    clock = 5;
    batcher.push({ type: 'delta', text: 'b', tokens: 1 });
    clock = 20;
    batcher.push({ type: 'delta', text: 'c', tokens: 1 });
    expect(sent).toEqual(['a', 'bc']);
    batcher.flush();
  });
});
