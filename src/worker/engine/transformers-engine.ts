// The engine the model worker serves: a ChatModel, a Recognizer and a Synthesizer over one configured Runtime.
// Each part loads on first use and is replaced when another model of its kind is asked for.

import { toAppError } from '../../shared/errors';
import { createSerialQueue } from '../../shared/serial';
import type { CaptionEvent, CaptionPayload, CaptionResult, CallOptions, ChatEngine, DrawEvent, DrawPayload, DrawResult, GenerateEvent, GeneratePayload, GenerateResult, LoadEvent, LoadPartsPayload, LoadPartsResult, LoadPayload, LoadResult, SpeakPayload, SpeakResult, TranscribePayload, TranscribeResult } from '../protocol';
import { ChatModel } from './chat-model';
import { dtypeOption, sameModel } from './load-options';
import { Recognizer } from './recognizer';
import type { Runtime } from './runtime';
import { Painter } from './painter';
import { Synthesizer } from './synthesizer';

/**
 * Holds one loaded recognizer or voice and runs every call on it one at a time: two transcriptions at once on one
 * ONNX Runtime session (voice mode warms the recognizer while the first utterance arrives) corrupt its WASM memory.
 */
export class ModelSlot<T extends { readonly payload: LoadPayload; dispose(): Promise<void> }> {
  private current: T | null = null;
  private readonly inOrder = createSerialQueue();

  constructor(private readonly load: (payload: LoadPayload, options: CallOptions<LoadEvent>) => Promise<T>) {}

  /** Disposes the loaded model after the calls already queued; the next use loads it again. */
  unload(): Promise<{ unloaded: boolean }> {
    return this.inOrder(async () => {
      const previous = this.current;
      this.current = null;
      await previous?.dispose();
      return { unloaded: previous !== null };
    });
  }

  use<R>(payload: LoadPayload, options: CallOptions<LoadEvent>, work: (model: T) => Promise<R>): Promise<R> {
    return this.inOrder(async () => {
      if (!this.current || !sameModel(this.current.payload, payload)) {
        const previous = this.current;
        this.current = null;
        await previous?.dispose();
        this.current = await this.load(payload, options);
      }
      try {
        return await work(this.current);
      } catch (error) {
        throw toAppError(error);
      }
    });
  }
}

export class TransformersEngine implements ChatEngine {
  private readonly chat: ChatModel;
  private readonly recognizer: ModelSlot<Recognizer>;
  private readonly synthesizer: ModelSlot<Synthesizer>;
  private readonly painter: ModelSlot<Painter>;

  constructor(runtime: Runtime) {
    this.chat = new ChatModel(runtime);
    this.recognizer = new ModelSlot(async (model, options) => {
      runtime.honourRevision(model);
      const { value } = await runtime.trackLoad(model.repo, options, (progress) => Recognizer.load(model, dtypeOption(model), progress));
      return value;
    });
    this.synthesizer = new ModelSlot(async (model, options) => {
      runtime.honourRevision(model);
      const { value } = await runtime.trackLoad(model.repo, options, (progress) =>
        Synthesizer.load(model, dtypeOption(model), progress, (path) => runtime.fetchFloats(model, path)),
      );
      return value;
    });
    this.painter = new ModelSlot(async (model, options) => {
      runtime.honourRevision(model);
      const { value } = await runtime.trackLoad(model.repo, options, (progress) => Painter.load(model, dtypeOption(model), progress));
      return value;
    });
  }

  load(payload: LoadPayload, options: CallOptions<LoadEvent> = {}): Promise<LoadResult> {
    return this.chat.load(payload, options);
  }

  loadParts(payload: LoadPartsPayload, options: CallOptions<LoadEvent> = {}): Promise<LoadPartsResult> {
    return this.chat.loadParts(payload, options);
  }

  generate(payload: GeneratePayload, options: CallOptions<GenerateEvent> = {}): Promise<GenerateResult> {
    return this.chat.generate(payload, options);
  }

  transcribe(payload: TranscribePayload, options: CallOptions<LoadEvent> = {}): Promise<TranscribeResult> {
    return this.recognizer.use(payload.model, options, (recognizer) => recognizer.transcribe(payload));
  }

  caption(payload: CaptionPayload, options: CallOptions<CaptionEvent> = {}): Promise<CaptionResult> {
    return this.recognizer.use(payload.model, options, (recognizer) => recognizer.caption(payload, options));
  }

  speak(payload: SpeakPayload, options: CallOptions<LoadEvent> = {}): Promise<SpeakResult> {
    return this.synthesizer.use(payload.model, options, (synthesizer) => synthesizer.speak(payload));
  }

  draw(payload: DrawPayload, options: CallOptions<DrawEvent> = {}): Promise<DrawResult> {
    return this.painter.use(payload.model, options, (painter) => painter.draw(payload, options));
  }

  unload(): Promise<{ unloaded: boolean }> {
    return this.chat.unload();
  }

  unloadImage(): Promise<{ unloaded: boolean }> {
    return this.painter.unload();
  }
}
