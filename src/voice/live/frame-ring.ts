// Live mode's memory of the camera: the latest few frames, each stamped with the microphone's clock, so a spoken turn
// can take the pictures from while the person spoke rather than from when live mode started (or when the answer began).

export interface StampedFrame {
  picture: Blob;
  /** Seconds of microphone audio heard when the frame was taken: the clock the voice detector's utterances use. */
  atSeconds: number;
}

/**
 * The latest frames, up to a hard cap; `evictBefore` drops what no turn can still ask for. The detector may judge the
 * audio well after it was heard (a busy machine, a detector still loading), so what counts as old is decided by how
 * far it has judged, not by the wall clock.
 */
export class FrameRing {
  readonly #capacity: number;
  #frames: StampedFrame[] = [];

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`a frame ring holds at least one frame, got ${capacity}`);
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#frames.length;
  }

  push(frame: StampedFrame): void {
    this.#frames.push(frame);
    if (this.#frames.length > this.#capacity) this.#frames.shift();
  }

  /** Drops frames taken before `seconds` of the microphone's clock. */
  evictBefore(seconds: number): void {
    const keepFrom = this.#frames.findIndex((f) => f.atSeconds >= seconds);
    this.#frames = keepFrom === -1 ? [] : this.#frames.slice(keepFrom);
  }

  clear(): void {
    this.#frames = [];
  }

  /**
   * Up to `max` frames taken between `startSeconds` and `endSeconds`, spread evenly and always including the last
   * one. A turn shorter than the capture interval has no frame inside it: then the latest frame taken before it
   * ended stands in (what the camera showed as the person spoke). Empty only when no frame is that old.
   */
  during(startSeconds: number, endSeconds: number, max: number): StampedFrame[] {
    if (max < 1) return [];
    const inside = this.#frames.filter((f) => f.atSeconds >= startSeconds && f.atSeconds <= endSeconds);
    if (inside.length === 0) {
      const before = this.#frames.filter((f) => f.atSeconds <= endSeconds).at(-1);
      return before ? [before] : [];
    }
    if (inside.length <= max) return inside;
    if (max === 1) return inside.slice(-1);
    // Evenly spaced picks, the first and the last included.
    const step = (inside.length - 1) / (max - 1);
    return Array.from({ length: max }, (_, i) => inside[Math.round(i * step)]).filter((f): f is StampedFrame => f !== undefined);
  }
}
