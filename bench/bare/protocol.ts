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
  | { type: 'load'; repo: string; device: 'webgpu' | 'wasm'; dtype: 'q4' }
  | { type: 'generate'; turns: BareTurn[]; settings: BareSettings };

export type BareResponse =
  | { type: 'loaded'; loadMs: number }
  | { type: 'first-token' }
  | { type: 'text'; text: string }
  | { type: 'generated'; text: string; tokens: number; timeToFirstTokenMs: number; tokensPerSecond: number }
  | { type: 'error'; message: string };
