// What a model is, in Sensa's words: where it runs, its variants and files, what it takes and how it answers.
// The catalog parses into these; the worker protocol and the UI both speak them.

import type { RemoteEndpoint } from './remote';

export type Device = 'webgpu' | 'wasm';

export type Dtype = 'fp32' | 'fp16' | 'q4' | 'q4f16' | 'q8';

export interface ModelFile {
  path: string;
  /** null when the catalog does not know the size yet. */
  bytes: number | null;
}

export type Modality = 'text' | 'image' | 'audio' | 'video';

export interface ModelDefaults {
  temperature: number;
  topP: number;
  topK: number;
  repetitionPenalty: number;
  maxNewTokens: number;
}

export interface DtypeFiles {
  files: ModelFile[];
  /** For models split into several ONNX graphs: the dtype each session loads in this variant. */
  sessions?: Record<string, Dtype>;
  /** Where the variant is known to work; absent means everywhere (Whisper's q8 decoder is gibberish on WebGPU). */
  devices?: Device[];
}

/** How Sensa finds a model's thinking in its output; absent where the model cannot think or Sensa cannot parse it yet. */
export interface ThinkingTags {
  open: string;
  close: string;
}

/** What the model is for: chat models appear in the picker; the recognizer serves the others. */
export type ModelTask = 'chat' | 'speech-recognition' | 'text-to-speech' | 'feature-extraction' | 'text-to-image';

/** How an embedding model is used: the prefixes it was trained with, its pooling, and its vector width. */
export interface EmbeddingSpec {
  queryPrefix: string;
  passagePrefix: string;
  pooling: 'mean' | 'cls';
  dimensions: number;
}

/** A voice of a text-to-speech model: its style file in the repo. */
export interface Voice {
  id: string;
  name: string;
  path: string;
}

/** Input limits of the model itself, told to the person before they attach something too big. */
export interface MediaLimits {
  maxImages: number;
  /** The longest clip the model hears directly; longer clips must be transcribed. */
  maxAudioSeconds: number;
  /** Frames sampled from a video, evenly over its length. */
  videoFrames: number;
  /** Audio clips one prompt may hold (Gemma 4's processor reads only the first). */
  maxAudioClips?: number;
}

export interface ModelSpec {
  /** Set for a model on a server the person added: it runs there, and messages leave this device. */
  remote?: RemoteEndpoint;
  id: string;
  name: string;
  repo: string;
  revision: string;
  architecture: string;
  task: ModelTask;
  inputs: Modality[];
  outputs: Modality[];
  /** The model has a thinking mode (its chat template reads enable_thinking). */
  reasoning: boolean;
  /** Set where Sensa can show the thinking; a reasoning model without it is always asked to answer directly. */
  thinking?: ThinkingTags;
  contextLength: number;
  license: string;
  summary: string;
  defaults: ModelDefaults;
  dtypes: Partial<Record<Dtype, DtypeFiles>>;
  media?: MediaLimits;
  voices?: Voice[];
  /** The languages a text-to-speech model speaks (ISO 639-1); read-aloud refuses text in any other. */
  speechLanguages?: string[];
  embedding?: EmbeddingSpec;
  /** Where catalog facts came from and what could not be confirmed (see e2e/fixtures/replicas/). */
  notes: string[];
}
