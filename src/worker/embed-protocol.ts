// The embedder worker's requests: load an embedding model, turn texts into vectors, with the engine's own figures.

import { isRpcRequest, type RpcRequest, type RpcResponse } from '../shared/rpc';
import type { LoadEvent, LoadPayload } from './protocol';

export interface EmbedderLoadPayload extends LoadPayload {
  pooling: 'mean' | 'cls';
}

export interface EmbedderLoadResult {
  dimensions: number;
  loadMs: number;
}

export interface EmbedPayload {
  texts: string[];
  /** The model's prefix for queries or passages (E5: "query: ", "passage: "), added in the worker. */
  prefix: string;
}

/** Vectors row by row in one buffer (transferred, not copied), and what the engine did to make them. */
export interface EmbedResult {
  vectors: Float32Array;
  dimensions: number;
  ms: number;
  /** Since this worker started: how many embed calls ran and how many texts they embedded. */
  figures: EmbedderFigures;
}

export interface EmbedderFigures {
  calls: number;
  texts: number;
}

export interface EmbedEvent {
  type: 'embedded';
  done: number;
  total: number;
}

export type EmbedderRpc = {
  'load-embedder': { payload: EmbedderLoadPayload; result: EmbedderLoadResult; event: LoadEvent };
  embed: { payload: EmbedPayload; result: EmbedResult; event: EmbedEvent };
};

export type EmbedderRequest = RpcRequest<EmbedderRpc>;
export type EmbedderResponse = RpcResponse<EmbedderRpc>;

const KINDS: ReadonlySet<string> = new Set<keyof EmbedderRpc>(['load-embedder', 'embed']);

export function isEmbedderRequest(value: unknown): value is EmbedderRequest {
  return isRpcRequest<EmbedderRpc>(value, KINDS);
}
