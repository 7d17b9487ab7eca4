// One typed RPC for every worker: ids, streamed events, named errors, cancel, timeouts, and retiring a crashed worker.
// Hand-written rather than Comlink: Comlink has no events, no cancel, no named errors and no retirement of a dead
// worker, which is most of what this file is for; the typed envelope below is all that remains.

import { AppError, deserializeError, serializeError, type SerializedError } from './errors';
import { newId } from './ids';

/** One entry per request kind: what goes in, what comes back, and what streams back meanwhile. */
export type RpcMap = { [kind: string]: { payload: unknown; result: unknown; event: unknown } };

/** Built into every RPC: ends the request `targetId` early (its handler sees an aborted signal). */
export type CancelRequest = { id: string; kind: 'cancel'; payload: { targetId: string } };

export type RpcRequest<M extends RpcMap> =
  | { [K in keyof M & string]: { id: string; kind: K; payload: M[K]['payload'] } }[keyof M & string]
  | CancelRequest;

export type RpcResponse<M extends RpcMap> =
  | {
      [K in keyof M & string]:
        | { id: string; kind: K; type: 'result'; result: M[K]['result'] }
        | { id: string; kind: K; type: 'event'; event: M[K]['event'] };
    }[keyof M & string]
  | { id: string; kind: 'cancel'; type: 'result'; result: { cancelled: boolean } }
  | { id: string; kind: string; type: 'error'; error: SerializedError };

export interface RpcCallOptions<E> {
  signal?: AbortSignal;
  onEvent?: (event: E) => void;
  /** Ends the call with a `timeout` error and retires the worker (it may be stuck) when no result came in time. */
  timeoutMs?: number;
  /** Buffers handed over, not copied (microphone chunks). */
  transfer?: Transferable[];
}

/**
 * What to do when the caller aborts: `cancel` asks the worker to stop the request (it can: generation checks
 * its signal); `restart` retires the worker, for work that cannot stop halfway (a model load, ONNX inference).
 */
export type AbortPolicy = 'cancel' | 'restart';

/** The slice of Worker the client needs; tests pass a fake. */
export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  terminate(): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
}

export function isRpcResponse(value: unknown): value is { id: string; type: 'result' | 'event' | 'error' } {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.id === 'string' && (candidate.type === 'result' || candidate.type === 'event' || candidate.type === 'error');
}

/** Messages arrive as structured clones of unknown shape; check the envelope before trusting it. */
export function isRpcRequest<M extends RpcMap>(value: unknown, kinds: ReadonlySet<string>): value is RpcRequest<M> {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.id === 'string' &&
    typeof candidate.kind === 'string' &&
    (candidate.kind === 'cancel' || kinds.has(candidate.kind)) &&
    typeof candidate.payload === 'object' &&
    candidate.payload !== null
  );
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: AppError) => void;
  onEvent?: (event: unknown) => void;
}

/** The page's side: one worker, spawned on first use and again after it crashed, timed out or was cancelled. */
export class RpcClient<M extends RpcMap> {
  private worker: WorkerLike | null = null;
  private readonly pending = new Map<string, Pending>();

  /**
   * @param name how the person hears of this worker in an error ("The model engine").
   * @param onAbort per kind; kinds not named are cancelled in the worker.
   */
  constructor(
    private readonly spawn: () => WorkerLike,
    private readonly name: string,
    private readonly onAbort: Partial<Record<keyof M & string, AbortPolicy>> = {},
  ) {}

  /** Calls in flight; a client with none may be restarted without hurting anyone. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  call<K extends keyof M & string>(kind: K, payload: M[K]['payload'], options: RpcCallOptions<M[K]['event']> = {}): Promise<M[K]['result']> {
    const id = newId();
    const { signal, onEvent, timeoutMs, transfer } = options;
    if (signal?.aborted) return Promise.reject(new AppError('aborted', 'Cancelled before it started.'));
    return new Promise<M[K]['result']>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const abort = () => {
        if ((this.onAbort[kind] ?? 'cancel') === 'restart') this.restart(new AppError('aborted', 'Cancelled.'));
        else this.post({ id: newId(), kind: 'cancel', payload: { targetId: id } });
      };
      signal?.addEventListener('abort', abort, { once: true });
      const settle = () => {
        signal?.removeEventListener('abort', abort);
        if (timer !== undefined) clearTimeout(timer);
      };
      this.pending.set(id, {
        resolve: (value) => {
          settle();
          resolve(value as M[K]['result']);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
        ...(onEvent ? { onEvent: onEvent as (event: unknown) => void } : {}),
      });
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          const seconds = Math.round(timeoutMs / 100) / 10;
          // A worker that does not answer may be stuck in a loop or a decoder: only a new one is safe.
          this.restart(new AppError('timeout', `${this.name} did not answer within ${seconds} s and was restarted.`));
        }, timeoutMs);
      }
      this.post({ id, kind, payload }, transfer);
    });
  }

  /** Ends every pending call with `reason` and retires the worker; the next call spawns a new one. */
  restart(reason: AppError): void {
    this.worker?.terminate();
    this.worker = null;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(reason);
  }

  private post(request: RpcRequest<M>, transfer?: Transferable[]): void {
    this.ensureWorker().postMessage(request, transfer ?? []);
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.spawn();
    worker.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (isRpcResponse(event.data)) this.receive(event.data as RpcResponse<M>);
    });
    worker.addEventListener('error', (event: ErrorEvent) => {
      this.restart(new AppError('worker-crashed', `${this.name} crashed: ${event.message || 'unknown error'}.`));
    });
    this.worker = worker;
    return worker;
  }

  private receive(response: RpcResponse<M>): void {
    const pending = this.pending.get(response.id);
    if (!pending) return;
    switch (response.type) {
      case 'event':
        pending.onEvent?.(response.event);
        return;
      case 'result':
        this.pending.delete(response.id);
        pending.resolve(response.result);
        return;
      case 'error':
        this.pending.delete(response.id);
        pending.reject(deserializeError(response.error));
        return;
      default: {
        const unexpected: never = response;
        throw new Error(`Unexpected response ${JSON.stringify(unexpected)}`);
      }
    }
  }
}

export interface HandlerContext<E> {
  signal: AbortSignal;
  emit: (event: E, transfer?: Transferable[]) => void;
}

/** The worker's side: one function per kind. */
export type RpcHandlers<M extends RpcMap> = {
  [K in keyof M & string]: (payload: M[K]['payload'], context: HandlerContext<M[K]['event']>) => Promise<M[K]['result']>;
};

export type Post<M extends RpcMap> = (response: RpcResponse<M>, transfer?: Transferable[]) => void;

/** Turns requests into handler calls and guarantees every request ends in exactly one result or one error. */
export function serveRpc<M extends RpcMap>(handlers: RpcHandlers<M>, post: Post<M>): (request: RpcRequest<M>) => Promise<void> {
  const inFlight = new Map<string, AbortController>();
  return async function handle(request: RpcRequest<M>): Promise<void> {
    const { id } = request;
    if (request.kind === 'cancel') {
      const target = inFlight.get((request as CancelRequest).payload.targetId);
      target?.abort(new AppError('aborted', 'Stopped by the user.'));
      post({ id, kind: 'cancel', type: 'result', result: { cancelled: target !== undefined } });
      return;
    }
    const kind = request.kind as keyof M & string;
    const controller = new AbortController();
    inFlight.set(id, controller);
    try {
      const handler = handlers[kind];
      const emit = (event: unknown, transfer?: Transferable[]) => post({ id, kind, type: 'event', event } as RpcResponse<M>, transfer);
      const result = await handler(request.payload, { signal: controller.signal, emit });
      post({ id, kind, type: 'result', result } as RpcResponse<M>);
    } catch (error) {
      post({ id, kind, type: 'error', error: serializeError(error) });
    } finally {
      inFlight.delete(id);
    }
  };
}
