// Describe for me: one press takes a picture and the seeing model describes it, short first; the description is a
// chat answer (so it is saved and announced politely like any other) and is spoken aloud. "More detail" and "Read the
// text" are requests of their own; an optional interval mode describes only what changed.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { findModel } from '../../models/catalog';
import { serializeError } from '../../shared/errors';
import { describeError, errorMessage } from '../../i18n/errors';
import { answerOnly } from '../../chat/thinking';
import type { SensaState } from '../../chat/store';
import type { VoiceState } from '../voice-store';
import { cannotGoLive, type LiveAdvice } from '../live/live-checks';
import { describeClosed } from './describe-closed';

export type DescribeRequest = 'short' | 'detail' | 'text' | 'changes';

/** What the model is asked; the picture goes with every request except "more detail", which is about the last one. */
export const DESCRIBE_PROMPTS: Record<DescribeRequest, string> = {
  short: 'Describe this picture in one or two short sentences for someone who cannot see it. Mention any text or danger first.',
  detail: 'Describe the same picture in more detail: where things are, people, objects, colours, and any text.',
  text: 'Read out all the text in this picture exactly as written, top to bottom. If there is no text, say so.',
  changes: 'This is a new picture from the same camera. In one short sentence, say only what changed since the previous picture; if nothing did, say "No change."',
};

/** Interval mode's period: often enough to follow a scene, seldom enough for a small model to finish between pictures. */
export const INTERVAL_MS = 15_000;

export type DescribePhase = 'idle' | 'looking' | 'describing' | 'speaking';

export interface DescribeState {
  open: boolean;
  phase: DescribePhase;
  /** The request being answered. */
  request: DescribeRequest | null;
  error: string | null;
  advice: LiveAdvice | null;
  /** A picture was described in this session, so "more detail" has something to be about. */
  described: boolean;
  interval: boolean;
  openMode(): void;
  close(): void;
  ask(request: DescribeRequest): Promise<void>;
  setInterval(on: boolean): void;
}

export interface DescribeDeps {
  chat: StoreApi<SensaState>;
  voice: StoreApi<VoiceState>;
  takePicture: () => Promise<Blob>;
  /** Voice mode speaks every answer itself; describing then only writes. */
  voiceModeOn: () => boolean;
  intervalMs?: number;
}

export function createDescribeMode(deps: DescribeDeps): StoreApi<DescribeState> {
  const { chat, voice } = deps;
  let timer: ReturnType<typeof setInterval> | null = null;
  let unfollow: (() => void) | null = null;

  return createStore<DescribeState>()((set, get) => {
    /** Speaks the answer to `messageId` as it streams, and settles the phase when it is over. */
    const follow = (messageId: string) => {
      unfollow?.();
      let answerId: string | null = null;
      const speak = !deps.voiceModeOn();
      const check = (state: SensaState) => {
        const conversation = Object.values(state.conversations).find((c) => c.messages.some((m) => m.id === messageId));
        const messages = conversation?.messages ?? [];
        const answer = messages[messages.findIndex((m) => m.id === messageId) + 1];
        if (!answer || answer.role !== 'assistant') return;
        if (answerId !== answer.id) {
          answerId = answer.id;
          if (speak) voice.getState().startSpeaking(answer.id);
        }
        const final = answer.status !== 'streaming';
        if (speak) voice.getState().speakMore(answerOnly(answer.content), final);
        if (!final) return;
        unfollow?.();
        unfollow = null;
        if (answer.status === 'error' && answer.error) set({ error: `${describeError(answer.error).title}: ${errorMessage(answer.error)}` });
        set({ phase: speak && answer.status === 'done' ? 'speaking' : 'idle', request: null });
      };
      const unsubscribeChat = chat.subscribe(check);
      const unsubscribeVoice = voice.subscribe((state, previous) => {
        if (get().phase === 'speaking' && state.readingMessageId === null && previous.readingMessageId !== null) set({ phase: 'idle' });
      });
      unfollow = () => {
        unsubscribeChat();
        unsubscribeVoice();
      };
      check(chat.getState());
    };

    return {
      ...describeClosed(),

      openMode() {
        const state = chat.getState();
        const loaded = state.model.phase === 'ready' ? findModel(state.model.modelId) : undefined;
        set({ open: true, error: null, advice: cannotGoLive(loaded, undefined, 'Describe for me') });
      },

      close() {
        get().setInterval(false);
        unfollow?.();
        unfollow = null;
        set({ open: false, phase: 'idle', request: null, error: null });
      },

      async ask(request) {
        const state = chat.getState();
        const loaded = state.model.phase === 'ready' ? findModel(state.model.modelId) : undefined;
        const advice = cannotGoLive(loaded, undefined, 'Describe for me');
        set({ advice, error: null });
        if (advice) return;
        if (state.generating || get().phase === 'looking' || get().phase === 'describing') {
          if (request !== 'changes') set({ error: 'Still answering: wait for it, or press Stop.' });
          return;
        }
        // A new request talks over the last description.
        voice.getState().stop();
        let pictures: Blob[] = [];
        if (request !== 'detail' || !get().described) {
          set({ phase: 'looking', request });
          try {
            pictures = [await deps.takePicture()];
          } catch (error) {
            const e = serializeError(error);
            set({ phase: 'idle', request: null, error: e.message });
            return;
          }
        }
        set({ phase: 'describing', request });
        // "More detail" with no picture yet is a first description, asked for in detail.
        const messageId = await chat.getState().sendSpoken({ transcript: DESCRIBE_PROMPTS[request], pictures });
        if (!messageId) {
          set({ phase: 'idle', request: null, error: 'The model is busy or not loaded.' });
          return;
        }
        if (pictures.length > 0) set({ described: true });
        follow(messageId);
      },

      setInterval(on) {
        if (timer !== null) clearInterval(timer);
        timer = null;
        set({ interval: on });
        if (!on) return;
        // Describe the scene now, then only what changes.
        void get().ask(get().described ? 'changes' : 'short');
        timer = setInterval(() => {
          if (get().phase === 'idle') void get().ask('changes');
        }, deps.intervalMs ?? INTERVAL_MS);
      },
    };
  });
}
