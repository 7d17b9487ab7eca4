// The one typed boundary between the UI thread and the model worker: requests, their results and events.
// It speaks the domain's types (src/domain/) and adds only what exists on the wire.

import { isRpcRequest, type RpcRequest, type RpcResponse } from '../shared/rpc';
import type { MediaPart } from '../shared/model-parts';
import type { Device, Dtype } from '../domain/model';
import type { ChatTurn, EncoderRuns, FinishReason, GenerationSettings } from '../domain/turn';
import type { ToolCallFormat, ToolDefinition } from '../domain/tool-call';
import type { Cue } from '../domain/caption';


export interface LoadPayload {
  repo: string;
  revision: string;
  architecture: string;
  device: Device;
  dtype: Dtype;
  /**
   * Per ONNX session dtypes for models split into several graphs (vision encoder, audio encoder,
   * embeddings, decoder); a session not named here uses `dtype`.
   */
  sessions?: Record<string, Dtype>;
  /**
   * For models whose encoders load on first use (Gemma 4): the encoders to load now, because the conversation
   * already holds what they read. The others wait for `load-parts`. Ignored by models that load everything at once.
   */
  parts?: MediaPart[];
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
  /** ONNX Runtime's CPU threads, for a load on WASM (absent on WebGPU): every core when the page is cross-origin isolated, else 1. */
  threads?: number;
  /**
   * Downloaded but refused by storage (a full disk or quota): the model runs now, but these bytes will be
   * downloaded again next time. Absent when everything was stored.
   */
  notStored?: { files: number; bytes: number };
  /** Encoders not loaded yet: the first turn that needs one asks for it with `load-parts`. Absent for models loaded whole. */
  lazyParts?: MediaPart[];
  /** The tool-call format the model's chat template speaks; absent when it renders no tools (the model gets none). */
  toolFormat?: ToolCallFormat;
}

/** Adds encoders to the loaded model, downloading them if this device has not got them yet. */
export interface LoadPartsPayload {
  parts: MediaPart[];
}

export interface LoadPartsResult {
  /** The encoders still not loaded. */
  lazyParts: MediaPart[];
  /** Files that came over the network; 0 means the encoders were already stored on this device. */
  downloadedFiles: number;
  loadMs: number;
  notStored?: { files: number; bytes: number };
}

export interface GeneratePayload {
  turns: ChatTurn[];
  settings: GenerationSettings;
  /** Given to the chat template; only for models whose load reported a `toolFormat`. */
  tools?: ToolDefinition[];
}

export type GenerateEvent = { type: 'delta'; text: string; tokens: number };

export interface GenerateResult {
  text: string;
  tokens: number;
  finishReason: FinishReason;
  timeToFirstTokenMs: number;
  tokensPerSecond: number;
  promptTokens: number;
  /** Prompt tokens served from the conversation's KV cache instead of being prefilled again. */
  reusedTokens: number;
  /** The answer's token ids, stop token included; sent back with the answer next turn (ChatTurn.answerIds). */
  answerIds?: number[];
  /** Encoder runs this answer needed (multimodal models only). */
  encoderRuns?: EncoderRuns;
}

export interface TranscribePayload {
  /** The recognizer to use, loaded on first use and kept while later clips arrive. */
  model: LoadPayload;
  pcm: Blob;
  /** A Whisper language code ("es") or name ("spanish"); omitted, the recognizer detects it from the audio. */
  language?: string;
}

export interface TranscribeResult {
  text: string;
  audioSeconds: number;
  /** Time spent recognising, after the model was ready. */
  ms: number;
  /** The spoken language's code ("es"): the one asked for, or the one Whisper detected. */
  language?: string;
}

export interface CaptionPayload {
  /** The recognizer (Whisper), loaded on first use and kept. */
  model: LoadPayload;
  /**
   * Mono float32 samples at 16 kHz, any length: the worker reads it in 30 s windows. Handed over, not copied (the
   * client transfers its buffer): a Blob of a 10-minute clip's 38 MB took about 290 ms of the page to build here.
   */
  pcm: Float32Array<ArrayBuffer>;
  /** A Whisper language code ("es") or name ("spanish"); omitted, the recognizer detects it from the first 30 s. */
  language?: string;
}

/** Loading progress, then the cues of each window as it is done (times from the start of the clip). */
export type CaptionEvent = LoadEvent | { type: 'cues'; cues: Cue[]; doneSeconds: number; totalSeconds: number };

export interface CaptionResult {
  cues: Cue[];
  audioSeconds: number;
  /** Seconds of audio read before the end or Stop. */
  doneSeconds: number;
  /** Stop was pressed: `cues` are those of the windows finished before it. */
  stopped: boolean;
  /** Time spent recognising, after the model was ready. */
  ms: number;
}

export interface SpeakPayload {
  /** The text-to-speech model, loaded on first use and kept for the next sentence. */
  model: LoadPayload;
  /** One sentence or so: playback starts on the first while the next is synthesized. */
  text: string;
  /** Path of the voice's style file in the model repo, e.g. voices/F1.bin. */
  voice: string;
  /** 1 is the model's normal pace. */
  speed: number;
  /**
   * The text's language (ISO 639-1) for a voice that takes it as a tag (Supertonic 2: `<es>…</es>`); one of the
   * model's speechLanguages. Absent: the text goes in as it is.
   */
  language?: string;
}

export interface SpeakResult {
  /** Mono float32 little-endian samples. */
  pcm: Blob;
  sampleRate: number;
  /** Time spent synthesizing, after the model was ready. */
  ms: number;
}

export interface DrawPayload {
  /** The image model, loaded on first use and kept for the next picture. */
  model: LoadPayload;
  prompt: string;
  /** Picture i of the call is drawn from seed + i, so each can be drawn again alone. */
  seed: number;
  /** Classifier-free guidance; 1 or less turns it off. Janus' authors use 5. */
  guidance: number;
  /** 1 to 4 pictures. */
  count: number;
}

export type DrawEvent = LoadEvent | { type: 'image-token'; done: number; total: number; elapsedMs: number };

export interface DrawResult {
  /** PNGs, in seed order. */
  pictures: Blob[];
  width: number;
  height: number;
  imageTokens: number;
  /** From the call's start (prompt included) to the last PNG, after the model was ready. */
  ms: number;
  imageTokensPerSecond: number;
}

/** Ties each request kind to its payload, result and event types; `cancel` is built into the RPC (shared/rpc.ts). */
// A type alias, not an interface: only aliases satisfy RpcMap's index signature.
export type RequestMap = {
  load: { payload: LoadPayload; result: LoadResult; event: LoadEvent };
  'load-parts': { payload: LoadPartsPayload; result: LoadPartsResult; event: LoadEvent };
  generate: { payload: GeneratePayload; result: GenerateResult; event: GenerateEvent };
  transcribe: { payload: TranscribePayload; result: TranscribeResult; event: LoadEvent };
  caption: { payload: CaptionPayload; result: CaptionResult; event: CaptionEvent };
  speak: { payload: SpeakPayload; result: SpeakResult; event: LoadEvent };
  draw: { payload: DrawPayload; result: DrawResult; event: DrawEvent };
  unload: { payload: Record<string, never>; result: { unloaded: boolean }; event: never };
  'unload-image': { payload: Record<string, never>; result: { unloaded: boolean }; event: never };
};

export type RequestKind = keyof RequestMap;

export type WorkerRequest = RpcRequest<RequestMap>;

export type WorkerResponse = RpcResponse<RequestMap>;

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
  /** Loads encoders the loaded model left for later; the text parts keep running whatever happens to the download. */
  loadParts(payload: LoadPartsPayload, options?: CallOptions<LoadEvent>): Promise<LoadPartsResult>;
  generate(payload: GeneratePayload, options?: CallOptions<GenerateEvent>): Promise<GenerateResult>;
  transcribe(payload: TranscribePayload, options?: CallOptions<LoadEvent>): Promise<TranscribeResult>;
  /** Timestamped transcription of a clip of any length, window by window; Stop ends it with the cues so far. */
  caption(payload: CaptionPayload, options?: CallOptions<CaptionEvent>): Promise<CaptionResult>;
  speak(payload: SpeakPayload, options?: CallOptions<LoadEvent>): Promise<SpeakResult>;
  /** Draws pictures with the image model; Stop (the signal) ends it with 'aborted' and no picture. */
  draw(payload: DrawPayload, options?: CallOptions<DrawEvent>): Promise<DrawResult>;
  unload(): Promise<{ unloaded: boolean }>;
  /** Gives back the image model's memory; the next drawing loads it again. */
  unloadImage(): Promise<{ unloaded: boolean }>;
}

export const REQUEST_KINDS: ReadonlySet<string> = new Set<RequestKind>(['load', 'load-parts', 'generate', 'transcribe', 'caption', 'speak', 'draw', 'unload', 'unload-image']);

export function isWorkerRequest(value: unknown): value is WorkerRequest {
  return isRpcRequest<RequestMap>(value, REQUEST_KINDS);
}
