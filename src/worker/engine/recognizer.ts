// The local speech recognizer (Whisper): turns 16 kHz samples into text for models that cannot hear.

import { pipeline, Tensor, type AutomaticSpeechRecognitionPipeline, type ProgressInfo } from '@huggingface/transformers';
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
    // transformers.js 4.3.2 forces <|en|> when no language is given, so detect it first, as Whisper itself does.
    const language = payload.language ?? (await this.detectLanguage(samples));
    const output = await this.asr(samples, {
      ...(language ? { language } : {}),
      task: 'transcribe',
      ...(audioSeconds > WINDOW_SECONDS ? { chunk_length_s: WINDOW_SECONDS, stride_length_s: 5 } : {}),
    });
    const text = (Array.isArray(output) ? output.map((o) => o.text).join(' ') : output.text).trim();
    return { text, audioSeconds, ms: performance.now() - started, ...(language ? { language } : {}) };
  }

  /**
   * Whisper's language identification, which transformers.js 4.3.2 lacks (its generate() logs "No language specified
   * - defaulting to English" and forces <|en|>): one decoder step on `<|startoftranscript|>` over the first 30 s
   * window, then the language token with the highest logit (openai/whisper `decoding.py` detect_language does the
   * same, masking every other token). Returns its code ("es"), or undefined for an English-only model. Costs one
   * extra encoder run: the pipeline encodes the window again.
   */
  async detectLanguage(samples: Float32Array): Promise<string | undefined> {
    const model = this.asr.model as unknown as {
      generation_config?: { lang_to_id?: Record<string, number>; decoder_start_token_id?: number; is_multilingual?: boolean };
      (inputs: Record<string, Tensor>): Promise<Record<string, Tensor>>;
    };
    const config = model.generation_config;
    const langToId = config?.lang_to_id;
    const start = config?.decoder_start_token_id;
    if (!config?.is_multilingual || !langToId || start === undefined) return undefined;
    const window = samples.subarray(0, WINDOW_SECONDS * SPEECH_SAMPLE_RATE);
    const { input_features } = (await this.asr.processor(window)) as { input_features: Tensor };
    const outputs = await model({ input_features, decoder_input_ids: new Tensor('int64', BigInt64Array.from([BigInt(start)]), [1, 1]) });
    try {
      const logits = outputs.logits;
      if (!logits) return undefined;
      return pickLanguage(logits.data as Float32Array, langToId);
    } finally {
      for (const tensor of Object.values(outputs)) tensor.dispose();
      input_features.dispose();
    }
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
    // Detected once, from the first window, as Whisper's own long-form transcription does.
    const language = payload.language ?? (await this.detectLanguage(samples));
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
          ...(language ? { language } : {}),
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

/** The language token with the highest logit (one decoder position), as its code: `<|es|>` -> "es". */
export function pickLanguage(logits: ArrayLike<number>, langToId: Record<string, number>): string | undefined {
  let best: string | undefined;
  let bestLogit = -Infinity;
  for (const [token, id] of Object.entries(langToId)) {
    const value = logits[id] ?? -Infinity;
    if (value > bestLogit) {
      bestLogit = value;
      best = token;
    }
  }
  return best ? /^<\|(.+)\|>$/.exec(best)?.[1] : undefined;
}

function round2(seconds: number): number {
  return Math.round(seconds * 100) / 100;
}
