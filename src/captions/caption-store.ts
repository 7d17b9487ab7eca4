// Captioning one video or recording: read its sound, send it to the recognizer's worker, collect the cues window by
// window with progress and Stop, and keep the person's edits until they export or close.

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Cue } from '../domain/caption';
import { AppError, serializeError, type SerializedError } from '../shared/errors';
import type { ChatEngine, LoadPayload } from '../worker/protocol';
import type { ChatTurn } from '../domain/turn';
import type { TranslatedCue, TranslationLanguage } from './translate';

export type CaptionPhase = 'idle' | 'reading' | 'loading' | 'captioning' | 'done' | 'stopped' | 'error';

export interface CaptionMedia {
  name: string;
  /** An object URL of the file itself, for the player; revoked on close or on the next file. */
  url: string;
  kind: 'video' | 'audio';
}

export type TranslationPhase = 'translating' | 'done' | 'stopped' | 'error';

/** The captions in another language, written by the chat model: a second track with the same cue times. */
export interface CaptionTranslation {
  language: TranslationLanguage;
  phase: TranslationPhase;
  /** One per source cue with text, in order, each with the source cue's times. */
  cues: TranslatedCue[];
  done: number;
  total: number;
  /** The chat model's name, shown with the track. */
  modelName: string;
  error: SerializedError | null;
}

/** What translates: the loaded chat model on this device, through the model worker's `generate`. */
export interface CaptionTranslator {
  modelName: string;
  generate(turns: ChatTurn[], signal: AbortSignal): Promise<string>;
}

export interface CaptionState {
  media: CaptionMedia | null;
  phase: CaptionPhase;
  cues: Cue[];
  /** Seconds of the clip read so far, of `totalSeconds`. */
  doneSeconds: number;
  totalSeconds: number;
  /** The recognizer's download, while it is the first use on this device. */
  download: { loaded: number; total: number } | null;
  error: SerializedError | null;
  /** Seconds of audio per second of work, when done. */
  speed: number | null;
  translation: CaptionTranslation | null;
  start(file: File): Promise<void>;
  stop(): void;
  editCue(index: number, text: string): void;
  /** Translates the cues as they are now with the loaded chat model; replaces an earlier translation. */
  translate(languageCode: string): Promise<void>;
  stopTranslation(): void;
  editTranslatedCue(index: number, text: string): void;
  close(): void;
}

export interface CaptionDeps {
  speech: Pick<ChatEngine, 'caption'>;
  /** The recognizer to load on this device, or an error saying why there is none. */
  recognizer(): Promise<LoadPayload>;
  /** The file's sound as 16 kHz mono samples. */
  decode(file: File): Promise<Float32Array>;
  /** The loaded chat model to translate with, or an error saying why there is none (none loaded, busy, on a server). */
  translator?(): CaptionTranslator;
  createObjectURL?(blob: Blob): string;
  revokeObjectURL?(url: string): void;
}

export function mediaKindOf(file: File): CaptionMedia['kind'] | null {
  if (file.type.startsWith('video/')) return 'video';
  if (file.type.startsWith('audio/')) return 'audio';
  return null;
}

const stores = new WeakMap<CaptionDeps, StoreApi<CaptionState>>();

/** One store per app (per its deps): made by the captions tool when its code first loads, shared by its parts. */
export function captionStoreFor(deps: CaptionDeps): StoreApi<CaptionState> {
  let store = stores.get(deps);
  if (!store) stores.set(deps, (store = createCaptionStore(deps)));
  return store;
}

export function createCaptionStore(deps: CaptionDeps): StoreApi<CaptionState> {
  const toUrl = deps.createObjectURL ?? ((b: Blob) => URL.createObjectURL(b));
  const revoke = deps.revokeObjectURL ?? ((u: string) => URL.revokeObjectURL(u));
  let run: AbortController | null = null;
  let translating: AbortController | null = null;

  return createStore<CaptionState>((set, get) => ({
    media: null,
    phase: 'idle',
    cues: [],
    doneSeconds: 0,
    totalSeconds: 0,
    download: null,
    error: null,
    speed: null,
    translation: null,

    async start(file) {
      get().close();
      const kind = mediaKindOf(file);
      if (!kind) {
        set({ phase: 'error', error: serializeError(new AppError('bad-media', `“${file.name}” is not a video or a recording, so it has nothing to caption.`)) });
        return;
      }
      const controller = new AbortController();
      run = controller;
      const mine = () => run === controller;
      set({ media: { name: file.name, url: toUrl(file), kind }, phase: 'reading' });
      try {
        const samples = await deps.decode(file);
        if (!mine()) return;
        if (samples.length === 0) throw new AppError('bad-media', `“${file.name}” has no sound to caption.`);
        set({ totalSeconds: samples.length / 16_000, phase: 'loading' });
        const model = await deps.recognizer();
        if (!mine()) return;
        const result = await deps.speech.caption(
          { model, pcm: samples as Float32Array<ArrayBuffer> },
          {
            signal: controller.signal,
            onEvent: (event) => {
              if (!mine()) return;
              if (event.type === 'download') set({ download: { loaded: event.loaded, total: event.total } });
              else if (event.type === 'cues') set((s) => ({ phase: 'captioning', download: null, cues: [...s.cues, ...event.cues], doneSeconds: event.doneSeconds, totalSeconds: event.totalSeconds }));
            },
          },
        );
        if (!mine()) return;
        // The result's cues are the events' cues; the events' copies may already carry the person's edits.
        // The worker's own time, after the recognizer was ready: the speed of captioning, not of the first download.
        set({ phase: result.stopped ? 'stopped' : 'done', doneSeconds: result.doneSeconds, download: null, speed: result.ms > 0 ? result.doneSeconds / (result.ms / 1000) : null });
      } catch (error) {
        if (!mine()) return;
        const stopped = controller.signal.aborted;
        set({ phase: stopped ? 'stopped' : 'error', download: null, error: stopped ? null : serializeError(error) });
      } finally {
        if (mine()) run = null;
      }
    },

    stop() {
      run?.abort(new AppError('aborted', 'Stopped.'));
    },

    editCue(index, text) {
      set((s) => ({ cues: s.cues.map((c, i) => (i === index ? { ...c, text } : c)) }));
    },

    async translate(languageCode) {
      // Loaded on first use, like the dialog itself: it is not part of the first paint.
      const { translateCues, translationLanguage } = await import('./translate');
      const language = translationLanguage(languageCode);
      const { cues, phase } = get();
      if (!language || cues.length === 0 || !(phase === 'done' || phase === 'stopped')) return;
      translating?.abort(new AppError('aborted', 'Translating again.'));
      const controller = new AbortController();
      translating = controller;
      const mine = () => translating === controller;
      let translator: CaptionTranslator;
      try {
        if (!deps.translator) throw new AppError('not-loaded', 'This build has no chat model to translate with.');
        translator = deps.translator();
      } catch (error) {
        set({ translation: { language, phase: 'error', cues: [], done: 0, total: cues.length, modelName: '', error: serializeError(error) } });
        if (mine()) translating = null;
        return;
      }
      set({ translation: { language, phase: 'translating', cues: [], done: 0, total: cues.length, modelName: translator.modelName, error: null } });
      const update = (change: Partial<CaptionTranslation>) => {
        if (mine()) set((s) => (s.translation ? { translation: { ...s.translation, ...change } } : {}));
      };
      try {
        const outcome = await translateCues(cues, {
          language,
          generate: translator.generate,
          signal: controller.signal,
          onProgress: ({ done, cues: translated }) => update({ done, cues: translated }),
        });
        update({ phase: outcome.stopped ? 'stopped' : 'done', done: outcome.done, cues: outcome.cues });
      } catch (error) {
        update({ phase: 'error', error: serializeError(error) });
      } finally {
        if (mine()) translating = null;
      }
    },

    stopTranslation() {
      translating?.abort(new AppError('aborted', 'Stopped.'));
    },

    editTranslatedCue(index, text) {
      set((s) => (s.translation ? { translation: { ...s.translation, cues: s.translation.cues.map((c, i) => (i === index ? { ...c, text } : c)) } } : {}));
    },

    close() {
      run?.abort(new AppError('aborted', 'Closed.'));
      run = null;
      translating?.abort(new AppError('aborted', 'Closed.'));
      translating = null;
      const url = get().media?.url;
      if (url) revoke(url);
      set({ media: null, phase: 'idle', cues: [], doneSeconds: 0, totalSeconds: 0, download: null, error: null, speed: null, translation: null });
    },
  }));
}
