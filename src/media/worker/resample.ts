// Sound brought to the recognizers' 16 kHz, a piece at a time, in a worker (where Web Audio's resampler does not exist).

/**
 * A resampler fed pieces of one mono stream in order. libsamplerate's sinc converter (its WASM port,
 * @alexanderolsen/libsamplerate-js, "full" API) keeps its filter state between pieces, so the pieces join without a
 * click, and it low-passes before dropping samples: 48 kHz brought to 16 kHz by plain interpolation (mediabunny's
 * own resampler, `src/resample.ts`: "naive linear interpolation") would fold 8-24 kHz back into the speech band.
 */
export interface MonoResampler {
  /** The 16 kHz samples for this piece; may hold back the filter's few ms until the next piece. */
  push(piece: Float32Array): Float32Array;
  close(): void;
}

/** The WASM module (1.4 MB gzip, mostly sinc tables) loads only when a file is not at the target rate already. */
export async function createMonoResampler(fromRate: number, toRate: number): Promise<MonoResampler> {
  if (fromRate === toRate) return { push: (piece) => piece, close: () => {} };
  const { create, ConverterType } = await import('@alexanderolsen/libsamplerate-js');
  // SINC_FASTEST is still band-limited (libsamplerate: 97 dB SNR, 80 % bandwidth); the better ones cost 3-10x the time
  // for differences a speech recognizer cannot hear.
  const converter = await create(1, fromRate, toRate, { converterType: ConverterType.SRC_SINC_FASTEST });
  return {
    push: (piece) => converter.full(piece),
    close: () => converter.destroy(),
  };
}

/** The channels of one decoded piece averaged into `out` (which must hold `frames` samples). */
export function mixToMono(planes: readonly Float32Array[], frames: number, out: Float32Array): Float32Array {
  const count = planes.length;
  if (count === 1) {
    out.set(planes[0]!.subarray(0, frames));
    return out;
  }
  out.fill(0, 0, frames);
  for (const plane of planes) for (let i = 0; i < frames; i++) out[i] = (out[i] ?? 0) + (plane[i] ?? 0) / count;
  return out;
}
