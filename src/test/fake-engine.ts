// A scripted ChatEngine for unit tests: streams given words, can fail or wait to be stopped.

import { vi } from 'vitest';
import { AppError } from '../shared/errors';
import type { MediaPart } from '../shared/model-parts';
import type { ToolCallFormat } from '../domain/tool-call';
import type { Cue } from '../domain/caption';
import type {
  CaptionEvent,
  CaptionPayload,
  CaptionResult,
  CallOptions,
  ChatEngine,
  FileProgress,
  GenerateEvent,
  GeneratePayload,
  GenerateResult,
  LoadEvent,
  LoadPartsPayload,
  LoadPartsResult,
  LoadPayload,
  LoadResult,
  SpeakPayload,
  DrawPayload,
  DrawResult,
  SpeakResult,
  TranscribePayload,
  TranscribeResult,
} from '../worker/protocol';

export interface FakeScript {
  words?: string[];
  loadError?: AppError;
  generateError?: AppError;
  /** Stream the words, then wait for abort instead of finishing. */
  hangAfterWords?: boolean;
  /** What transcribe() returns; it fails with `transcribeError` when set. */
  transcript?: string;
  transcribeError?: AppError;
  /** Download progress to report during load, each after moving the page clock (performance.now) to `at`. */
  downloads?: { at: number; files: FileProgress[] }[];
  /** A split model: these encoders wait for loadParts (unless the load payload asks for them). */
  lazyParts?: MediaPart[];
  /** loadParts fails with this. */
  partsError?: AppError;
  /** The tool-call format the load reports, as a model whose chat template has tools. */
  toolFormat?: ToolCallFormat;
  /** The words of each answer, from what it was asked (overrides `words`). */
  reply?: (payload: GeneratePayload) => string[];
}

export class FakeEngine implements ChatEngine {
  loads: LoadPayload[] = [];
  generations: GeneratePayload[] = [];
  transcriptions: TranscribePayload[] = [];
  partLoads: LoadPartsPayload[] = [];
  private lazy: MediaPart[] | undefined;
  constructor(public script: FakeScript = {}) {}

  async load(payload: LoadPayload, options: CallOptions<LoadEvent> = {}): Promise<LoadResult> {
    this.loads.push(payload);
    const downloads = this.script.downloads;
    if (downloads) {
      const clock = vi.spyOn(performance, 'now');
      for (const { at, files } of downloads) {
        clock.mockReturnValue(at);
        options.onEvent?.({ type: 'download', files, loaded: files.reduce((n, f) => n + f.loaded, 0), total: files.reduce((n, f) => n + f.total, 0) });
      }
      clock.mockRestore();
    } else {
      options.onEvent?.({ type: 'download', files: [{ file: 'onnx/model.onnx', loaded: 5, total: 10, done: false }], loaded: 5, total: 10 });
    }
    if (this.script.loadError) throw this.script.loadError;
    options.onEvent?.({ type: 'stage', stage: 'warming-up' });
    this.lazy = this.script.lazyParts?.filter((p) => !payload.parts?.includes(p));
    return { device: payload.device, dtype: payload.dtype, downloadedFiles: 1, loadMs: 1, ...(this.lazy ? { lazyParts: this.lazy } : {}), ...(this.script.toolFormat ? { toolFormat: this.script.toolFormat } : {}) };
  }

  async loadParts(payload: LoadPartsPayload, options: CallOptions<LoadEvent> = {}): Promise<LoadPartsResult> {
    this.partLoads.push(payload);
    options.onEvent?.({ type: 'download', files: [{ file: 'onnx/vision_encoder_q4.onnx', loaded: 5, total: 10, done: false }], loaded: 5, total: 10 });
    await Promise.resolve();
    if (this.script.partsError) throw this.script.partsError;
    this.lazy = (this.lazy ?? []).filter((p) => !payload.parts.includes(p));
    return { lazyParts: this.lazy, downloadedFiles: 1, loadMs: 1 };
  }

  async generate(payload: GeneratePayload, options: CallOptions<GenerateEvent> = {}): Promise<GenerateResult> {
    this.generations.push(payload);
    if (this.script.generateError) throw this.script.generateError;
    const words = this.script.reply?.(payload) ?? this.script.words ?? ['Hello', ' there'];
    let text = '';
    for (const word of words) {
      if (options.signal?.aborted) break;
      text += word;
      options.onEvent?.({ type: 'delta', text: word, tokens: 1 });
      await Promise.resolve();
    }
    if (this.script.hangAfterWords && !options.signal?.aborted) {
      await new Promise<void>((resolve) => options.signal?.addEventListener('abort', () => resolve(), { once: true }));
    }
    const stopped = options.signal?.aborted ?? false;
    return { text, tokens: text ? words.length : 0, finishReason: stopped ? 'stopped' : 'eos', timeToFirstTokenMs: 1, tokensPerSecond: 10, promptTokens: 3, reusedTokens: 0 };
  }

  /** A cue per 30 s window: "window N", so progress and Stop can be seen without a model. */
  async caption(payload: CaptionPayload, options: CallOptions<CaptionEvent> = {}): Promise<CaptionResult> {
    const audioSeconds = payload.pcm.length / 16_000;
    const cues: Cue[] = [];
    let doneSeconds = 0;
    while (doneSeconds < audioSeconds) {
      if (options.signal?.aborted) return { cues, audioSeconds, doneSeconds, stopped: true, ms: 1 };
      const end = Math.min(audioSeconds, doneSeconds + 30);
      const cue = { start: doneSeconds, end, text: `window ${cues.length + 1}` };
      cues.push(cue);
      doneSeconds = end;
      options.onEvent?.({ type: 'cues', cues: [cue], doneSeconds, totalSeconds: audioSeconds });
      await Promise.resolve();
    }
    return { cues, audioSeconds, doneSeconds, stopped: false, ms: 1 };
  }

  async transcribe(payload: TranscribePayload): Promise<TranscribeResult> {
    this.transcriptions.push(payload);
    if (this.script.transcribeError) throw this.script.transcribeError;
    return { text: this.script.transcript ?? 'hello', audioSeconds: payload.pcm.size / 4 / 16_000, ms: 1 };
  }

  speeches: SpeakPayload[] = [];

  /** A tone whose length follows the text, as the fixture model's does: 10 ms per character at 24 kHz. */
  async speak(payload: SpeakPayload): Promise<SpeakResult> {
    this.speeches.push(payload);
    const samples = new Float32Array(payload.text.length * 240).map((_, i) => 0.3 * Math.sin(i / 10));
    return { pcm: new Blob([samples]), sampleRate: 24_000, ms: 1 };
  }

  drawings: DrawPayload[] = [];

  /** One solid 1x1 PNG-typed blob per picture; the real pictures are proven by the Janus oracle (e2e/fixtures/janus). */
  async draw(payload: DrawPayload): Promise<DrawResult> {
    this.drawings.push(payload);
    const pictures = Array.from({ length: payload.count }, (_, i) => new Blob([`picture ${payload.seed + i}`], { type: 'image/png' }));
    return { pictures, width: 1, height: 1, imageTokens: payload.count, ms: 1, imageTokensPerSecond: 1000 };
  }

  async unload() {
    return { unloaded: true };
  }

  imageUnloads = 0;

  async unloadImage() {
    this.imageUnloads += 1;
    return { unloaded: true };
  }
}
