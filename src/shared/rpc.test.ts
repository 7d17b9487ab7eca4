// The one RPC, end to end through a loopback worker: serveRpc on one side, RpcClient on the other, messages cloned as postMessage would.

import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { RpcClient, serveRpc, type RpcHandlers, type WorkerLike } from './rpc';

type TestRpc = {
  count: { payload: { to: number }; result: { total: number }; event: number };
  fail: { payload: { code: 'bad-media' | 'out-of-memory' }; result: never; event: never };
  /** Ends only when cancelled, with the signal's reason. */
  wait: { payload: Record<string, never>; result: never; event: never };
  /** Never ends: stuck in a decoder. */
  hang: { payload: Record<string, never>; result: never; event: never };
};

/** A worker in the same thread: requests go to serveRpc and responses come back, each a structured clone, a task later. */
class LoopbackWorker implements WorkerLike {
  terminated = false;
  readonly signals: AbortSignal[] = [];
  private readonly onMessage: Array<(event: MessageEvent<unknown>) => void> = [];
  private readonly onError: Array<(event: ErrorEvent) => void> = [];
  private readonly handle: ReturnType<typeof serveRpc<TestRpc>>;

  constructor() {
    const handlers: RpcHandlers<TestRpc> = {
      count: async ({ to }, { emit }) => {
        for (let n = 1; n <= to; n++) emit(n);
        return { total: to };
      },
      fail: async ({ code }) => {
        throw new AppError(code, `Failed with ${code}.`);
      },
      wait: (_payload, { signal }) => {
        this.signals.push(signal);
        return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }));
      },
      hang: () => new Promise(() => undefined),
    };
    this.handle = serveRpc<TestRpc>(handlers, (response) => {
      if (this.terminated) return;
      const data = structuredClone(response);
      setTimeout(() => !this.terminated && this.onMessage.forEach((listener) => listener({ data } as MessageEvent<unknown>)));
    });
  }

  postMessage(message: unknown): void {
    if (this.terminated) throw new Error('posted to a terminated worker');
    const request = structuredClone(message) as Parameters<typeof this.handle>[0];
    setTimeout(() => !this.terminated && void this.handle(request));
  }

  terminate(): void {
    this.terminated = true;
  }

  addEventListener(type: 'message' | 'error', listener: ((event: MessageEvent<unknown>) => void) | ((event: ErrorEvent) => void)): void {
    if (type === 'message') this.onMessage.push(listener as (event: MessageEvent<unknown>) => void);
    else this.onError.push(listener as (event: ErrorEvent) => void);
  }

  /** What a worker does when its script throws outside any handler. */
  crash(message: string): void {
    this.onError.forEach((listener) => listener({ message } as ErrorEvent));
  }
}

function setup(onAbort: ConstructorParameters<typeof RpcClient<TestRpc>>[2] = {}) {
  const workers: LoopbackWorker[] = [];
  const client = new RpcClient<TestRpc>(
    () => {
      const worker = new LoopbackWorker();
      workers.push(worker);
      return worker;
    },
    'The test worker',
    onAbort,
  );
  return { client, workers };
}

/** The code of the AppError a call rejected with. */
async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => new Error('resolved'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('RpcClient with serveRpc', () => {
  it('delivers every event before the one result', async () => {
    const { client } = setup();
    const seen: string[] = [];
    const result = await client.call('count', { to: 3 }, { onEvent: (n) => seen.push(`event ${n}`) }).then((r) => {
      seen.push('result');
      return r;
    });
    expect(result).toEqual({ total: 3 });
    expect(seen).toEqual(['event 1', 'event 2', 'event 3', 'result']);
    expect(client.busy).toBe(false);
  });

  it('brings an error across as the same named AppError', async () => {
    const { client, workers } = setup();
    const error = await rejection(client.call('fail', { code: 'bad-media' }));
    expect(error).toMatchObject({ code: 'bad-media', message: 'Failed with bad-media.' });
    // A handler's error ends its request, not the worker.
    expect(workers[0]?.terminated).toBe(false);
    await expect(client.call('count', { to: 1 })).resolves.toEqual({ total: 1 });
    expect(workers).toHaveLength(1);
  });

  it('cancels in the worker: the handler sees its signal aborted, and the worker stays', async () => {
    const { client, workers } = setup();
    const controller = new AbortController();
    const call = client.call('wait', {}, { signal: controller.signal });
    await tick();
    const signal = workers[0]?.signals[0];
    expect(signal?.aborted).toBe(false);
    controller.abort();
    expect((await rejection(call)).code).toBe('aborted');
    expect(signal?.aborted).toBe(true);
    expect(workers[0]?.terminated).toBe(false);
  });

  it('refuses a call whose signal was already aborted without posting it', async () => {
    const { client, workers } = setup();
    expect((await rejection(client.call('count', { to: 1 }, { signal: AbortSignal.abort() }))).code).toBe('aborted');
    expect(workers).toHaveLength(0);
  });

  it('restarts instead, for kinds whose policy says so, and the next call gets a new worker', async () => {
    const { client, workers } = setup({ hang: 'restart' });
    const controller = new AbortController();
    const call = client.call('hang', {}, { signal: controller.signal });
    await tick();
    controller.abort();
    expect((await rejection(call)).code).toBe('aborted');
    expect(workers[0]?.terminated).toBe(true);
    await expect(client.call('count', { to: 2 })).resolves.toEqual({ total: 2 });
    expect(workers).toHaveLength(2);
    expect(workers[1]?.terminated).toBe(false);
  });

  it('times out a call that gets no answer, retiring the worker with every call on it', async () => {
    const { client, workers } = setup();
    const other = client.call('hang', {});
    const error = await rejection(client.call('hang', {}, { timeoutMs: 30 }));
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/^The test worker did not answer within/);
    expect((await rejection(other)).code).toBe('timeout');
    expect(workers[0]?.terminated).toBe(true);
    await expect(client.call('count', { to: 1 })).resolves.toEqual({ total: 1 });
    expect(workers).toHaveLength(2);
  });

  it('does not time out a call that answered in time', async () => {
    const { client, workers } = setup();
    await expect(client.call('count', { to: 1 }, { timeoutMs: 30 })).resolves.toEqual({ total: 1 });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(workers[0]?.terminated).toBe(false);
  });

  it('rejects every pending call with worker-crashed when the worker dies, then spawns a new one', async () => {
    const { client, workers } = setup();
    const calls = [client.call('hang', {}), client.call('wait', {})];
    await tick();
    workers[0]?.crash('Uncaught RangeError: out of bounds');
    for (const call of calls) {
      const error = await rejection(call);
      expect(error.code).toBe('worker-crashed');
      expect(error.message).toContain('out of bounds');
    }
    expect(workers[0]?.terminated).toBe(true);
    expect(client.busy).toBe(false);
    await expect(client.call('count', { to: 1 })).resolves.toEqual({ total: 1 });
    expect(workers).toHaveLength(2);
  });
});
