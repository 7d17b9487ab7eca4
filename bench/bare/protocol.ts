// Messages between the bare baseline page and its worker (bench only; the app has its own protocol).

export interface BareTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface BareSettings {
  maxNewTokens: number;
  repetitionPenalty: number;
}

export type BareRequest =
  /** `threads`: ONNX Runtime's WASM threads, set before the first session (the bench gives the app's count, or 1). */
  | { type: 'load'; repo: string; device: 'webgpu' | 'wasm'; dtype: 'q4' | 'q4f16'; threads?: number }
  | { type: 'generate'; turns: BareTurn[]; settings: BareSettings }
  /** Janus-Pro through MultiModalityCausalLM; `dtype` per session, as the app asks for its variant on this device. */
  | { type: 'load-painter'; repo: string; device: 'webgpu' | 'wasm'; dtype: Record<string, string>; threads?: number }
  | { type: 'draw'; prompt: string; seed: number; guidance: number };

export type BareResponse =
  | { type: 'loaded'; loadMs: number }
  | { type: 'first-token' }
  | { type: 'text'; text: string }
  | { type: 'generated'; text: string; tokens: number; timeToFirstTokenMs: number; tokensPerSecond: number }
  | { type: 'painter-loaded'; loadMs: number }
  /** `ms`: the call's start to the PNG, like the app's painter; `png`: the encoded picture, to compare bytes. */
  | { type: 'drawn'; ms: number; imageTokens: number; imageTokensPerSecond: number; png: ArrayBuffer }
  | { type: 'error'; message: string };
