// The drawing slice: pictures from the image model (Janus-Pro) as answers in the conversation, with Stop and Regenerate.

import type { StateCreator } from 'zustand/vanilla';
import { AppError, serializeError, toAppError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import { IMAGE_MODEL } from '../../models/catalog';
import { chooseVariant } from '../../models/variant';
import type { Attachment, DrawingRecord, Message } from '../../domain/conversation';
import type { DrawEvent } from '../../worker/protocol';
import { dispatchTo, type StoreContext } from './context';
import { loadPayloadFor, type DownloadProgress } from './model-slice';
import type { SensaState } from './state';

/** Janus' authors draw with cfg_weight 5. */
export const DEFAULT_GUIDANCE = 5;
export const MAX_PICTURES = 4;

/** "Draw a red square" asks for a picture; so does any message sent with the 🎨 switch on. */
export function drawPrompt(text: string): string | null {
  const match = /^\s*draw\b[\s:,]*(.*)$/is.exec(text);
  return match ? (match[1] ?? '').trim() || null : null;
}

/** A fresh seed: 31 bits, so it reads well and survives JSON. */
export function randomSeed(): number {
  const buf = new Uint32Array(1);
  crypto.getRandomValues(buf);
  return (buf[0] ?? 0) >>> 1;
}

export interface DrawSettings {
  seed: number;
  guidance: number;
  count: number;
}

export interface DrawingProgress {
  conversationId: string;
  messageId: string;
  /** Image tokens drawn so far and in all; null before the model is ready. */
  done: number;
  total: number | null;
  elapsedMs: number;
  download: DownloadProgress | null;
}

export interface DrawingSlice {
  drawing: DrawingProgress | null;
  /** Whether the worker holds the image model: it drew (or began to) since it was last unloaded. */
  imageModelLoaded: boolean;
  /** The 🎨 switch of the composer: while on, every message is a picture prompt. */
  drawMode: boolean;
  setDrawMode(on: boolean): void;
  /** Asks the image model for pictures of `prompt` in the active conversation. */
  draw(prompt: string, settings?: Partial<DrawSettings>): Promise<void>;
  /** Draws a finished drawing again with other settings, as a new answer under the same prompt. */
  redraw(messageId: string, settings: DrawSettings): Promise<void>;
  stopDrawing(): void;
  /** Gives back the image model's memory (the next drawing loads it again); not while it draws. */
  unloadImageModel(): Promise<void>;
  /** Puts a drawn picture in the composer, for the next message to a model that sees. */
  askAboutPicture(attachment: Attachment): void;
}

export const createDrawingSlice = (ctx: StoreContext): StateCreator<SensaState, [], [], DrawingSlice> => (set, get) => {
  const { deps, mediaStore } = ctx;
  let controller: AbortController | null = null;

  const run = async (conversationId: string, prompt: string, settings: DrawSettings) => {
    const spec = IMAGE_MODEL;
    if (!spec) throw new AppError('not-loaded', 'No image model is in the catalog.');
    const state = get();
    const capabilities = state.capabilities ?? (await deps.probe());
    const choice = chooseVariant(capabilities, spec, state.preferences.devicePreference);
    if (!choice) throw new AppError('not-loaded', `${spec.name} cannot run on this device.`);
    const record: DrawingRecord = { modelId: spec.id, device: choice.device, dtype: choice.dtype, prompt, ...settings };
    const message: Message = { id: newId(), role: 'assistant', content: '', status: 'streaming', createdAt: Date.now(), drawing: record };
    dispatchTo(set, conversationId, { type: 'answer-started', message });
    const abort = new AbortController();
    controller = abort;
    set({ drawing: { conversationId, messageId: message.id, done: 0, total: null, elapsedMs: 0, download: null } });
    const onEvent = (event: DrawEvent) => {
      const current = get().drawing;
      if (!current || current.messageId !== message.id) return;
      if (event.type === 'image-token' && !get().imageModelLoaded) set({ imageModelLoaded: true });
      if (event.type === 'image-token') set({ drawing: { ...current, done: event.done, total: event.total, elapsedMs: event.elapsedMs, download: null } });
      else if (event.type === 'download') set({ drawing: { ...current, download: { files: event.files, loaded: event.loaded, total: event.total } } });
    };
    try {
      const result = await deps.engine.draw({ model: loadPayloadFor(spec, choice), prompt, ...settings }, { signal: abort.signal, onEvent });
      // Stored before the message names them: a message never points at bytes that are not there.
      const attachments: Attachment[] = [];
      for (const [i, png] of result.pictures.entries()) {
        const attachment: Attachment = {
          id: newId(),
          kind: 'image',
          name: `${prompt.slice(0, 40)} (seed ${settings.seed + i}).png`,
          format: 'png',
          bytes: png.size,
          width: result.width,
          height: result.height,
        };
        await mediaStore.put(attachment.id, { images: [png] });
        attachments.push(attachment);
      }
      dispatchTo(set, conversationId, {
        type: 'drawing-finished',
        messageId: message.id,
        attachments,
        stats: { ms: result.ms, imageTokens: result.imageTokens, imageTokensPerSecond: result.imageTokensPerSecond },
      });
      set({ imageModelLoaded: true });
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === 'aborted' || abort.signal.aborted) dispatchTo(set, conversationId, { type: 'drawing-stopped', messageId: message.id });
      else dispatchTo(set, conversationId, { type: 'answer-failed', messageId: message.id, error: serializeError(appError) });
    } finally {
      if (controller === abort) controller = null;
      set({ drawing: null });
    }
  };

  const settle = (settings: Partial<DrawSettings> = {}): DrawSettings => ({
    seed: settings.seed ?? randomSeed(),
    guidance: settings.guidance ?? DEFAULT_GUIDANCE,
    count: Math.min(MAX_PICTURES, Math.max(1, Math.round(settings.count ?? 1))),
  });

  return {
    drawing: null,
    imageModelLoaded: false,
    drawMode: false,
    setDrawMode(on) {
      set({ drawMode: on });
    },
    async draw(prompt, settings) {
      const text = prompt.trim();
      const state = get();
      if (!text || state.drawing || state.generating) return;
      const conversationId = state.activeConversationId;
      const message: Message = { id: newId(), role: 'user', content: text, status: 'done', createdAt: Date.now() };
      dispatchTo(set, conversationId, { type: 'user-sent', message });
      await run(conversationId, text, settle(settings));
    },
    async redraw(messageId, settings) {
      const state = get();
      if (state.drawing || state.generating) return;
      const conversation = Object.values(state.conversations).find((c) => c.messages.some((m) => m.id === messageId));
      const record = conversation?.messages.find((m) => m.id === messageId)?.drawing;
      if (!conversation || !record) return;
      await run(conversation.id, record.prompt, settle(settings));
    },
    stopDrawing() {
      controller?.abort();
    },
    async unloadImageModel() {
      if (get().drawing) return;
      await deps.engine.unloadImage();
      // A drawing that started meanwhile loads the model again: it stays marked as loaded.
      if (!get().drawing) set({ imageModelLoaded: false });
    },
    askAboutPicture(attachment) {
      // The same id: the bytes are already in the media store, and the new message shares them.
      const item = { id: newId(), name: attachment.name, status: 'ready' as const, attachment };
      set({ draft: [...get().draft.filter((d) => d.status !== 'ready' || d.attachment.id !== attachment.id), item], drawMode: false });
    },
  };
};
