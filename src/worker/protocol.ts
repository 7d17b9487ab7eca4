// The one typed boundary between the UI thread and the model worker: requests, their results and events.

import type { SerializedError } from '../shared/errors';

export type Device = 'webgpu' | 'wasm';
export type Dtype = 'fp32' | 'fp16' | 'q4' | 'q4f16' | 'q8';

export interface ModelFile {
  path: string;
  /** null when the catalog does not know the size yet. */
  bytes: number | null;
}

export interface LoadPayload {
  repo: string;
  revision: string;
  architecture: string;
  device: Device;
  dtype: Dtype;
}

export interface FileProgress {
  file: string;
  loaded: number;
  total: number;
  done: boolean;
}

export type LoadEvent =
  | { type: 'download'; files: FileProgress[]; loaded: number; total: number }
  | { type: 'stage'; stage: 'initializing' | 'warming-up' };

export interface LoadResult {
  device: Device;
  dtype: Dtype;
  /** Files that came over the network during this load; 0 means everything came from the cache. */
  downloadedFiles: number;
  loadMs: number;
}

export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface GenerationSettings {
  temperature: number;
  topP: number;
  topK: number;
  repetitionPenalty: number;
  maxNewTokens: number;
  /** Only meaningful for reasoning models whose chat template reads `enable_thinking`. */
  enableThinking: boolean;
}

export interface GeneratePayload {
  turns: ChatTurn[];
  settings: GenerationSettings;
}

export type GenerateEvent = { type: 'delta'; text: string; tokens: number };

export type FinishReason = 'eos' | 'length' | 'stopped';

export interface GenerateResult {
  text: string;
  tokens: number;
  finishReason: FinishReason;
  timeToFirstTokenMs: number;
  tokensPerSecond: number;
  promptTokens: number;
  /** Prompt tokens served from the conversation's KV cache instead of being prefilled again. */
  reusedTokens: number;
}

/** Ties each request kind to its payload, result and event types. */
export interface RequestMap {
  load: { payload: LoadPayload; result: LoadResult; event: LoadEvent };
  generate: { payload: GeneratePayload; result: GenerateResult; event: GenerateEvent };
  cancel: { payload: { targetId: string }; result: { cancelled: boolean }; event: never };
  unload: { payload: Record<string, never>; result: { unloaded: boolean }; event: never };
  /** Fault injection for end-to-end tests (reached only through the page's opt-in test hook). */
  debug: { payload: { action: 'lose-device' }; result: { done: boolean }; event: never };
}

export type RequestKind = keyof RequestMap;

export type WorkerRequest = {
  [K in RequestKind]: { id: string; kind: K; payload: RequestMap[K]['payload'] };
}[RequestKind];

export type WorkerResponse =
  | {
      [K in RequestKind]:
        | { id: string; kind: K; type: 'result'; result: RequestMap[K]['result'] }
        | { id: string; kind: K; type: 'event'; event: RequestMap[K]['event'] };
    }[RequestKind]
  | { id: string; kind: RequestKind; type: 'error'; error: SerializedError };

export interface CallOptions<E> {
  signal?: AbortSignal;
  onEvent?: (event: E) => void;
}

/**
 * What the UI calls. The worker client and the in-worker engine both implement it, so the UI
 * does not know a worker exists and the handler can be tested against a fake.
 */
export interface ChatEngine {
  load(payload: LoadPayload, options?: CallOptions<LoadEvent>): Promise<LoadResult>;
  generate(payload: GeneratePayload, options?: CallOptions<GenerateEvent>): Promise<GenerateResult>;
  unload(): Promise<{ unloaded: boolean }>;
  debug(payload: RequestMap['debug']['payload']): Promise<{ done: boolean }>;
}

const KINDS: ReadonlySet<string> = new Set<RequestKind>(['load', 'generate', 'cancel', 'unload', 'debug']);

/** Messages arrive as structured clones of unknown shape; check the envelope before trusting it. */
export function isWorkerRequest(value: unknown): value is WorkerRequest {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.id === 'string' && typeof candidate.kind === 'string' && KINDS.has(candidate.kind) && typeof candidate.payload === 'object' && candidate.payload !== null;
}

export function isWorkerResponse(value: unknown): value is WorkerResponse {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.id === 'string' && (candidate.type === 'result' || candidate.type === 'event' || candidate.type === 'error');
}
