// The reader worker's requests: one file in, its pages, chunks and findings out, with progress per page.

import { isRpcRequest, type RpcRequest, type RpcResponse } from '../../shared/rpc';
import type { Chunk, DocumentFormat, DocumentNotices, DocumentPage } from '../../domain/document';

export interface ReadPayload {
  file: Blob;
  name: string;
  /** For an encrypted PDF: what the person typed. Used for this read only, never stored. */
  password?: string;
}

export interface ReadResult {
  format: DocumentFormat;
  title: string;
  pages: DocumentPage[];
  chunks: Chunk[];
  words: number;
  notices: DocumentNotices;
  ms: number;
}

export interface ReadEvent {
  type: 'page';
  read: number;
  total: number;
}

export type ReaderRpc = {
  /** Fails with `bad-media` and the person's words for anything it will not read, `password-required` for a locked PDF. */
  read: { payload: ReadPayload; result: ReadResult; event: ReadEvent };
};

export type ReaderRequest = RpcRequest<ReaderRpc>;
export type ReaderResponse = RpcResponse<ReaderRpc>;

const KINDS: ReadonlySet<string> = new Set<keyof ReaderRpc>(['read']);

export function isReaderRequest(value: unknown): value is ReaderRequest {
  return isRpcRequest<ReaderRpc>(value, KINDS);
}
