// Messages between the page and the VAD worker: microphone chunks in, speech events and finished utterances out.

import type { VadEvent } from './vad';

export type VadRequest =
  /** Samples at the microphone's rate; the buffer is transferred, not copied. */
  | { type: 'audio'; samples: Float32Array; sampleRate: number }
  | { type: 'reset' };

export type VadMessage =
  | { type: 'ready' }
  | { type: 'error'; message: string }
  | { type: 'event'; event: VadEvent }
  /** A finished utterance at 16 kHz, pre-speech pad included; sent right after its speech-end event. */
  | { type: 'utterance'; samples: Float32Array; startSeconds: number; endSeconds: number; decidedAtSeconds: number };
