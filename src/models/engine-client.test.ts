import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../shared/errors';
import { FakeEngine } from '../test/fake-engine';
import { createHandler } from '../worker/handler';
import type { WorkerRequest, WorkerResponse } from '../worker/protocol';
import { WorkerEngineClient, type WorkerLike } from './engine-client';

/** A worker whose other end is the real handler, with messages structured-cloned as postMessage would. */
class LoopbackWorker implements WorkerLike {
  terminated = false;
  received: WorkerRequest[] = [];
  private messageListeners: ((e: MessageEvent<unknown>) => void)[] = [];
  private errorListeners: ((e: ErrorEvent) => void)[] = [];
  private readonly handle;
  constructor(engine: FakeEngine) {
    this.handle = createHandler(engine, (r: WorkerResponse) => {
      if (!this.terminated) for (const l of this.messageListeners) l({ data: structuredClone(r) } as MessageEvent<unknown>);
    });
  }
  postMessage(message: WorkerRequest) {
    this.received.push(message);
    void this.handle(structuredClone(message));
  }
  terminate() {
    this.terminated = true;
  }
  addEventListener(type: 'message' | 'error', listener: ((e: MessageEvent<unknown>) => void) | ((e: ErrorEvent) => void)) {
    if (type === 'message') this.messageListeners.push(listener as (e: MessageEvent<unknown>) => void);
    else this.errorListeners.push(listener as (e: ErrorEvent) => void);
  }
  crash(message: string) {
    for (const l of this.errorListeners) l({ message } as ErrorEvent);
  }
}

const LOAD = { repo: 'org/m', revision: 'main', architecture: 'llama', device: 'webgpu', dtype: 'q4' } as const;
const SETTINGS = { temperature: 0, topP: 1, topK: 0, repetitionPenalty: 1, maxNewTokens: 8, enableThinking: false };

function setup(engine = new FakeEngine()) {
  const workers: LoopbackWorker[] = [];
  const client = new WorkerEngineClient(() => {
    const w = new LoopbackWorker(engine);
    workers.push(w);
    return w;
  });
  return { client, workers, engine };
}

describe('worker engine client', () => {
  it('round-trips a load with its events', async () => {
    const { client } = setup();
    const events: string[] = [];
    const result = await client.load(LOAD, { onEvent: (e) => events.push(e.type) });
    expect(result).toEqual({ device: 'webgpu', dtype: 'q4', downloadedFiles: 1, loadMs: 1 });
    expect(events).toEqual(['download', 'stage']);
  });

  it('rejects with a typed AppError carrying the worker-side code', async () => {
    const { client } = setup(new FakeEngine({ loadError: new AppError('out-of-memory', 'too big') }));
    const error = await client.load(LOAD).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'out-of-memory', message: 'too big' });
  });

  it('a failed load retires its worker, so the retry runs in a clean one', async () => {
    const engine = new FakeEngine({ loadError: new AppError('model-corrupt', 'bad') });
    const { client, workers } = setup(engine);
    await expect(client.load(LOAD)).rejects.toMatchObject({ code: 'model-corrupt' });
    expect(workers[0]?.terminated).toBe(true);
    engine.script = {};
    await expect(client.load(LOAD)).resolves.toMatchObject({ dtype: 'q4' });
    expect(workers).toHaveLength(2);
  });

  it('aborting a generation sends cancel and resolves with the partial answer', async () => {
    const { client, workers } = setup(new FakeEngine({ words: ['one', ' two'], hangAfterWords: true }));
    const controller = new AbortController();
    let streamed = '';
    const running = client.generate({ turns: [], settings: SETTINGS }, {
      signal: controller.signal,
      onEvent: (e) => {
        streamed += e.text;
      },
    });
    // Abort once both words have streamed and the worker is holding the answer open.
    await vi.waitFor(() => expect(streamed).toBe('one two'));
    controller.abort();
    const result = await running;
    expect(result).toMatchObject({ text: 'one two', finishReason: 'stopped' });
    expect(streamed).toBe('one two');
    expect(workers[0]?.received.map((r) => r.kind)).toEqual(['generate', 'cancel']);
  });

  it('aborting a load terminates the worker and the next call gets a fresh one', async () => {
    const engine = new FakeEngine();
    engine.load = () => new Promise(() => undefined);
    const { client, workers } = setup(engine);
    const controller = new AbortController();
    const loading = client.load(LOAD, { signal: controller.signal });
    controller.abort();
    await expect(loading).rejects.toMatchObject({ code: 'aborted' });
    expect(workers[0]?.terminated).toBe(true);
    await client.unload();
    expect(workers).toHaveLength(2);
  });

  it('a crashed worker fails every pending call instead of leaving it hanging', async () => {
    const engine = new FakeEngine();
    engine.load = () => new Promise(() => undefined);
    const { client, workers } = setup(engine);
    const loading = client.load(LOAD);
    workers[0]?.crash('boom');
    await expect(loading).rejects.toMatchObject({ code: 'worker-crashed' });
  });
});
