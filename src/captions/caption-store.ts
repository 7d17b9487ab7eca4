// Captioning one video or recording: read its sound, send it to the recognizer's worker, collect the cues window by
// window with progress and Stop, and keep the person's edits until they export or close.

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Cue } from '../domain/caption';
import { AppError, serializeError, type SerializedError } from '../shared/errors';
import type { ChatEngine, LoadPayload } from '../worker/protocol';

export type CaptionPhase = 'idle' | 'reading' | 'loading' | 'captioning' | 'done' | 'stopped' | 'error';

export interface CaptionMedia {
  name: string;
  /** An object URL of the file itself, for the player; revoked on close or on the next file. */
  url: string;
  kind: 'video' | 'audio';
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
  start(file: File): Promise<void>;
  stop(): void;
  editCue(index: number, text: string): void;
  close(): void;
}

export interface CaptionDeps {
  speech: Pick<ChatEngine, 'caption'>;
  /** The recognizer to load on this device, or an error saying why there is none. */
  recognizer(): Promise<LoadPayload>;
  /** The file's sound as 16 kHz mono samples. */
  decode(file: File): Promise<Float32Array>;
  createObjectURL?(blob: Blob): string;
  revokeObjectURL?(url: string): void;
}

export function mediaKindOf(file: File): CaptionMedia['kind'] | null {
  if (file.type.startsWith('video/')) return 'video';
  if (file.type.startsWith('audio/')) return 'audio';
  return null;
}

export function createCaptionStore(deps: CaptionDeps): StoreApi<CaptionState> {
  const toUrl = deps.createObjectURL ?? ((b: Blob) => URL.createObjectURL(b));
  const revoke = deps.revokeObjectURL ?? ((u: string) => URL.revokeObjectURL(u));
  let run: AbortController | null = null;

  return createStore<CaptionState>((set, get) => ({
    media: null,
    phase: 'idle',
    cues: [],
    doneSeconds: 0,
    totalSeconds: 0,
    download: null,
    error: null,
    speed: null,

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
          { model, pcm: new Blob([samples as Float32Array<ArrayBuffer>]) },
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

    close() {
      run?.abort(new AppError('aborted', 'Closed.'));
      run = null;
      const url = get().media?.url;
      if (url) revoke(url);
      set({ media: null, phase: 'idle', cues: [], doneSeconds: 0, totalSeconds: 0, download: null, error: null, speed: null });
    },
  }));
}
