// The local text-to-speech model (Supertonic 2) through transformers.js' own text-to-speech pipeline.

import { pipeline, type ProgressInfo, type TextToAudioPipeline } from '@huggingface/transformers';
import { AppError } from '../../shared/errors';
import type { LoadPayload, SpeakPayload, SpeakResult } from '../protocol';
import type { Dtype } from '../../domain/model';
import { speechInput } from '../../domain/speech-tags';

/** Denoising steps per sentence: Supertonic's authors' default, the balance of speed and clarity. */
const STEPS = 5;

export class Synthesizer {
  private readonly voices = new Map<string, Float32Array>();

  private constructor(
    readonly payload: LoadPayload,
    private readonly tts: TextToAudioPipeline,
    private readonly fetchVoice: (path: string) => Promise<Float32Array>,
  ) {}

  static async load(
    payload: LoadPayload,
    dtype: Dtype | Record<string, Dtype>,
    progress_callback: (info: ProgressInfo) => void,
    fetchVoice: (path: string) => Promise<Float32Array>,
  ): Promise<Synthesizer> {
    const tts = (await pipeline('text-to-speech', payload.repo, {
      revision: payload.revision,
      device: payload.device,
      dtype: dtype as never,
      progress_callback,
    })) as TextToAudioPipeline;
    return new Synthesizer(payload, tts, fetchVoice);
  }

  async speak(payload: SpeakPayload): Promise<SpeakResult> {
    const text = payload.text.trim();
    if (!text) throw new AppError('bad-media', 'There is nothing to read aloud.');
    let voice = this.voices.get(payload.voice);
    if (!voice) {
      voice = await this.fetchVoice(payload.voice);
      this.voices.set(payload.voice, voice);
    }
    const started = performance.now();
    // The language reaches Supertonic 2 only as a tag around the sentence: transformers.js has no language option.
    const output = await this.tts(speechInput(text, payload.language), { speaker_embeddings: voice, num_inference_steps: STEPS, speed: payload.speed } as never);
    const audio = Array.isArray(output) ? output[0] : output;
    if (!audio) throw new AppError('unknown', 'The voice model returned no audio.');
    return { pcm: new Blob([audio.audio as Float32Array<ArrayBuffer>]), sampleRate: audio.sampling_rate, ms: performance.now() - started };
  }

  async dispose(): Promise<void> {
    await this.tts.dispose();
  }
}
