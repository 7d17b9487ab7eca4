// The local speech recognizer (Whisper): turns 16 kHz samples into text for models that cannot hear.

import { pipeline, type AutomaticSpeechRecognitionPipeline, type ProgressInfo } from '@huggingface/transformers';
import { AppError } from '../../shared/errors';
import { type LoadPayload, type TranscribePayload, type TranscribeResult } from '../protocol';
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

  async dispose(): Promise<void> {
    await this.asr.dispose();
  }
}
