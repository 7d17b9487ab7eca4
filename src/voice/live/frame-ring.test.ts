// The frame ring keeps only the latest frames and picks those from while the person spoke.

import { describe, expect, it } from 'vitest';
import { FrameRing, type StampedFrame } from './frame-ring';

const frame = (atSeconds: number): StampedFrame => ({ picture: new Blob([String(atSeconds)]), atSeconds });
const times = (frames: StampedFrame[]) => frames.map((f) => f.atSeconds);

function ringOf(capacity: number, stamps: number[]): FrameRing {
  const ring = new FrameRing(capacity);
  for (const at of stamps) ring.push(frame(at));
  return ring;
}

describe('FrameRing', () => {
  it('forgets the oldest frames beyond its capacity', () => {
    const ring = ringOf(3, [0, 0.5, 1, 1.5, 2]);
    expect(ring.size).toBe(3);
    expect(times(ring.during(0, 10, 10))).toEqual([1, 1.5, 2]);
  });

  it('takes the frames from while the person spoke, not from the start or after', () => {
    const ring = ringOf(20, [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4]);
    expect(times(ring.during(1.2, 2.6, 5))).toEqual([1.5, 2, 2.5]);
  });

  it('spreads a long turn over at most `max` frames, keeping the first and the last', () => {
    const ring = ringOf(20, [0, 0.5, 1, 1.5, 2, 2.5, 3]);
    expect(times(ring.during(0, 3, 3))).toEqual([0, 1.5, 3]);
    expect(times(ring.during(0, 3, 1))).toEqual([3]);
    expect(times(ring.during(0, 3, 2))).toEqual([0, 3]);
  });

  it('falls back to the latest frame before the end of a turn shorter than the capture interval', () => {
    const ring = ringOf(20, [0, 0.5, 1, 1.5]);
    expect(times(ring.during(1.1, 1.3, 3))).toEqual([1]);
    // Nothing that old: nothing to show.
    expect(ringOf(5, [2, 2.5]).during(0.2, 0.4, 3)).toEqual([]);
  });

  it('keeps frames the detector has not judged yet, however many seconds behind it runs, and drops older ones', () => {
    const ring = ringOf(100, [0, 0.5, 1, 1.5, 2, 2.5, 3]);
    ring.evictBefore(1.5);
    expect(times(ring.during(0, 10, 10))).toEqual([1.5, 2, 2.5, 3]);
    ring.evictBefore(9);
    expect(ring.size).toBe(0);
  });

  it('refuses a ring that could hold nothing', () => {
    expect(() => new FrameRing(0)).toThrow(RangeError);
  });
});
