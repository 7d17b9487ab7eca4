// A video's or recording's sound as 16 kHz mono samples for the recognizers, decoded in the media worker where the
// browser can (WebCodecs), and with Web Audio in the page where it cannot.

import { AppError, toAppError } from '../shared/errors';
import type { RpcClient } from '../shared/rpc';
import { SPEECH_SAMPLE_RATE } from '../domain/turn';
import type { MediaRpc } from './worker/media-protocol';

/** Samples averaged per slice before giving the page a turn, in the Web Audio path: a few ms of work. */
const SLICE = 1 << 18;
/** A 10-minute clip decodes in a few seconds; one that has said nothing for 5 minutes is stuck. */
const SOUND_TIMEOUT_MS = 5 * 60_000;

export type SoundPath = 'worker' | 'page';

export interface DecodedSound {
  samples: Float32Array<ArrayBuffer>;
  /** Which decoder read it: the worker (mediabunny + WebCodecs) or the page (Web Audio), for tests and the bench. */
  path: SoundPath;
}

/**
 * The worker path first; any failure there but Stop (`unsupported-input`: no WebCodecs, a codec this browser lacks, a
 * container mediabunny does not read; or a decode error) is tried again with Web Audio, whose own error is the one
 * the person sees if both fail.
 */
export async function decodeSpeechSound(file: Blob, worker: RpcClient<MediaRpc>, signal?: AbortSignal): Promise<DecodedSound> {
  try {
    return { samples: await decodeInWorker(file, worker, signal), path: 'worker' };
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === 'aborted') throw appError;
    return { samples: await decodeInPage(file), path: 'page' };
  }
}

async function decodeInWorker(file: Blob, worker: RpcClient<MediaRpc>, signal?: AbortSignal): Promise<Float32Array<ArrayBuffer>> {
  let samples = new Float32Array(0);
  await worker.call('decodeSound', { blob: file }, {
    timeoutMs: SOUND_TIMEOUT_MS,
    onEvent: (event) => {
      if (event.type === 'samples') samples = event.samples;
    },
    ...(signal ? { signal } : {}),
  });
  return samples;
}

/**
 * Web Audio: decodeAudioData decodes and resamples on a background thread (to its context's rate), but Chromium
 * builds the AudioBuffer on the main thread (170 ms for 10 minutes). Mixing the channels runs here, in slices.
 */
export async function decodeInPage(file: Blob): Promise<Float32Array<ArrayBuffer>> {
  let buffer: AudioBuffer;
  try {
    const context = new OfflineAudioContext(1, 1, SPEECH_SAMPLE_RATE);
    buffer = await context.decodeAudioData(await file.arrayBuffer());
  } catch (cause) {
    throw new AppError('bad-media', `The browser could not read the sound of “${file instanceof File ? file.name : 'the file'}”.`, { cause });
  }
  if (buffer.numberOfChannels === 1) return buffer.getChannelData(0) as Float32Array<ArrayBuffer>;
  const mono = new Float32Array(buffer.length);
  const channels = Array.from({ length: buffer.numberOfChannels }, (_, c) => buffer.getChannelData(c));
  for (let from = 0; from < mono.length; from += SLICE) {
    const to = Math.min(mono.length, from + SLICE);
    for (const channel of channels) for (let i = from; i < to; i++) mono[i] = (mono[i] ?? 0) + (channel[i] ?? 0) / channels.length;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return mono;
}
