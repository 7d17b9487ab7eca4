// The UI's handle on the model worker: a ChatEngine that speaks the typed protocol and restarts the worker when it must.

import { AppError, deserializeError } from '../shared/errors';
import { newId } from '../shared/ids';
import {
  isWorkerResponse,
  type CallOptions,
  type ChatEngine,
  type DebugAction,
  type GenerateEvent,
  type GeneratePayload,
  type GenerateResult,
  type LoadEvent,
  type LoadPartsPayload,
  type LoadPartsResult,
  type LoadPayload,
  type LoadResult,
  type RequestKind,
  type RequestMap,
  type SpeakPayload,
  type SpeakResult,
  type TranscribePayload,
  type TranscribeResult,
  type WorkerRequest,
  type WorkerResponse,
} from '../worker/protocol';

/** The slice of Worker the client needs; tests pass a fake. */
export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  terminate(): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
}

interface Pending {
  kind: RequestKind;
  resolve: (value: never) => void;
  reject: (error: AppError) => void;
  onEvent?: (event: never) => void;
}

export class WorkerEngineClient implements ChatEngine {
  private worker: WorkerLike | null = null;
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly spawn: () => WorkerLike) {}

  async load(payload: LoadPayload, options: CallOptions<LoadEvent> = {}): Promise<LoadResult> {
    // transformers.js cannot abandon a load halfway, so aborting one means a fresh worker.
    try {
      return await this.call('load', payload, options, () => this.restart(new AppError('aborted', 'Loading was cancelled.')));
    } catch (error) {
      // transformers.js 4.3 chains every ONNX session creation on one promise, so a single failed
      // session poisons every later load in that worker: a failed load gets a fresh worker.
      if (this.pending.size === 0) this.restart(new AppError('aborted', 'Restarting the engine after a failed load.'));
      throw error;
    }
  }

  loadParts(payload: LoadPartsPayload, options: CallOptions<LoadEvent> = {}): Promise<LoadPartsResult> {
    // Unlike a load, a cancelled encoder download must not take the running text model with it: the worker
    // stops waiting at once and lets the download finish into the cache (see TransformersEngine.loadParts).
    return this.call('load-parts', payload, options, (id) => this.send({ id: newId(), kind: 'cancel', payload: { targetId: id } }));
  }

  generate(payload: GeneratePayload, options: CallOptions<GenerateEvent> = {}): Promise<GenerateResult> {
    return this.call('generate', payload, options, (id) => this.send({ id: newId(), kind: 'cancel', payload: { targetId: id } }));
  }

  transcribe(payload: TranscribePayload, options: CallOptions<LoadEvent> = {}): Promise<TranscribeResult> {
    // A recognition cannot be interrupted inside ONNX Runtime; cancelling drops the worker instead.
    return this.call('transcribe', payload, options, () => this.restart(new AppError('aborted', 'Transcription was cancelled.')));
  }

  speak(payload: SpeakPayload, options: CallOptions<LoadEvent> = {}): Promise<SpeakResult> {
    // A sentence in synthesis finishes in well under a second; cancelling just ignores its result.
    return this.call('speak', payload, options, (id) => this.send({ id: newId(), kind: 'cancel', payload: { targetId: id } }));
  }

  unload(): Promise<{ unloaded: boolean }> {
    return this.call('unload', {}, {}, () => undefined);
  }

  debug(payload: DebugAction): Promise<{ done: boolean }> {
    return this.call('debug', payload, {}, () => undefined);
  }

  /** Ends every pending call with `reason` and replaces the worker; the next call spawns a new one. */
  restart(reason: AppError): void {
    this.worker?.terminate();
    this.worker = null;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(reason);
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.spawn();
    worker.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (isWorkerResponse(event.data)) this.receive(event.data);
    });
    worker.addEventListener('error', (event: ErrorEvent) => {
      this.restart(new AppError('worker-crashed', `The model engine crashed: ${event.message || 'unknown error'}.`));
    });
    this.worker = worker;
    return worker;
  }

  private send(request: WorkerRequest): void {
    this.ensureWorker().postMessage(request);
  }

  private call<K extends RequestKind>(
    kind: K,
    payload: RequestMap[K]['payload'],
    options: CallOptions<RequestMap[K]['event']>,
    onAbort: (id: string) => void,
  ): Promise<RequestMap[K]['result']> {
    const id = newId();
    const { signal, onEvent } = options;
    if (signal?.aborted) return Promise.reject(new AppError('aborted', 'Cancelled before it started.'));
    return new Promise<RequestMap[K]['result']>((resolve, reject) => {
      const abort = () => onAbort(id);
      signal?.addEventListener('abort', abort, { once: true });
      const settle = () => signal?.removeEventListener('abort', abort);
      this.pending.set(id, {
        kind,
        resolve: ((value: RequestMap[K]['result']) => {
          settle();
          resolve(value);
        }) as (value: never) => void,
        reject: (error) => {
          settle();
          reject(error);
        },
        ...(onEvent ? { onEvent: onEvent as (event: never) => void } : {}),
      });
      this.send({ id, kind, payload } as WorkerRequest);
    });
  }

  private receive(response: WorkerResponse): void {
    const pending = this.pending.get(response.id);
    if (!pending) return;
    switch (response.type) {
      case 'event':
        pending.onEvent?.(response.event as never);
        return;
      case 'result':
        this.pending.delete(response.id);
        pending.resolve(response.result as never);
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

export function createModelWorker(): WorkerLike {
  return new Worker(new URL('../worker/entry.ts', import.meta.url), { type: 'module', name: 'sensa-model' });
}

/**
 * The recognizer gets a worker of its own: transformers.js runs one session at a time per
 * JavaScript context, so sharing the chat worker would queue a transcript behind a long answer.
 */
export function createSpeechWorker(): WorkerLike {
  return new Worker(new URL('../worker/entry.ts', import.meta.url), { type: 'module', name: 'sensa-speech' });
}

/** Text-to-speech in a third worker, so reading an answer aloud never waits for recognition or the next answer. */
export function createVoiceWorker(): WorkerLike {
  return new Worker(new URL('../worker/entry.ts', import.meta.url), { type: 'module', name: 'sensa-voice' });
}
