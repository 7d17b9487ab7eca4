// Peak levels of a sound for drawing its waveform.

/** Peak level per bucket, 0..1, rounded to two decimals (they are stored with the message). */
export function peaksOf(samples: Float32Array, buckets = 48): number[] {
  const peaks: number[] = [];
  const size = Math.max(1, Math.floor(samples.length / buckets));
  for (let b = 0; b < buckets; b++) {
    let peak = 0;
    const end = Math.min(samples.length, (b + 1) * size);
    for (let i = b * size; i < end; i++) peak = Math.max(peak, Math.abs(samples[i] ?? 0));
    peaks.push(Math.round(Math.min(1, peak) * 100) / 100);
  }
  return peaks;
}
