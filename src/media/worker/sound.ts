// A file's sound as 16 kHz mono samples, decoded in the media worker and handed to the page in one transfer, so the
// page does no decoding work (Web Audio builds a 10-minute clip's 38 MB AudioBuffer on the main thread: 170 ms).

import { AppError } from '../../shared/errors';
import { createMonoResampler, mixToMono } from './resample';

/** The recognizers' rate (Whisper, Moonshine, the VAD). Kept here too: the worker does not import the domain's turn types. */
export const SOUND_RATE = 16_000;
/** Room for the first minute; doubled as needed (in the worker, where a copy costs the page nothing). */
const FIRST_CAPACITY = SOUND_RATE * 60;

/**
 * Progress as the file is decoded, then the whole sound once, its buffer transferred (no copy). Sent whole rather
 * than in pieces: a first version joined 30 s pieces on the page (38 MB for 10 minutes), and the task that did it
 * took 157 ms of CPU (traced, `docs/captions.md`); the
 * recognizer reads the clip in 30 s windows from one buffer, which the page hands on, again transferred.
 */
export type SoundEvent = { type: 'progress'; seconds: number } | { type: 'samples'; samples: Float32Array<ArrayBuffer> };

export interface DecodedSoundSummary {
  /** Samples in the `samples` event (none was sent for a file without sound). */
  samples: number;
  /** What the file held, for the docs' "which path" and for errors. */
  codec: string;
  sourceRate: number;
  channels: number;
}

/**
 * Demuxes with mediabunny and decodes with WebCodecs' AudioDecoder (PCM WAV with mediabunny's own decoder), mixes to
 * mono and resamples in the worker, then emits the samples once. Fails with `unsupported-input` where this browser
 * cannot do it here (no WebCodecs, a codec it lacks, a container mediabunny does not read): the page then falls back
 * to Web Audio. A file with no sound track sends no samples.
 */
export async function decodeSound(blob: Blob, emit: (event: SoundEvent, transfer?: Transferable[]) => void, signal: AbortSignal): Promise<DecodedSoundSummary> {
  const { Input, BlobSource, ALL_FORMATS, AudioSampleSink } = await import('mediabunny');
  const input = new Input({ source: new BlobSource(blob), formats: ALL_FORMATS });
  try {
    let track;
    try {
      track = await input.getPrimaryAudioTrack();
    } catch (cause) {
      throw new AppError('unsupported-input', 'The media worker does not read this container.', { cause });
    }
    if (!track) return { samples: 0, codec: 'none', sourceRate: 0, channels: 0 };
    const codec = track.codec ?? 'unknown';
    if (!(await track.canDecode())) throw new AppError('unsupported-input', `This browser cannot decode ${codec} sound in a worker.`);

    const resampler = await createMonoResampler(track.sampleRate, SOUND_RATE);
    let all = new Float32Array(FIRST_CAPACITY);
    let filled = 0;
    let reported = 0;
    const append = (samples: Float32Array) => {
      if (filled + samples.length > all.length) {
        const grown = new Float32Array(Math.max(all.length * 2, filled + samples.length));
        grown.set(all.subarray(0, filled));
        all = grown;
      }
      all.set(samples, filled);
      filled += samples.length;
      // A few events a minute of sound: enough for a progress line, too few to cost the page anything.
      if (filled - reported >= SOUND_RATE * 30) {
        reported = filled;
        emit({ type: 'progress', seconds: filled / SOUND_RATE });
      }
    };

    let mono = new Float32Array(0);
    let planes: Float32Array[] = [];
    try {
      for await (const sample of new AudioSampleSink(track).samples()) {
        try {
          if (signal.aborted) throw new AppError('aborted', 'Stopped.');
          const frames = sample.numberOfFrames;
          if (mono.length < frames) {
            mono = new Float32Array(frames);
            planes = Array.from({ length: sample.numberOfChannels }, () => new Float32Array(frames));
          }
          while (planes.length < sample.numberOfChannels) planes.push(new Float32Array(mono.length));
          const used = planes.slice(0, sample.numberOfChannels);
          used.forEach((plane, planeIndex) => sample.copyTo(plane, { planeIndex, format: 'f32-planar' }));
          append(resampler.push(mixToMono(used, frames, mono).subarray(0, frames)));
        } finally {
          sample.close();
        }
      }
    } catch (cause) {
      if (cause instanceof AppError) throw cause;
      throw new AppError('unsupported-input', `The ${codec} sound could not be decoded in the worker.`, { cause });
    } finally {
      resampler.close();
    }
    // Trimmed to its length here: a view over a larger buffer would carry the spare capacity to the page and on.
    const samples = filled === all.length ? all : all.slice(0, filled);
    if (filled > 0) emit({ type: 'samples', samples }, [samples.buffer]);
    return { samples: filled, codec, sourceRate: track.sampleRate, channels: track.numberOfChannels };
  } finally {
    input.dispose();
  }
}
