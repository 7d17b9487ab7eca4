// A file's sound as 16 kHz mono samples, decoded in the media worker and sent back in pieces, so the page never
// holds a whole clip's decode (Web Audio builds a 10-minute clip's 38 MB AudioBuffer on the main thread: 170 ms).

import { AppError } from '../../shared/errors';
import { createMonoResampler, mixToMono } from './resample';

/** The recognizers' rate (Whisper, Moonshine, the VAD). Kept here too: the worker does not import the domain's turn types. */
export const SOUND_RATE = 16_000;
/** Samples per piece sent to the page: 30 s, one Whisper window, 1.9 MB. */
export const PIECE_SAMPLES = SOUND_RATE * 30;

export interface SoundPiece {
  samples: Float32Array<ArrayBuffer>;
}

export interface DecodedSoundSummary {
  /** Samples sent in pieces, all told. */
  samples: number;
  /** What the file held, for the docs' "which path" and for errors. */
  codec: string;
  sourceRate: number;
  channels: number;
}

/**
 * Demuxes with mediabunny and decodes with WebCodecs' AudioDecoder (PCM WAV with mediabunny's own decoder), mixes to
 * mono and resamples, emitting a piece every `PIECE_SAMPLES`. Fails with `unsupported-input` where this browser
 * cannot do it here (no WebCodecs, a codec it lacks, a container mediabunny does not read): the page then falls back
 * to Web Audio. A file with no sound track gives no pieces.
 */
export async function decodeSound(blob: Blob, emit: (piece: SoundPiece, transfer: Transferable[]) => void, signal: AbortSignal): Promise<DecodedSoundSummary> {
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
    let piece = new Float32Array(PIECE_SAMPLES);
    let filled = 0;
    let total = 0;
    const send = () => {
      if (filled === 0) return;
      const out = filled === piece.length ? piece : piece.slice(0, filled);
      emit({ samples: out }, [out.buffer]);
      total += filled;
      piece = new Float32Array(PIECE_SAMPLES);
      filled = 0;
    };
    const append = (samples: Float32Array) => {
      for (let from = 0; from < samples.length; ) {
        const n = Math.min(samples.length - from, piece.length - filled);
        piece.set(samples.subarray(from, from + n), filled);
        filled += n;
        from += n;
        if (filled === piece.length) send();
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
    send();
    return { samples: total, codec, sourceRate: track.sampleRate, channels: track.numberOfChannels };
  } finally {
    input.dispose();
  }
}
