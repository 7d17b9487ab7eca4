// The local speech recognizer (Whisper): turns 16 kHz samples into text for models that cannot hear.

import { pipeline, type AutomaticSpeechRecognitionPipeline, type ProgressInfo } from '@huggingface/transformers';
import { AppError } from '../../shared/errors';
import { type CallOptions, type CaptionEvent, type CaptionPayload, type CaptionResult, type LoadPayload, type TranscribePayload, type TranscribeResult } from '../protocol';
import type { Cue } from '../../domain/caption';
import { SPEECH_SAMPLE_RATE } from '../../domain/turn';
import { type Dtype } from '../../domain/model';

/** Whisper reads 30 s windows; longer clips are cut into overlapping windows and stitched. */
const WINDOW_SECONDS = 30;

export class Recognizer {
  private constructor(
    readonly payload: LoadPayload,
    private readonly asr: AutomaticSpeechRecognitionPipeline,
  ) {}

  static async load(payload: LoadPayload, dtype: Dtype | Record<string, Dtype>, progress_callback: (info: ProgressInfo) => void): Promise<Recognizer> {
    const asr = (await pipeline('automatic-speech-recognition', payload.repo, {
      revision: payload.revision,
      device: payload.device,
      dtype: dtype as never,
      progress_callback,
    })) as AutomaticSpeechRecognitionPipeline;
    return new Recognizer(payload, asr);
  }

  async transcribe(payload: TranscribePayload): Promise<TranscribeResult> {
    const samples = new Float32Array(await payload.pcm.arrayBuffer());
    if (samples.length === 0) throw new AppError('bad-media', 'The recording is empty.');
    const audioSeconds = samples.length / SPEECH_SAMPLE_RATE;
    const started = performance.now();
    const output = await this.asr(samples, {
      ...(payload.language ? { language: payload.language } : {}),
      task: 'transcribe',
      ...(audioSeconds > WINDOW_SECONDS ? { chunk_length_s: WINDOW_SECONDS, stride_length_s: 5 } : {}),
    });
    const text = (Array.isArray(output) ? output.map((o) => o.text).join(' ') : output.text).trim();
    return { text, audioSeconds, ms: performance.now() - started };
  }

  /**
   * Timestamped transcription, 30 s window by window, as Whisper's own long-form loop reads: each window is
   * transcribed with `return_timestamps: true` (transformers.js then drops <|notimestamps|> from the prompt and
   * its WhisperTimeStampLogitsProcessor makes the decoder write `<|start|> text<|end|>` segments, which
   * `_decode_asr` turns into `chunks: [{ timestamp: [start, end], text }]`). A segment still open at the window's
   * end is dropped and the next window starts at its beginning, so no sentence is cut in two. Between windows, and
   * between decoding steps (through the streamer, the one hook Whisper's generate passes on), Stop ends the work and
   * the cues so far are the result. One event per window carries its cues and how far the clip is read.
   */
  async caption(payload: CaptionPayload, options: CallOptions<CaptionEvent> = {}): Promise<CaptionResult> {
    const { signal, onEvent } = options;
    const samples = payload.pcm;
    if (samples.length === 0) throw new AppError('bad-media', 'The recording is empty.');
    const audioSeconds = samples.length / SPEECH_SAMPLE_RATE;
    const window = WINDOW_SECONDS * SPEECH_SAMPLE_RATE;
    const started = performance.now();
    const cues: Cue[] = [];
    // transformers.js' Whisper generate() drops `stopping_criteria` but passes a streamer to every step.
    const stopper = {
      put() {
        if (signal?.aborted) throw new AppError('aborted', 'Stopped.');
      },
      end() {},
    };
    let offset = 0;
    let stopped = false;
    while (offset < samples.length) {
      if (signal?.aborted) {
        stopped = true;
        break;
      }
      const piece = samples.subarray(offset, offset + window);
      const isLast = offset + window >= samples.length;
      let output: { chunks?: { timestamp: [number, number | null]; text: string }[] };
      try {
        output = (await this.asr(piece, {
          ...(payload.language ? { language: payload.language } : {}),
          task: 'transcribe',
          return_timestamps: true,
          streamer: stopper,
        } as never)) as typeof output;
      } catch (error) {
        if (signal?.aborted) {
          stopped = true;
          break;
        }
        throw error;
      }
      let segments = output.chunks ?? [];
      let advance = piece.length;
      const open = segments.at(-1);
      if (!isLast && open && open.timestamp[0] > 1 && (open.timestamp[1] === null || open.timestamp[1] >= WINDOW_SECONDS - 0.5)) {
        segments = segments.slice(0, -1);
        advance = Math.round(open.timestamp[0] * SPEECH_SAMPLE_RATE);
      }
      const base = offset / SPEECH_SAMPLE_RATE;
      const fresh = segments
        .map((c) => ({ start: round2(base + c.timestamp[0]), end: round2(base + (c.timestamp[1] ?? piece.length / SPEECH_SAMPLE_RATE)), text: c.text.trim() }))
        .filter((c) => c.text.length > 0);
      cues.push(...fresh);
      offset += advance;
      onEvent?.({ type: 'cues', cues: fresh, doneSeconds: Math.min(audioSeconds, offset / SPEECH_SAMPLE_RATE), totalSeconds: audioSeconds });
    }
    const doneSeconds = Math.min(audioSeconds, offset / SPEECH_SAMPLE_RATE);
    return { cues, audioSeconds, doneSeconds, stopped, ms: performance.now() - started };
  }

  async dispose(): Promise<void> {
    await this.asr.dispose();
  }
}

function round2(seconds: number): number {
  return Math.round(seconds * 100) / 100;
}
