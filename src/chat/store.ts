// The app's state and the actions a person triggers: pick and load a model, send, stop, retry.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { AppError, serializeError, toAppError, type SerializedError } from '../shared/errors';
import { newId } from '../shared/ids';
import type { Capabilities } from '../models/capabilities';
import { CATALOG, findModel, type ModelDefaults, type ModelSpec } from '../models/catalog';
import { chooseVariant, type DevicePreference, type VariantChoice } from '../models/variant';
import type { ChatEngine, ChatTurn, FileProgress, GenerationSettings, LoadResult } from '../worker/protocol';
import { chatReducer, type ChatAction } from './reducer';
import { answerOnly } from './thinking';
import type { Conversation, Message } from './types';

export type Theme = 'system' | 'light' | 'dark';

export interface DownloadProgress {
  files: FileProgress[];
  loaded: number;
  total: number;
}

export type ModelState =
  | { phase: 'idle' }
  | { phase: 'loading'; modelId: string; choice: VariantChoice; stage: 'downloading' | 'warming-up'; progress: DownloadProgress | null }
  | { phase: 'ready'; modelId: string; choice: VariantChoice; result: LoadResult }
  | { phase: 'error'; modelId: string; choice: VariantChoice | null; error: SerializedError };

export interface Preferences {
  theme: Theme;
  devicePreference: DevicePreference;
  enableThinking: boolean;
  lastModelId: string | null;
  /** The person's changes to a model's generation defaults, by model id. */
  generation: Record<string, Partial<ModelDefaults>>;
}

export interface SensaState {
  capabilities: Capabilities | null;
  preferences: Preferences;
  selectedModelId: string;
  model: ModelState;
  conversation: Conversation;
  generatingMessageId: string | null;

  init(): Promise<void>;
  selectModel(id: string): void;
  setPreference<K extends keyof Preferences>(key: K, value: Preferences[K]): void;
  setGeneration(modelId: string, change: Partial<ModelDefaults> | null): void;
  loadModel(): Promise<void>;
  cancelLoad(): void;
  send(text: string): Promise<void>;
  stop(): void;
  retryAnswer(messageId: string): Promise<void>;
  newChat(): void;
}

export interface PreferenceStorage {
  load(): Partial<Preferences>;
  save(preferences: Preferences): void;
}

export interface StoreDeps {
  engine: ChatEngine;
  probe: () => Promise<Capabilities>;
  preferences: PreferenceStorage;
  catalog?: readonly ModelSpec[];
}

const DEFAULT_PREFERENCES: Preferences = { theme: 'system', devicePreference: 'auto', enableThinking: true, lastModelId: null, generation: {} };

export function emptyConversation(now = Date.now()): Conversation {
  return { id: newId(), title: 'New chat', createdAt: now, updatedAt: now, systemPrompt: '', messages: [] };
}

/** The model's defaults, with whatever the person changed for that model on top. */
export function settingsFor(spec: ModelSpec, preferences: Pick<Preferences, 'enableThinking' | 'generation'>): GenerationSettings {
  return { ...spec.defaults, ...preferences.generation[spec.id], enableThinking: spec.reasoning && preferences.enableThinking };
}

/** The prompt for the next answer: the finished turns so far, without earlier thinking sections. */
export function turnsFor(conversation: Conversation): ChatTurn[] {
  const turns: ChatTurn[] = [];
  if (conversation.systemPrompt.trim()) turns.push({ role: 'system', content: conversation.systemPrompt });
  for (const m of conversation.messages) {
    if (m.role === 'user') turns.push({ role: 'user', content: m.content });
    else if (m.role === 'assistant' && m.status !== 'error' && m.status !== 'streaming') {
      turns.push({ role: 'assistant', content: answerOnly(m.content) });
    }
  }
  return turns;
}

export function createSensaStore(deps: StoreDeps): StoreApi<SensaState> {
  const catalog = deps.catalog ?? CATALOG;
  const firstModel = catalog[0];
  if (!firstModel) throw new Error('The model catalog is empty.');
  const stored = deps.preferences.load();
  const preferences: Preferences = { ...DEFAULT_PREFERENCES, ...stored };
  let loadController: AbortController | null = null;
  let generateController: AbortController | null = null;

  const spec = (id: string) => catalog.find((m) => m.id === id) ?? findModel(id);

  return createStore<SensaState>()((set, get) => {
    const dispatch = (action: ChatAction) => set((s) => ({ conversation: chatReducer(s.conversation, action) }));

    const runAnswer = async () => {
      const state = get();
      const model = state.model;
      if (model.phase !== 'ready') throw new AppError('not-loaded', 'Load a model before sending a message.');
      const modelSpec = spec(model.modelId);
      if (!modelSpec) throw new AppError('not-loaded', 'The loaded model is no longer in the catalog.');
      const settings = settingsFor(modelSpec, state.preferences);
      const turns = turnsFor(state.conversation);
      const answer: Message = {
        id: newId(),
        role: 'assistant',
        content: '',
        status: 'streaming',
        createdAt: Date.now(),
        answer: { modelId: model.modelId, device: model.choice.device, dtype: model.choice.dtype, settings, tokens: 0 },
      };
      dispatch({ type: 'answer-started', message: answer });
      const controller = new AbortController();
      generateController = controller;
      set({ generatingMessageId: answer.id });
      try {
        const result = await deps.engine.generate(
          { turns, settings },
          {
            signal: controller.signal,
            onEvent: (event) => dispatch({ type: 'answer-delta', messageId: answer.id, text: event.text, tokens: event.tokens }),
          },
        );
        dispatch({ type: 'answer-finished', messageId: answer.id, result });
      } catch (error) {
        const appError = toAppError(error);
        dispatch({ type: 'answer-failed', messageId: answer.id, error: serializeError(appError) });
        if (appError.code === 'device-lost' || appError.code === 'worker-crashed') {
          set({ model: { phase: 'error', modelId: model.modelId, choice: model.choice, error: serializeError(appError) } });
        }
      } finally {
        if (generateController === controller) generateController = null;
        set({ generatingMessageId: null });
      }
    };

    return {
      capabilities: null,
      preferences,
      selectedModelId: (preferences.lastModelId && spec(preferences.lastModelId)?.id) || firstModel.id,
      model: { phase: 'idle' },
      conversation: emptyConversation(),
      generatingMessageId: null,

      async init() {
        const capabilities = await deps.probe();
        set({ capabilities });
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
        const next = { ...get().preferences, [key]: value };
        set({ preferences: next });
        deps.preferences.save(next);
      },

      setGeneration(modelId, change) {
        const { generation } = get().preferences;
        const next = { ...generation };
        if (change === null) delete next[modelId];
        else next[modelId] = { ...next[modelId], ...change };
        get().setPreference('generation', next);
      },

      async loadModel() {
        const state = get();
        const modelSpec = spec(state.selectedModelId);
        if (!modelSpec) return;
        if (state.generatingMessageId) get().stop();
        const capabilities = state.capabilities ?? (await deps.probe());
        const choice = chooseVariant(capabilities, modelSpec, state.preferences.devicePreference);
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
        const stillCurrent = () => loadController === controller;
        try {
          const result = await deps.engine.load(
            { repo: modelSpec.repo, revision: modelSpec.revision, architecture: modelSpec.architecture, device: choice.device, dtype: choice.dtype },
            {
              signal: controller.signal,
              onEvent: (event) => {
                if (!stillCurrent()) return;
                const current = get().model;
                if (current.phase !== 'loading') return;
                if (event.type === 'download') {
                  set({ model: { ...current, progress: { files: event.files, loaded: event.loaded, total: event.total } } });
                } else {
                  set({ model: { ...current, stage: 'warming-up' } });
                }
              },
            },
          );
          if (!stillCurrent()) return;
          set({ model: { phase: 'ready', modelId: modelSpec.id, choice, result } });
          get().setPreference('lastModelId', modelSpec.id);
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

      async send(text) {
        const content = text.trim();
        if (!content || get().generatingMessageId) return;
        dispatch({ type: 'user-sent', message: { id: newId(), role: 'user', content, status: 'done', createdAt: Date.now() } });
        await runAnswer();
      },

      stop() {
        generateController?.abort();
      },

      async retryAnswer(messageId) {
        if (get().generatingMessageId) return;
        const { conversation } = get();
        const index = conversation.messages.findIndex((m) => m.id === messageId);
        if (index === -1 || conversation.messages[index]?.role !== 'assistant') return;
        set({ conversation: { ...conversation, messages: conversation.messages.slice(0, index) } });
        await runAnswer();
      },

      newChat() {
        if (get().generatingMessageId) get().stop();
        set({ conversation: emptyConversation() });
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
