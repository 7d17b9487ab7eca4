// The UI's handle on the model worker: a ChatEngine that speaks the typed protocol and restarts the worker when it must.

import { AppError } from '../shared/errors';
import { RpcClient, type RpcMap, type WorkerLike } from '../shared/rpc';
import type {
  CaptionEvent,
  CaptionPayload,
  CaptionResult,
  CallOptions,
  ChatEngine,
  GenerateEvent,
  GeneratePayload,
  GenerateResult,
  LoadEvent,
  LoadPartsPayload,
  LoadPartsResult,
  LoadPayload,
  LoadResult,
  RequestMap,
  SpeakPayload,
  DrawEvent,
  DrawPayload,
  DrawResult,
  SpeakResult,
  TranscribePayload,
  TranscribeResult,
} from '../worker/protocol';

export type { WorkerLike };

export class WorkerEngineClient implements ChatEngine {
  private readonly rpc: RpcClient<RequestMap>;

  constructor(spawn: () => WorkerLike) {
    // transformers.js cannot abandon a load halfway, nor ONNX Runtime a recognition: aborting those means a fresh
    // worker. A generation checks its stopping criteria and a sentence of speech is short: those are cancelled.
    this.rpc = new RpcClient<RequestMap>(spawn, 'The model engine', { load: 'restart', transcribe: 'restart' });
  }

  async load(payload: LoadPayload, options: CallOptions<LoadEvent> = {}): Promise<LoadResult> {
    try {
      return await this.rpc.call('load', payload, options);
    } catch (error) {
      // A failed load can leave half its sessions and their memory behind (the queue that let one failure poison
      // every later load is fixed at build time, scripts/onnx-chain-fix.ts): a failed load gets a fresh worker.
      if (!this.rpc.busy) this.restart(new AppError('aborted', 'Restarting the engine after a failed load.'));
      throw error;
    }
  }

  loadParts(payload: LoadPartsPayload, options: CallOptions<LoadEvent> = {}): Promise<LoadPartsResult> {
    // Unlike a load, a cancelled encoder download must not take the running text model with it: the worker
    // stops waiting at once and lets the download finish into the cache (see TransformersEngine.loadParts).
    return this.rpc.call('load-parts', payload, options);
  }

  generate(payload: GeneratePayload, options: CallOptions<GenerateEvent> = {}): Promise<GenerateResult> {
    return this.rpc.call('generate', payload, options);
  }

  transcribe(payload: TranscribePayload, options: CallOptions<LoadEvent> = {}): Promise<TranscribeResult> {
    return this.rpc.call('transcribe', payload, options);
  }

  /** Cancelled, not restarted: the worker stops between decoding steps and answers with the cues so far. */
  caption(payload: CaptionPayload, options: CallOptions<CaptionEvent> = {}): Promise<CaptionResult> {
    // The samples' buffer moves to the worker: the caller's array is empty afterwards.
    return this.rpc.call('caption', payload, { ...options, transfer: [payload.pcm.buffer] });
  }

  speak(payload: SpeakPayload, options: CallOptions<LoadEvent> = {}): Promise<SpeakResult> {
    return this.rpc.call('speak', payload, options);
  }

  draw(payload: DrawPayload, options: CallOptions<DrawEvent> = {}): Promise<DrawResult> {
    return this.rpc.call('draw', payload, options);
  }

  unload(): Promise<{ unloaded: boolean }> {
    return this.rpc.call('unload', {});
  }

  unloadImage(): Promise<{ unloaded: boolean }> {
    return this.rpc.call('unload-image', {});
  }

  /**
   * This worker's RPC under a wider request map, for requests that are no ChatEngine's business: the test build's
   * fault injection (src/app/test-api.ts). Calling a kind the worker does not serve never returns, so only a
   * caller that knows the worker serves `M` may use it.
   */
  rpcWith<M extends RpcMap>(): RpcClient<RequestMap & M> {
    return this.rpc as unknown as RpcClient<RequestMap & M>;
  }

  /** Ends every pending call with `reason` and replaces the worker; the next call spawns a new one. */
  restart(reason: AppError): void {
    this.rpc.restart(reason);
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
