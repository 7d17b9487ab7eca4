// Gathers the audio thread's 128-sample render quanta into fixed-size chunks for the voice detector's worker.

/**
 * How long each chunk sent to the voice detector lasts: one Silero frame (512 samples at 16 kHz). Shorter chunks
 * mean more messages for no gain (the detector decides once per frame); longer ones delay every decision by the wait
 * for the chunk to fill. ScriptProcessorNode's 4096 samples at 48 kHz were 85 ms.
 */
export const CHUNK_SECONDS = 0.032;

/** Samples per chunk at a microphone rate: 1536 at 48 kHz, 1411 at 44.1 kHz, 512 at 16 kHz. */
export function chunkSamplesFor(sampleRate: number): number {
  if (!(Number.isFinite(sampleRate) && sampleRate > 0)) throw new RangeError(`sample rate must be positive, got ${sampleRate}`);
  return Math.max(1, Math.round(sampleRate * CHUNK_SECONDS));
}

/**
 * Cuts a stream of mono blocks of any length into chunks of exactly `size` samples, in order, with no sample lost or
 * repeated. Each chunk is a fresh buffer, so it can be transferred to another thread while the next one fills. Pure,
 * so it is tested in Node; the worklet only feeds it.
 */
export class Chunker {
  readonly size: number;
  #pending: Float32Array;
  #filled = 0;

  constructor(size: number) {
    if (!(Number.isSafeInteger(size) && size > 0)) throw new RangeError(`chunk size must be a whole number > 0, got ${size}`);
    this.size = size;
    this.#pending = new Float32Array(size);
  }

  /** Samples waiting for the next chunk to fill. */
  get pending(): number {
    return this.#filled;
  }

  /** Adds a block; returns the chunks it completed (none, one, or several for a block longer than a chunk). */
  push(block: Float32Array): Float32Array[] {
    const done: Float32Array[] = [];
    let offset = 0;
    while (offset < block.length) {
      const take = Math.min(this.size - this.#filled, block.length - offset);
      this.#pending.set(block.subarray(offset, offset + take), this.#filled);
      this.#filled += take;
      offset += take;
      if (this.#filled === this.size) {
        done.push(this.#pending);
        this.#pending = new Float32Array(this.size);
        this.#filled = 0;
      }
    }
    return done;
  }
}
