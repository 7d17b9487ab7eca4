// The media worker's requests over the shared RPC: pictures decoded and scaled, and sound decoded to 16 kHz, off the UI
// thread. Blobs pass as handles (no copy of the bytes).

import { isRpcRequest, type RpcRequest, type RpcResponse } from '../../shared/rpc';
import type { PreparedImage } from './image';
import type { DecodedSoundSummary, SoundEvent } from './sound';

export interface DecodeImagePayload {
  blob: Blob;
  maxEdge: number;
  thumbnailEdge: number;
  /** Kept as JPEG (a photo) rather than PNG (a screenshot or diagram). */
  photo: boolean;
}

/** Ties each request kind to its payload, result and event types; a type alias, so it satisfies RpcMap. */
export type MediaRpc = {
  /** Fails with `bad-media` when the browser cannot decode the picture. */
  decodeImage: { payload: DecodeImagePayload; result: PreparedImage; event: never };
  /**
   * The sound as 16 kHz mono: progress events, then one `samples` event (its buffer transferred). Fails with
   * `unsupported-input` where the worker cannot decode it (the page then uses Web Audio).
   */
  decodeSound: { payload: { blob: Blob }; result: DecodedSoundSummary; event: SoundEvent };
};

export type MediaRequest = RpcRequest<MediaRpc>;
export type MediaResponse = RpcResponse<MediaRpc>;

const KINDS: ReadonlySet<string> = new Set<keyof MediaRpc>(['decodeImage', 'decodeSound']);

export function isMediaRequest(value: unknown): value is MediaRequest {
  return isRpcRequest<MediaRpc>(value, KINDS);
}
