// Download speed and time left, from the progress samples a load reports, over a recent window so a stall shows quickly.

export interface RateSample {
  at: number;
  loaded: number;
}

/** Keeps samples of the last `windowMs`, always at least the latest two. */
export function addSample(samples: readonly RateSample[], sample: RateSample, windowMs = 5000): RateSample[] {
  const next = [...samples, sample];
  const cutoff = sample.at - windowMs;
  while (next.length > 2 && (next[0]?.at ?? Infinity) < cutoff) next.shift();
  return next;
}

/** Bytes per second over the window, or null until there is a second's worth of evidence. */
export function bytesPerSecond(samples: readonly RateSample[]): number | null {
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last || last.at - first.at < 1000) return null;
  return Math.max(0, (last.loaded - first.loaded) / ((last.at - first.at) / 1000));
}

/** Seconds left at the current rate; null when the rate is unknown or zero (a stall has no honest estimate). */
export function secondsLeft(loaded: number, total: number, rate: number | null): number | null {
  if (rate === null || rate <= 0 || total <= loaded) return null;
  return (total - loaded) / rate;
}
