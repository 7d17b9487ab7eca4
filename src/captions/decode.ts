// A video's or recording's sound as 16 kHz mono samples, read without holding the page for long.

import { AppError } from '../shared/errors';

const RATE = 16_000;
/** Samples averaged per slice before giving the page a turn: a few ms of work, so no task nears 50 ms. */
const SLICE = 1 << 18;

/**
 * decodeAudioData decodes and resamples off the main thread (to its context's rate); only mixing the channels runs
 * here, in slices. A mono file needs no mixing.
 */
export async function decodeSoundForCaptions(file: File): Promise<Float32Array> {
  let buffer: AudioBuffer;
  try {
    const context = new OfflineAudioContext(1, 1, RATE);
    buffer = await context.decodeAudioData(await file.arrayBuffer());
  } catch (cause) {
    throw new AppError('bad-media', `The browser could not read the sound of “${file.name}”.`, { cause });
  }
  if (buffer.numberOfChannels === 1) return buffer.getChannelData(0);
  const mono = new Float32Array(buffer.length);
  const channels = Array.from({ length: buffer.numberOfChannels }, (_, c) => buffer.getChannelData(c));
  for (let from = 0; from < mono.length; from += SLICE) {
    const to = Math.min(mono.length, from + SLICE);
    for (const channel of channels) for (let i = from; i < to; i++) mono[i] = (mono[i] ?? 0) + (channel[i] ?? 0) / channels.length;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return mono;
}
