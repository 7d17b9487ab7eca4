// What the page and the capture worklet share: the processor's name and the message it posts.

export const CAPTURE_PROCESSOR = 'sensa-capture';

/** One chunk of microphone audio, mono, at the AudioContext's rate; its buffer is transferred. */
export interface CaptureChunk {
  samples: Float32Array;
  sampleRate: number;
}

/** What the page tells the worklet: stop processing (the browser may then drop the node). */
export const STOP = 'stop';
