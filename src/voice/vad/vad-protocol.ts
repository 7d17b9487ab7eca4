// The VAD worker's requests over the shared RPC: microphone chunks in; speech events and finished utterances stream back on `listen`.

import { isRpcRequest, type RpcRequest, type RpcResponse } from '../../shared/rpc';
import type { VadEvent } from './vad';

export interface AudioChunk {
  /** Samples at the microphone's rate; the buffer is transferred, not copied. */
  samples: Float32Array;
  sampleRate: number;
}

export type ListenEvent =
  /** The detector is loaded; what is heard from now on is judged. */
  | { type: 'ready' }
  | { type: 'vad'; event: VadEvent }
  /** A finished utterance at 16 kHz, pre-speech pad included; sent right after its speech-end event, its buffer transferred. */
  | { type: 'utterance'; samples: Float32Array; startSeconds: number; endSeconds: number; decidedAtSeconds: number };

/** Ties each request kind to its payload, result and event types; a type alias, so it satisfies RpcMap. */
export type VadRpc = {
  /**
   * Long-lived: streams what the detector hears until cancelled, then ends with the count of utterances it sent.
   * A detector that cannot be loaded ends it with a named error (network, model-corrupt, ...).
   */
  listen: { payload: Record<string, never>; result: { utterances: number }; event: ListenEvent };
  /** One chunk of microphone audio, judged in order; what it completes goes to the listener. */
  audio: { payload: AudioChunk; result: { events: number }; event: never };
  /** Starts a new stream: model state, partial frame, resampler and the audio history. */
  reset: { payload: Record<string, never>; result: { reset: true }; event: never };
  /**
   * How long a silence ends an utterance, in ms (rounded to whole 32 ms frames); applies from the next chunk, and to a
   * detector loaded later. Answers with the frames it became.
   */
  configure: { payload: { endOfSpeechMs: number }; result: { redemptionFrames: number }; event: never };
};

export type VadRequest = RpcRequest<VadRpc>;
export type VadResponse = RpcResponse<VadRpc>;

const KINDS: ReadonlySet<string> = new Set<keyof VadRpc>(['listen', 'audio', 'reset', 'configure']);

export function isVadRequest(value: unknown): value is VadRequest {
  return isRpcRequest<VadRpc>(value, KINDS);
}
