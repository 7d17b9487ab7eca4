// The microphone's AudioWorklet: runs on the audio rendering thread and posts the input, downmixed to mono by the node,
// in chunks of about 32 ms at the microphone's own rate. Resampling to 16 kHz stays in the voice detector's worker
// (src/voice/vad/vad.ts's band-limited Resampler), off the audio thread, where a slow step cannot cause a glitch.

import { Chunker, chunkSamplesFor } from './chunker';
import { CAPTURE_PROCESSOR, STOP, type CaptureChunk } from './protocol';

// The AudioWorkletGlobalScope's names; TypeScript ships no lib for it.
declare const sampleRate: number;
declare function registerProcessor(name: string, processor: new (options: AudioWorkletNodeOptions) => CaptureProcessor): void;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
  constructor(options?: AudioWorkletNodeOptions);
}

class CaptureProcessor extends AudioWorkletProcessor {
  #chunker = new Chunker(chunkSamplesFor(sampleRate));
  #stopped = false;

  constructor(options: AudioWorkletNodeOptions) {
    super(options);
    this.port.onmessage = (event: MessageEvent<unknown>) => {
      if (event.data === STOP) this.#stopped = true;
    };
  }

  process(inputs: Float32Array[][]): boolean {
    // Returning false lets the browser drop the node once the page disconnected it.
    if (this.#stopped) return false;
    // No channel while the source is not yet (or no longer) connected: nothing to send, but stay alive.
    const mono = inputs[0]?.[0];
    if (!mono) return true;
    for (const samples of this.#chunker.push(mono)) {
      const chunk: CaptureChunk = { samples, sampleRate };
      this.port.postMessage(chunk, [samples.buffer]);
    }
    return true;
  }
}

registerProcessor(CAPTURE_PROCESSOR, CaptureProcessor);
