// The answering slice: sending a turn, streaming the answer into its conversation, adding encoders a turn needs, stop, retry, edit.

import type { StateCreator } from 'zustand/vanilla';
import { AppError, serializeError, toAppError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import { clockStamp } from '../../shared/format';
import type { ModelSpec } from '../../domain/model';
import type { CallOptions, GenerateEvent, GenerateResult, LoadPayload } from '../../worker/protocol';
import type { GenerationSettings } from '../../domain/turn';
import { missingParts, partsForTurns, type MediaPart } from '../../shared/model-parts';
import type { Attachment, Message } from '../../domain/conversation';
import { problemsFor, turnsFor } from '../attachment-routing';
import { partsFailure } from '../lazy-parts';
import { dispatchTo, type StoreContext } from './context';
import { downloadTracker, recoverModel, type DownloadProgress, type ModelState, type ReadyResult } from './model-slice';
import type { Preferences } from './preferences';
import type { SensaState } from './state';
import type { Retrieval } from '../../domain/document';
import type { ChatTurn } from '../../domain/turn';
import type { ToolCallFormat } from '../../domain/tool-call';
import type { Consent, LoopMessage } from '../../tools/tool-loop';
import { sandboxRunner, toolContext } from '../tool-context';

function loopTurn(message: LoopMessage): ChatTurn {
  return message.role === 'tool'
    ? { role: 'tool', toolName: message.name, content: message.content }
    : { role: 'assistant', content: message.content, ...(message.toolCalls ? { toolCalls: message.toolCalls } : {}) };
}
import type { RebuildProgress } from '../../documents/service';

/** An encoder of the loaded model being added for the turn that needs it (Gemma 4's picture or sound part). */
export interface PartsDownload {
  modelId: string;
  parts: MediaPart[];
  progress: DownloadProgress | null;
}

/** A tool call waiting for the person's answer: Allow once / Allow in this chat / Deny. */
export interface ToolConsentRequest {
  conversationId: string;
  messageId: string;
  callId: string;
}

/** How many times one answer may call tools before the loop stops it. */
export const MAX_TOOL_STEPS = 5;

export interface AnsweringSlice {
  generating: { conversationId: string; messageId: string } | null;
  toolConsent: ToolConsentRequest | null;
  answerToolConsent(consent: Consent): void;
  /** Switches tools off or on in one chat. */
  setChatTools(conversationId: string, on: boolean): void;
  /** Takes back "Allow in this chat" for one tool: its next call in the chat asks again. */
  revokeToolAllowance(conversationId: string, name: string): void;
  partsDownload: PartsDownload | null;
  /** While an attached document's vectors are rebuilt for the current embedding model, before the answer starts. */
  documentRebuild: RebuildProgress | null;
  send(text: string): Promise<void>;
  /**
   * A spoken turn from voice mode: the words (when a recognizer heard them) and, for models that hear,
   * the sound itself as an audio attachment; for models that see, `pictures` (live mode's camera frames, a picture
   * Describe for me took) as image attachments. Returns the id of the user message, or null if nothing was sent.
   */
  /** `language`: the transcript's, from the recognizer (kept on the message or its sound). */
  sendSpoken(input: { transcript?: string; language?: string; audio?: { pcm: Blob; seconds: number; peaks: number[] }; pictures?: Blob[] }): Promise<string | null>;
  /** Records what the recognizer heard in a sent audio attachment (voice mode transcribes alongside the answer). */
  setTranscript(messageId: string, attachmentId: string, transcript: string, language?: string): void;
  stop(): void;
  retryAnswer(messageId: string): Promise<void>;
  /** Replaces a sent message with new text and answers again from there. */
  editMessage(messageId: string, content: string): Promise<void>;
  /** Shows another version at a fork of the active chat (not while an answer is being written). */
  viewVersion(messageId: string, versionId: string): void;
}

/** The record of an answer stopped before its first token (while its encoder was still downloading). */
const STOPPED: GenerateResult = { text: '', tokens: 0, finishReason: 'stopped', timeToFirstTokenMs: 0, tokensPerSecond: 0, promptTokens: 0, reusedTokens: 0 };

/** The model's defaults, with whatever the person changed for that model on top. */
export function settingsFor(spec: ModelSpec, preferences: Pick<Preferences, 'enableThinking' | 'generation'>): GenerationSettings {
  return { ...spec.defaults, ...preferences.generation[spec.id], enableThinking: spec.thinking !== undefined && preferences.enableThinking };
}

export const createAnsweringSlice = (ctx: StoreContext): StateCreator<SensaState, [], [], AnsweringSlice> => (set, get) => {
  const { deps, spec, mediaStore } = ctx;
  let generateController: AbortController | null = null;
  let consentResolver: ((consent: Consent) => void) | null = null;
  const dispatch = dispatchTo.bind(null, set);

  const readyResult = (modelId: string): ReadyResult | null => {
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
    const track = downloadTracker();
    try {
      const result = await deps.engine.loadParts(
        { parts },
        {
          signal,
          onEvent: (event) => {
            if (event.type !== 'download') return;
            set({ partsDownload: { modelId, parts, progress: track(event, performance.now()) } });
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
      const failure = partsFailure(modelSpec, dtype, parts, appError.toJSON(), offline);
      throw new AppError(appError.code, failure.message, { cause: error, key: failure.key, values: failure.values });
    } finally {
      set({ partsDownload: null });
    }
  };

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
    let retrieval: Retrieval | undefined;
    let retrievalError: unknown;
    try {
      // Retrieval's code loads with the first conversation that has a document: the app shell stays without it.
      if (conversation.messages.some((m) => m.attachments?.some((a) => a.kind === 'document'))) {
        const [{ withDocumentPassages }, { passageBudget }] = await Promise.all([import('../../documents/prompt'), import('../../documents/retrieval')]);
        retrieval = await withDocumentPassages(deps.documents, conversation, turns, passageBudget(modelSpec.contextLength, settings.maxNewTokens), (progress) => set({ documentRebuild: progress }));
      }
    } catch (error) {
      retrievalError = error;
    } finally {
      set({ documentRebuild: null });
    }
    const answer: Message = {
      id: newId(),
      role: 'assistant',
      content: '',
      status: 'streaming',
      createdAt: Date.now(),
      answer: { modelId: model.modelId, device: model.choice.device, dtype: model.choice.dtype, ...(model.choice.device === 'remote' ? { host: model.choice.host } : {}), settings, tokens: 0, ...(retrieval ? { retrieval } : {}) },
    };
    dispatch(conversationId, { type: 'answer-started', message: answer });
    if (retrievalError !== undefined) {
      dispatch(conversationId, { type: 'answer-failed', messageId: answer.id, error: serializeError(retrievalError) });
      return;
    }
    const controller = new AbortController();
    generateController = controller;
    set({ generating: { conversationId, messageId: answer.id } });
    try {
      const missing = missingParts(needed, readyResult(model.modelId)?.lazyParts);
      // A server's model has no encoders of this device's to add: what it takes, it takes whole.
      if (missing.length > 0 && model.choice.dtype !== null && !(await loadParts(model.modelId, model.choice.dtype, missing, controller.signal))) {
        dispatch(conversationId, { type: 'answer-finished', messageId: answer.id, result: STOPPED });
        return;
      }
      const generateOptions = {
        signal: controller.signal,
        onEvent: (event: GenerateEvent) => dispatch(conversationId, { type: 'answer-delta', messageId: answer.id, text: event.text, tokens: event.tokens }),
      };
      const toolFormat = readyResult(model.modelId)?.toolFormat;
      const result =
        toolFormat && get().preferences.tools && !conversation.toolsOff
          ? await answerWithTools(conversationId, answer.id, toolFormat, turns, settings, controller.signal, generateOptions)
          : await deps.engine.generate({ turns, settings }, generateOptions);
      dispatch(conversationId, { type: 'answer-finished', messageId: answer.id, result });
    } catch (error) {
      const appError = toAppError(error);
      dispatch(conversationId, { type: 'answer-failed', messageId: answer.id, error: serializeError(appError) });
      if ((appError.code === 'device-lost' || appError.code === 'worker-crashed') && model.choice.device !== 'remote') {
        set({ model: { phase: 'error', modelId: model.modelId, choice: model.choice, error: serializeError(appError) } });
        void recoverModel(ctx, { setState: set, getState: get }, model.modelId, model.choice.device);
      }
    } finally {
      if (generateController === controller) generateController = null;
      set({ generating: null });
    }
  };

  /**
   * The tool loop of one answer (src/tools/tool-loop.ts): each model step streams into the answer; a step that calls
   * tools gives way to the calls' folds; the person is asked before a tool's first run in this chat.
   */
  const answerWithTools = async (
    conversationId: string,
    messageId: string,
    format: ToolCallFormat,
    turns: ChatTurn[],
    settings: GenerationSettings,
    signal: AbortSignal,
    generateOptions: CallOptions<GenerateEvent>,
  ): Promise<GenerateResult> => {
    const conversation = get().conversations[conversationId];
    const allowed = new Set(conversation?.allowedTools ?? []);
    let last: GenerateResult | null = null;
    let tokens = 0;
    const context = toolContext({ conversations: () => get().conversations, conversationId, documents: deps.documents, runCode: deps.runCode ?? sandboxRunner });
    // The tools load with a model that has them, keeping the app shell small (docs/i18n.md).
    const [{ TOOL_DEFINITIONS, TOOL_NAMES, executeTool }, { runToolLoop }] = await Promise.all([import('../../tools/definitions'), import('../../tools/tool-loop')]);
    const outcome = await runToolLoop({
      format,
      tools: TOOL_NAMES,
      allowedInChat: allowed,
      maxSteps: MAX_TOOL_STEPS,
      signal,
      generate: async (transcript) => {
        last = await deps.engine.generate({ turns: [...turns, ...transcript.map(loopTurn)], settings, tools: [...TOOL_DEFINITIONS] }, generateOptions);
        tokens += last.tokens;
        return last.text;
      },
      askConsent: (_call, record) =>
        new Promise<Consent>((resolve) => {
          consentResolver = resolve;
          set({ toolConsent: { conversationId, messageId, callId: record.id } });
        }),
      execute: (call, callSignal) => executeTool(call, context, callSignal),
      now: () => performance.now(),
      newId,
      onCall: (record) => dispatch(conversationId, { type: 'tool-call-updated', messageId, record }),
      onCallingRound: () => dispatch(conversationId, { type: 'answer-round-replaced', messageId }),
    });
    for (const name of allowed) dispatch(conversationId, { type: 'tool-allowed-in-chat', name });
    const final: GenerateResult = last ?? STOPPED;
    return { ...final, text: outcome.answer, tokens, finishReason: outcome.stopped ? 'stopped' : final.finishReason };
  };

  /** A message of the active conversation with this role, when nothing is answering. */
  const messageToRedo = (messageId: string, role: Message['role']) => {
    if (get().generating) return null;
    const conversationId = get().activeConversationId;
    const message = get().conversations[conversationId]?.messages.find((m) => m.id === messageId);
    return message?.role === role ? { conversationId, message } : null;
  };

  return {
    generating: null,
    partsDownload: null,
    toolConsent: null,

    answerToolConsent(consent) {
      const resolve = consentResolver;
      consentResolver = null;
      set({ toolConsent: null });
      resolve?.(consent);
    },

    setChatTools(conversationId, on) {
      dispatch(conversationId, { type: 'tools-switched', off: !on });
    },
    revokeToolAllowance(conversationId, name) {
      dispatch(conversationId, { type: 'tool-allowance-revoked', name });
    },
    documentRebuild: null,

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

    async sendSpoken({ transcript, language, audio, pictures = [] }) {
      const state = get();
      if (state.generating || state.model.phase !== 'ready') return null;
      const loaded = spec(state.model.modelId);
      const conversationId = state.activeConversationId;
      let attachments: Attachment[] | undefined;
      const seen: Attachment[] = [];
      if (pictures.length > 0 && loaded?.inputs.includes('image') && deps.media) {
        // Checked and downscaled like any attached picture; a frame that fails is left out, not the turn.
        const stamp = clockStamp(new Date(), ':');
        for (const [i, picture] of pictures.entries()) {
          const name = pictures.length > 1 ? `Camera ${stamp} (${i + 1} of ${pictures.length})` : `Camera ${stamp}`;
          try {
            const prepared = await deps.media.prepare(new File([picture], `${name}.jpg`, { type: picture.type || 'image/jpeg' }), { videoFrames: loaded.media?.videoFrames ?? 1 });
            await mediaStore.put(prepared.attachment.id, prepared.stored);
            seen.push({ ...prepared.attachment, name });
          } catch (error) {
            // The turn still goes, with the pictures that could be read.
            console.warn(`Sensa left out ${name}:`, error);
          }
        }
        // The answer may have started meanwhile (a typed send): this turn waits for nothing.
        if (get().generating) return null;
      }
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
          ...(transcript !== undefined && language ? { transcriptLanguage: language } : {}),
        };
        await mediaStore.put(attachment.id, { images: [], pcm: audio.pcm });
        attachments = [attachment];
      }
      // A model that hears gets the sound; any other reads what the recognizer heard.
      const content = attachments ? '' : (transcript ?? '').trim();
      if (seen.length > 0) attachments = [...seen, ...(attachments ?? [])];
      if (!content && !attachments) return null;
      const message: Message = {
        id: newId(),
        role: 'user',
        content,
        status: 'done',
        createdAt: Date.now(),
        ...(attachments ? { attachments } : {}),
        ...(content && language ? { language } : {}),
      };
      dispatch(conversationId, { type: 'user-sent', message });
      void runAnswer(conversationId);
      return message.id;
    },

    setTranscript(messageId, attachmentId, transcript, language) {
      const conversation = Object.values(get().conversations).find((c) => c.messages.some((m) => m.id === messageId));
      if (conversation) dispatch(conversation.id, { type: 'attachment-transcribed', messageId, attachmentId, transcript, ...(language ? { language } : {}) });
    },

    stop() {
      generateController?.abort();
      // A question left open would hold the loop; Stop answers it (the loop sees the abort and runs nothing).
      if (consentResolver) get().answerToolConsent('deny');
    },

    async retryAnswer(messageId) {
      const redo = messageToRedo(messageId, 'assistant');
      if (!redo) return;
      dispatch(redo.conversationId, { type: 'branched-from', messageId });
      await runAnswer(redo.conversationId);
    },

    viewVersion(messageId, versionId) {
      if (get().generating) return;
      dispatch(get().activeConversationId, { type: 'version-viewed', messageId, versionId });
    },

    async editMessage(messageId, content) {
      const text = content.trim();
      const redo = messageToRedo(messageId, 'user');
      if (!redo) return;
      const { conversationId, message } = redo;
      // Editing keeps the message's attachments, so a message of pictures alone may have no words.
      if (!text && !message.attachments?.length) return;
      dispatch(conversationId, { type: 'branched-from', messageId });
      dispatch(conversationId, { type: 'user-sent', message: { ...message, id: newId(), content: text, createdAt: Date.now() } });
      await runAnswer(conversationId);
    },
  };
};
