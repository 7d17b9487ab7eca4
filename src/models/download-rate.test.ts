import { describe, expect, it } from 'vitest';
import { addSample, bytesPerSecond, secondsLeft, type RateSample } from './download-rate';

describe('download rate', () => {
  it('needs a second of samples before it names a speed', () => {
    let samples: RateSample[] = [];
    samples = addSample(samples, { at: 0, loaded: 0 });
    samples = addSample(samples, { at: 500, loaded: 1_000_000 });
    expect(bytesPerSecond(samples)).toBeNull();
    samples = addSample(samples, { at: 2000, loaded: 4_000_000 });
    expect(bytesPerSecond(samples)).toBe(2_000_000);
  });

  it('follows the recent rate, so a slowdown shows within the window', () => {
    let samples: RateSample[] = [];
    for (let t = 0; t <= 12_000; t += 1000) samples = addSample(samples, { at: t, loaded: t < 6000 ? t * 10_000 : 60_000_000 + (t - 6000) * 1000 });
    expect(bytesPerSecond(samples)).toBe(1_000_000);
  });

  it('estimates time left, and gives none for a stall', () => {
    expect(secondsLeft(1_000, 11_000, 1_000)).toBe(10);
    expect(secondsLeft(1_000, 11_000, 0)).toBeNull();
    expect(secondsLeft(11_000, 11_000, 500)).toBeNull();
  });
});
