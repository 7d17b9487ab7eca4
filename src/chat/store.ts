// The app's state and the actions a person triggers: pick and load a model, send, stop, retry.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { AppError, serializeError, toAppError, type SerializedError } from '../shared/errors';
import { newId } from '../shared/ids';
import { clockStamp } from '../shared/format';
import type { Capabilities } from '../models/capabilities';
import { CATALOG, RECOGNIZER, findModel } from '../models/catalog';
import { type ModelDefaults, type ModelSpec } from '../domain/model';
import { chooseVariant, rememberedVariants, resolveVariant, type DevicePreference, type VariantChoice } from '../models/variant';
import { addSample, bytesPerSecond, type RateSample } from '../models/download-rate';
import type { MediaPreparer } from '../media/prepare';
import { createMemoryMediaStore, type MediaStore, type StoredMedia } from '../storage/media-store';
import type { ChatEngine, FileProgress, GenerateResult, LoadPayload, LoadResult } from '../worker/protocol';
import type { Dtype } from '../domain/model';
import type { GenerationSettings } from '../domain/turn';
import { missingParts, partsForTurns, type MediaPart } from '../shared/model-parts';
import { problemsFor, turnsFor } from './attachment-routing';
import { partsFailureMessage, partsForConversation } from './lazy-parts';
import { chatReducer, type ChatAction } from './reducer';
import type { Attachment, Conversation, Message } from '../domain/conversation';

export type Theme = 'system' | 'light' | 'dark';

export interface DownloadProgress {
  files: FileProgress[];
  loaded: number;
  total: number;
  /** Over the last few seconds; null until there is enough to say. */
  bytesPerSecond?: number | null;
  /** The same, for each file still downloading (files download side by side, each at its own pace). */
  fileBytesPerSecond?: Record<string, number | null>;
}

export type ModelState =
  | { phase: 'idle' }
  | { phase: 'loading'; modelId: string; choice: VariantChoice; stage: 'downloading' | 'warming-up'; progress: DownloadProgress | null }
  | { phase: 'ready'; modelId: string; choice: VariantChoice; result: LoadResult }
  | { phase: 'error'; modelId: string; choice: VariantChoice | null; error: SerializedError };

export interface Preferences {
  theme: Theme;
  devicePreference: DevicePreference;
  /** The variant the person chose, by model id; a model not named here uses Auto. */
  variants: Record<string, Dtype>;
  enableThinking: boolean;
  lastModelId: string | null;
  /** Given to every new conversation; each conversation can change its own. */
  defaultSystemPrompt: string;
  /** The person's changes to a model's generation defaults, by model id. */
  generation: Record<string, Partial<ModelDefaults>>;
  /** When each model last loaded (ms since epoch), for the storage view. */
  modelLastUsed: Record<string, number>;
}

/** An attachment in the composer, from the moment it is dropped until it is sent or removed. */
export type DraftItem =
  | { id: string; name: string; status: 'preparing' }
  | { id: string; name: string; status: 'ready'; attachment: Attachment; transcribing?: DownloadProgress | true; transcribeError?: SerializedError }
  | { id: string; name: string; status: 'error'; error: SerializedError };

/** An encoder of the loaded model being added for the turn that needs it (Gemma 4's picture or sound part). */
export interface PartsDownload {
  modelId: string;
  parts: MediaPart[];
  progress: DownloadProgress | null;
}

export interface SensaState {
  capabilities: Capabilities | null;
  preferences: Preferences;
  selectedModelId: string;
  model: ModelState;
  partsDownload: PartsDownload | null;
  conversations: Record<string, Conversation>;
  activeConversationId: string;
  /** False until stored conversations have been merged in; nothing is written before that. */
  conversationsLoaded: boolean;
  /** The last deleted conversation, kept for Undo until the next deletion. */
  recentlyDeleted: Conversation | null;
  generating: { conversationId: string; messageId: string } | null;
  /** Set when saving failed (full disk, private mode); the conversation stays in memory. */
  storageProblem: string | null;
  /** Attachments waiting in the composer for the next message. */
  draft: DraftItem[];

  init(): Promise<void>;
  selectModel(id: string): void;
  setPreference<K extends keyof Preferences>(key: K, value: Preferences[K]): void;
  setGeneration(modelId: string, change: Partial<ModelDefaults> | null): void;
  /** Remembers the variant to load for a model; 'auto' forgets the choice. */
  setVariant(modelId: string, dtype: Dtype | 'auto'): void;
  /** `device` overrides the person's preference for this load only (the automatic fallback to WASM). */
  loadModel(override?: { device?: DevicePreference }): Promise<void>;
  cancelLoad(): void;
  /** Checks and prepares files for the next message; a bad file becomes an error item, the rest carry on. */
  addAttachments(files: File[], options?: { knownDurationSeconds?: number }): Promise<void>;
  removeAttachment(draftId: string): void;
  /** Runs the local recognizer on a draft audio clip so that models that cannot hear can read it. */
  transcribeAttachment(draftId: string): Promise<void>;
  loadMedia(attachmentId: string): Promise<StoredMedia | undefined>;
  send(text: string): Promise<void>;
  /**
   * A spoken turn from voice mode: the words (when a recognizer heard them) and, for models that hear,
   * the sound itself as an audio attachment. Returns the id of the user message, or null if nothing was sent.
   */
  sendSpoken(input: { transcript?: string; audio?: { pcm: Blob; seconds: number; peaks: number[] } }): Promise<string | null>;
  /** Records what the recognizer heard in a sent audio attachment (voice mode transcribes alongside the answer). */
  setTranscript(messageId: string, attachmentId: string, transcript: string): void;
  stop(): void;
  retryAnswer(messageId: string): Promise<void>;
  /** Replaces a sent message with new text and answers again from there. */
  editMessage(messageId: string, content: string): Promise<void>;
  newChat(): void;
  openConversation(id: string): void;
  renameConversation(id: string, title: string): void;
  deleteConversation(id: string): void;
  undoDelete(): void;
  setSystemPrompt(id: string, systemPrompt: string): void;
  /** Stores the attachments' bytes first, so no imported message ever points at bytes that are not there. */
  importConversations(conversations: Conversation[], media?: ReadonlyMap<string, StoredMedia>): Promise<void>;
  /** One JSON file holding these conversations and their attachments' bytes. */
  exportConversations(conversations: readonly Conversation[]): Promise<string>;
}

export function activeConversation(state: Pick<SensaState, 'conversations' | 'activeConversationId'>): Conversation {
  const conversation = state.conversations[state.activeConversationId];
  if (!conversation) throw new Error('The active conversation is missing.');
  return conversation;
}

export interface PreferenceStorage {
  load(): Partial<Preferences>;
  save(preferences: Preferences): void;
}

export interface StoreDeps {
  engine: ChatEngine;
  probe: () => Promise<Capabilities>;
  preferences: PreferenceStorage;
  /** Replaces the engine's worker; after a lost GPU device nothing in the old one can be trusted. */
  restartEngine?: () => void;
  /** Where conversations come from at start-up; saving is the persister's job. */
  loadConversations?: () => Promise<Conversation[]>;
  catalog?: readonly ModelSpec[];
  /** Checks and prepares attached files; without it, attaching is unavailable. */
  media?: MediaPreparer;
  /** Where attachment bytes live; in memory when not given. */
  mediaStore?: MediaStore;
  /** The recognizer's engine, in a worker of its own so a transcript never waits behind an answer. */
  speech?: Pick<ChatEngine, 'transcribe'>;
  /** Capabilities used to pick the recognizer's variant. */
}

/** The record of an answer stopped before its first token (while its encoder was still downloading). */
const STOPPED: GenerateResult = { text: '', tokens: 0, finishReason: 'stopped', timeToFirstTokenMs: 0, tokensPerSecond: 0, promptTokens: 0, reusedTokens: 0 };

const DEFAULT_PREFERENCES: Preferences = { theme: 'system', devicePreference: 'auto', variants: {}, enableThinking: true, lastModelId: null, defaultSystemPrompt: '', generation: {}, modelLastUsed: {} };

export function emptyConversation(systemPrompt = '', now = Date.now()): Conversation {
  return { id: newId(), title: 'New chat', createdAt: now, updatedAt: now, systemPrompt, messages: [] };
}

/** The model's defaults, with whatever the person changed for that model on top. */
export function settingsFor(spec: ModelSpec, preferences: Pick<Preferences, 'enableThinking' | 'generation'>): GenerationSettings {
  return { ...spec.defaults, ...preferences.generation[spec.id], enableThinking: spec.thinking !== undefined && preferences.enableThinking };
}

/** The load request for a catalog model in the chosen variant. */
export function loadPayloadFor(spec: ModelSpec, choice: VariantChoice): LoadPayload {
  const sessions = spec.dtypes[choice.dtype]?.sessions;
  return { repo: spec.repo, revision: spec.revision, architecture: spec.architecture, device: choice.device, dtype: choice.dtype, ...(sessions ? { sessions } : {}) };
}

export function createSensaStore(deps: StoreDeps): StoreApi<SensaState> {
  const catalog = deps.catalog ?? CATALOG;
  const firstModel = catalog[0];
  if (!firstModel) throw new Error('The model catalog is empty.');
  const spec = (id: string) => catalog.find((m) => m.id === id) ?? findModel(id);
  const stored = deps.preferences.load();
  const preferences: Preferences = { ...DEFAULT_PREFERENCES, ...stored, variants: rememberedVariants(stored.variants, spec) };
  let loadController: AbortController | null = null;
  let generateController: AbortController | null = null;
  const mediaStore = deps.mediaStore ?? createMemoryMediaStore();

  return createStore<SensaState>()((set, get) => {
    const updatePreferences = (change: Partial<Preferences>) => {
      const next = { ...get().preferences, ...change };
      set({ preferences: next });
      deps.preferences.save(next);
    };
    const dispatch = (conversationId: string, action: ChatAction) =>
      set((s) => {
        const conversation = s.conversations[conversationId];
        if (!conversation) return {};
        return { conversations: { ...s.conversations, [conversationId]: chatReducer(conversation, action) } };
      });

    const runAnswer = async (conversationId: string) => {
      const state = get();
      const model = state.model;
      const conversation = state.conversations[conversationId];
      if (!conversation) return;
      if (model.phase !== 'ready') throw new AppError('not-loaded', 'Load a model before sending a message.');
      const modelSpec = spec(model.modelId);
      if (!modelSpec) throw new AppError('not-loaded', 'The loaded model is no longer in the catalog.');
      const settings = settingsFor(modelSpec, state.preferences);
      const turns = await turnsFor(conversation, modelSpec, (id) => mediaStore.get(id));
      const needed = partsForTurns(turns);
      const answer: Message = {
        id: newId(),
        role: 'assistant',
        content: '',
        status: 'streaming',
        createdAt: Date.now(),
        answer: { modelId: model.modelId, device: model.choice.device, dtype: model.choice.dtype, settings, tokens: 0 },
      };
      dispatch(conversationId, { type: 'answer-started', message: answer });
      const controller = new AbortController();
      generateController = controller;
      set({ generating: { conversationId, messageId: answer.id } });
      try {
        const missing = missingParts(needed, readyResult(model.modelId)?.lazyParts);
        if (missing.length > 0 && !(await loadParts(model.modelId, model.choice.dtype, missing, controller.signal))) {
          dispatch(conversationId, { type: 'answer-finished', messageId: answer.id, result: STOPPED });
          return;
        }
        const result = await deps.engine.generate(
          { turns, settings },
          {
            signal: controller.signal,
            onEvent: (event) => dispatch(conversationId, { type: 'answer-delta', messageId: answer.id, text: event.text, tokens: event.tokens }),
          },
        );
        dispatch(conversationId, { type: 'answer-finished', messageId: answer.id, result });
      } catch (error) {
        const appError = toAppError(error);
        dispatch(conversationId, { type: 'answer-failed', messageId: answer.id, error: serializeError(appError) });
        if (appError.code === 'device-lost' || appError.code === 'worker-crashed') {
          set({ model: { phase: 'error', modelId: model.modelId, choice: model.choice, error: serializeError(appError) } });
          void recover(model.modelId, model.choice.device);
        }
      } finally {
        if (generateController === controller) generateController = null;
        set({ generating: null });
      }
    };

    const readyResult = (modelId: string): LoadResult | null => {
      const current = get().model;
      return current.phase === 'ready' && current.modelId === modelId ? current.result : null;
    };

    /**
     * Adds the encoders a turn needs to the loaded model, with the download shown as any other. False when the
     * person stopped it. A failure keeps the text model: it is reported on the answer (which offers Retry).
     */
    const loadParts = async (modelId: string, dtype: LoadPayload['dtype'], parts: MediaPart[], signal: AbortSignal): Promise<boolean> => {
      const modelSpec = spec(modelId);
      set({ partsDownload: { modelId, parts, progress: null } });
      let samples: RateSample[] = [];
      try {
        const result = await deps.engine.loadParts(
          { parts },
          {
            signal,
            onEvent: (event) => {
              if (event.type !== 'download') return;
              samples = addSample(samples, { at: performance.now(), loaded: event.loaded });
              set({ partsDownload: { modelId, parts, progress: { files: event.files, loaded: event.loaded, total: event.total, bytesPerSecond: bytesPerSecond(samples) } } });
            },
          },
        );
        const current = readyResult(modelId);
        if (current) set({ model: { ...(get().model as Extract<ModelState, { phase: 'ready' }>), result: { ...current, lazyParts: result.lazyParts } } });
        return true;
      } catch (error) {
        const appError = toAppError(error);
        if (appError.code === 'aborted' && signal.aborted) return false;
        if (!modelSpec) throw appError;
        const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
        throw new AppError(appError.code, partsFailureMessage(modelSpec, dtype, parts, appError.message, offline), { cause: error });
      } finally {
        set({ partsDownload: null });
      }
    };

    /** Once per loss: a fresh engine on a new GPU device, or on the CPU if the GPU will not come back. */
    const recover = async (modelId: string, device: 'webgpu' | 'wasm') => {
      deps.restartEngine?.();
      set({ selectedModelId: modelId });
      await get().loadModel();
      if (get().model.phase !== 'ready' && device === 'webgpu') await get().loadModel({ device: 'wasm' });
    };

    const first = emptyConversation(preferences.defaultSystemPrompt);

    return {
      capabilities: null,
      preferences,
      selectedModelId: (preferences.lastModelId && spec(preferences.lastModelId)?.id) || firstModel.id,
      model: { phase: 'idle' },
      partsDownload: null,
      conversations: { [first.id]: first },
      activeConversationId: first.id,
      conversationsLoaded: false,
      recentlyDeleted: null,
      generating: null,
      storageProblem: null,
      draft: [],

      async init() {
        const [capabilities, stored] = await Promise.all([deps.probe(), deps.loadConversations?.().catch(() => []) ?? Promise.resolve([])]);
        // Merge, never replace: anything typed before the load finished stays.
        set((s) => {
          const merged = { ...s.conversations };
          for (const c of stored) merged[c.id] = c;
          const latest = stored.reduce<Conversation | null>((a, c) => (!a || c.updatedAt > a.updatedAt ? c : a), null);
          const current = s.conversations[s.activeConversationId];
          const stayOnCurrent = current && current.messages.length > 0;
          if (latest && !stayOnCurrent && current) delete merged[current.id];
          return {
            capabilities,
            conversations: merged,
            activeConversationId: latest && !stayOnCurrent ? latest.id : s.activeConversationId,
            conversationsLoaded: true,
          };
        });
        // Attachments of deleted conversations go too; a day's grace spares drafts still open in other tabs.
        const referenced = new Set(Object.values(get().conversations).flatMap((c) => c.messages.flatMap((m) => (m.attachments ?? []).map((a) => a.id))));
        for (const d of get().draft) if (d.status === 'ready') referenced.add(d.attachment.id);
        void mediaStore.prune(referenced, Date.now() - 24 * 60 * 60 * 1000).catch(() => 0);
        // The last model that loaded is in the cache: bring it back without a click, as a desktop app would.
        const last = get().preferences.lastModelId;
        if (last && spec(last)) {
          set({ selectedModelId: last });
          await get().loadModel();
        }
      },

      selectModel(id) {
        if (!spec(id)) return;
        set({ selectedModelId: id });
      },

      setPreference(key, value) {
        updatePreferences({ [key]: value });
      },

      setGeneration(modelId, change) {
        const { generation } = get().preferences;
        const next = { ...generation };
        if (change === null) delete next[modelId];
        else next[modelId] = { ...next[modelId], ...change };
        get().setPreference('generation', next);
      },

      setVariant(modelId, dtype) {
        const next = { ...get().preferences.variants };
        if (dtype === 'auto') delete next[modelId];
        else next[modelId] = dtype;
        get().setPreference('variants', next);
      },

      async loadModel(override) {
        const state = get();
        const modelSpec = spec(state.selectedModelId);
        if (!modelSpec) return;
        if (state.generating) get().stop();
        const capabilities = state.capabilities ?? (await deps.probe());
        const choice = resolveVariant(capabilities, modelSpec, override?.device ?? state.preferences.devicePreference, state.preferences.variants[modelSpec.id]);
        if (!choice) {
          set({
            capabilities,
            model: {
              phase: 'error',
              modelId: modelSpec.id,
              choice: null,
              error: { code: 'no-webgpu', message: 'This model has no variant that runs on this device.' },
            },
          });
          return;
        }
        loadController?.abort();
        const controller = new AbortController();
        loadController = controller;
        set({ capabilities, model: { phase: 'loading', modelId: modelSpec.id, choice, stage: 'downloading', progress: null } });
        let samples: RateSample[] = [];
        const fileSamples = new Map<string, RateSample[]>();
        const stillCurrent = () => loadController === controller;
        try {
          // A conversation that already holds pictures or sounds needs their encoders for any turn: they load now
          // (from this device's cache once downloaded). A text-only chat loads only the text parts.
          const parts = partsForConversation(modelSpec, activeConversation(get()));
          const result = await deps.engine.load(
            { ...loadPayloadFor(modelSpec, choice), ...(parts.length > 0 ? { parts } : {}) },
            {
              signal: controller.signal,
              onEvent: (event) => {
                if (!stillCurrent()) return;
                const current = get().model;
                if (current.phase !== 'loading') return;
                if (event.type === 'download') {
                  const at = performance.now();
                  samples = addSample(samples, { at, loaded: event.loaded });
                  const fileBytesPerSecond: Record<string, number | null> = {};
                  for (const f of event.files) {
                    if (f.done) continue;
                    const mine = addSample(fileSamples.get(f.file) ?? [], { at, loaded: f.loaded });
                    fileSamples.set(f.file, mine);
                    fileBytesPerSecond[f.file] = bytesPerSecond(mine);
                  }
                  const progress = { files: event.files, loaded: event.loaded, total: event.total, bytesPerSecond: bytesPerSecond(samples), fileBytesPerSecond };
                  set({ model: { ...current, progress } });
                } else {
                  set({ model: { ...current, stage: 'warming-up' } });
                }
              },
            },
          );
          if (!stillCurrent()) return;
          set({ model: { phase: 'ready', modelId: modelSpec.id, choice, result } });
          // One write of the preferences for both facts.
          updatePreferences({ lastModelId: modelSpec.id, modelLastUsed: { ...get().preferences.modelLastUsed, [modelSpec.id]: Date.now() } });
        } catch (error) {
          if (!stillCurrent()) return;
          const appError = toAppError(error);
          set({
            model:
              appError.code === 'aborted'
                ? { phase: 'idle' }
                : { phase: 'error', modelId: modelSpec.id, choice, error: serializeError(appError) },
          });
        } finally {
          if (stillCurrent()) loadController = null;
        }
      },

      cancelLoad() {
        const controller = loadController;
        loadController = null;
        controller?.abort();
        set({ model: { phase: 'idle' } });
      },

      async addAttachments(files, options = {}) {
        const media = deps.media;
        if (!media) return;
        const items = files.map((file) => ({ id: newId(), name: file.name, status: 'preparing' as const }));
        set((s) => ({ draft: [...s.draft, ...items] }));
        const selected = spec(get().selectedModelId);
        const videoFrames = selected?.media?.videoFrames ?? 4;
        await Promise.all(
          files.map(async (file, i) => {
            const item = items[i];
            if (!item) return;
            let next: DraftItem;
            try {
              const prepared = await media.prepare(file, { videoFrames, ...options });
              await mediaStore.put(prepared.attachment.id, prepared.stored);
              next = { id: item.id, name: item.name, status: 'ready', attachment: prepared.attachment };
            } catch (error) {
              next = { id: item.id, name: item.name, status: 'error', error: serializeError(error) };
            }
            // Replaced in place; if the person removed it meanwhile, it stays removed.
            set((s) => ({ draft: s.draft.map((d) => (d.id === item.id ? next : d)) }));
          }),
        );
      },

      removeAttachment(draftId) {
        set((s) => ({ draft: s.draft.filter((d) => d.id !== draftId) }));
      },

      async transcribeAttachment(draftId) {
        const item = get().draft.find((d) => d.id === draftId);
        const state = get();
        if (item?.status !== 'ready' || item.attachment.kind !== 'audio' || !deps.speech || !RECOGNIZER) return;
        const update = (change: Partial<Extract<DraftItem, { status: 'ready' }>>) =>
          set((s) => ({ draft: s.draft.map((d) => (d.id === draftId && d.status === 'ready' ? { ...d, ...change } : d)) }));
        update({ transcribing: true, transcribeError: undefined });
        try {
          const stored = await mediaStore.get(item.attachment.id);
          if (!stored?.pcm) throw new AppError('bad-media', 'The prepared audio is missing; attach the file again.');
          const capabilities = state.capabilities ?? (await deps.probe());
          const choice = chooseVariant(capabilities, RECOGNIZER, state.preferences.devicePreference);
          if (!choice) throw new AppError('no-webgpu', 'The speech recognizer has no variant that runs on this device.');
          const result = await deps.speech.transcribe(
            { model: loadPayloadFor(RECOGNIZER, choice), pcm: stored.pcm },
            { onEvent: (event) => event.type === 'download' && update({ transcribing: { files: event.files, loaded: event.loaded, total: event.total } }) },
          );
          set((s) => ({
            draft: s.draft.map((d) =>
              d.id === draftId && d.status === 'ready' ? { id: d.id, name: d.name, status: 'ready', attachment: { ...d.attachment, transcript: result.text } } : d,
            ),
          }));
        } catch (error) {
          update({ transcribing: undefined, transcribeError: serializeError(error) });
        }
      },

      loadMedia(attachmentId) {
        return mediaStore.get(attachmentId);
      },

      async send(text) {
        const content = text.trim();
        const state = get();
        if (state.generating) return;
        const draft = state.draft;
        if (draft.some((d) => d.status !== 'ready')) return;
        const attachments = draft.flatMap((d) => (d.status === 'ready' ? [d.attachment] : []));
        if (!content && attachments.length === 0) return;
        const loaded = state.model.phase === 'ready' ? spec(state.model.modelId) : undefined;
        // The composer shows these problems with their way out; this is the last line against a silent drop.
        if (loaded && problemsFor(loaded, attachments).length > 0) return;
        const conversationId = state.activeConversationId;
        const message: Message = { id: newId(), role: 'user', content, status: 'done', createdAt: Date.now(), ...(attachments.length > 0 ? { attachments } : {}) };
        set({ draft: [] });
        dispatch(conversationId, { type: 'user-sent', message });
        await runAnswer(conversationId);
      },

      async sendSpoken({ transcript, audio }) {
        const state = get();
        if (state.generating || state.model.phase !== 'ready') return null;
        const loaded = spec(state.model.modelId);
        const conversationId = state.activeConversationId;
        let attachments: Attachment[] | undefined;
        if (audio && loaded?.inputs.includes('audio')) {
          const attachment: Attachment = {
            id: newId(),
            kind: 'audio',
            name: `Voice ${clockStamp(new Date(), ':')}`,
            format: 'pcm',
            bytes: audio.pcm.size,
            durationSeconds: audio.seconds,
            peaks: audio.peaks,
            ...(transcript !== undefined ? { transcript } : {}),
          };
          await mediaStore.put(attachment.id, { images: [], pcm: audio.pcm });
          attachments = [attachment];
        }
        // A model that hears gets the sound; any other reads what the recognizer heard.
        const content = attachments ? '' : (transcript ?? '').trim();
        if (!content && !attachments) return null;
        const message: Message = { id: newId(), role: 'user', content, status: 'done', createdAt: Date.now(), ...(attachments ? { attachments } : {}) };
        dispatch(conversationId, { type: 'user-sent', message });
        void runAnswer(conversationId);
        return message.id;
      },

      setTranscript(messageId, attachmentId, transcript) {
        const conversation = Object.values(get().conversations).find((c) => c.messages.some((m) => m.id === messageId));
        if (conversation) dispatch(conversation.id, { type: 'attachment-transcribed', messageId, attachmentId, transcript });
      },

      stop() {
        generateController?.abort();
      },

      async retryAnswer(messageId) {
        if (get().generating) return;
        const conversationId = get().activeConversationId;
        const message = get().conversations[conversationId]?.messages.find((m) => m.id === messageId);
        if (message?.role !== 'assistant') return;
        dispatch(conversationId, { type: 'truncated-from', messageId });
        await runAnswer(conversationId);
      },

      async editMessage(messageId, content) {
        const text = content.trim();
        if (get().generating) return;
        const conversationId = get().activeConversationId;
        const message = get().conversations[conversationId]?.messages.find((m) => m.id === messageId);
        if (message?.role !== 'user') return;
        // Editing keeps the message's attachments, so a message of pictures alone may have no words.
        if (!text && !message.attachments?.length) return;
        dispatch(conversationId, { type: 'truncated-from', messageId });
        dispatch(conversationId, { type: 'user-sent', message: { ...message, id: newId(), content: text, createdAt: Date.now() } });
        await runAnswer(conversationId);
      },

      newChat() {
        const state = get();
        const current = state.conversations[state.activeConversationId];
        // An untouched empty chat is reused rather than piling up blank entries.
        if (current && current.messages.length === 0) return;
        const fresh = emptyConversation(state.preferences.defaultSystemPrompt);
        set((s) => ({ conversations: { ...s.conversations, [fresh.id]: fresh }, activeConversationId: fresh.id }));
      },

      openConversation(id) {
        const state = get();
        if (!state.conversations[id] || id === state.activeConversationId) return;
        const current = state.conversations[state.activeConversationId];
        const conversations = { ...state.conversations };
        if (current && current.messages.length === 0 && current.id !== id) delete conversations[current.id];
        set({ conversations, activeConversationId: id });
      },

      renameConversation(id, title) {
        dispatch(id, { type: 'renamed', title });
      },

      deleteConversation(id) {
        const state = get();
        const doomed = state.conversations[id];
        if (!doomed) return;
        if (state.generating?.conversationId === id) get().stop();
        const conversations = { ...state.conversations };
        delete conversations[id];
        let activeConversationId = state.activeConversationId;
        if (activeConversationId === id) {
          const next = Object.values(conversations).sort((a, b) => b.updatedAt - a.updatedAt)[0];
          const replacement = next ?? emptyConversation(state.preferences.defaultSystemPrompt);
          conversations[replacement.id] = replacement;
          activeConversationId = replacement.id;
        }
        set({ conversations, activeConversationId, recentlyDeleted: doomed });
      },

      undoDelete() {
        const doomed = get().recentlyDeleted;
        if (!doomed) return;
        set((s) => ({ conversations: { ...s.conversations, [doomed.id]: doomed }, activeConversationId: doomed.id, recentlyDeleted: null }));
      },

      setSystemPrompt(id, systemPrompt) {
        dispatch(id, { type: 'system-prompt-set', systemPrompt });
      },

      async importConversations(imported, media) {
        if (imported.length === 0) return;
        if (media && media.size > 0) await mediaStore.putImported(media);
        set((s) => {
          const conversations = { ...s.conversations };
          for (const c of imported) conversations[c.id] = c;
          return { conversations };
        });
      },

      async exportConversations(conversations) {
        // Export and import load on first use, with their hashing, keeping them out of the first paint.
        const { exportJson } = await import('./transfer');
        return exportJson(conversations, (id) => mediaStore.get(id));
      },
    };
  });
}

export const localPreferences: PreferenceStorage = {
  load() {
    try {
      const raw = localStorage.getItem('sensa.preferences');
      return raw ? (JSON.parse(raw) as Partial<Preferences>) : {};
    } catch {
      // Unreadable preferences are not worth failing start-up over.
      return {};
    }
  },
  save(preferences) {
    try {
      localStorage.setItem('sensa.preferences', JSON.stringify(preferences));
    } catch {
      // Private mode or a full disk: the app works, the preference just won't survive a reload.
    }
  },
};
