// The compare slice: one prompt to two local models, one after the other (the engine holds one model at a time: load
// A, answer, load B, answer), each answer kept with its tokens per second. It never touches a conversation.

import type { StateCreator } from 'zustand/vanilla';
import { toAppError, serializeError } from '../../shared/errors';
import { tr } from '../../i18n/i18n';
import { describeError } from '../../i18n/errors';
import { settingsFor } from './answering-slice';
import type { StoreContext } from './context';
import type { SensaState } from './state';

export interface CompareAnswer {
  modelId: string;
  phase: 'waiting' | 'loading' | 'answering' | 'done' | 'stopped' | 'failed';
  text: string;
  tokens: number;
  /** The engine's figure after the first token (its prefill excluded); null until the answer is done. */
  tokensPerSecond: number | null;
  timeToFirstTokenMs: number | null;
  /** Why it failed, in words; null otherwise. */
  problem: string | null;
}

export interface Comparison {
  prompt: string;
  answers: [CompareAnswer, CompareAnswer];
  running: boolean;
}

export interface CompareSlice {
  comparison: Comparison | null;
  /** Whether the comparison dialog is open: held here, not in the model panel, which folds away once a model loads. */
  compareOpen: boolean;
  setCompareOpen(open: boolean): void;
  /** Loads each model in turn and answers the prompt with it; the model that answered last stays loaded. */
  compare(prompt: string, modelIds: readonly [string, string]): Promise<void>;
  stopCompare(): void;
}

const waiting = (modelId: string): CompareAnswer => ({ modelId, phase: 'waiting', text: '', tokens: 0, tokensPerSecond: null, timeToFirstTokenMs: null, problem: null });

export const createCompareSlice =
  (ctx: StoreContext): StateCreator<SensaState, [], [], CompareSlice> =>
  (set, get) => {
    let controller: AbortController | null = null;
    const update = (index: 0 | 1, change: Partial<CompareAnswer>) =>
      set((s) => {
        if (!s.comparison) return {};
        const answers: [CompareAnswer, CompareAnswer] = [...s.comparison.answers];
        answers[index] = { ...answers[index], ...change };
        return { comparison: { ...s.comparison, answers } };
      });
    return {
      comparison: null,
      compareOpen: false,
      setCompareOpen(open) {
        set({ compareOpen: open });
      },
      async compare(prompt, modelIds) {
        if (get().comparison?.running || get().generating) return;
        const mine = new AbortController();
        controller = mine;
        set({ comparison: { prompt, answers: [waiting(modelIds[0]), waiting(modelIds[1])], running: true } });
        try {
          for (const index of [0, 1] as const) {
            const modelId = modelIds[index];
            const spec = ctx.spec(modelId);
            if (mine.signal.aborted) {
              update(index, { phase: 'stopped' });
              continue;
            }
            if (!spec || spec.remote) {
              update(index, { phase: 'failed', problem: 'Only models on this device can be compared.' });
              continue;
            }
            update(index, { phase: 'loading' });
            get().selectModel(modelId);
            await get().loadModel();
            const model = get().model;
            if (mine.signal.aborted) {
              update(index, { phase: 'stopped' });
              continue;
            }
            if (model.phase !== 'ready' || model.modelId !== modelId) {
              const error = model.phase === 'error' ? describeError(model.error) : null;
              update(index, { phase: 'failed', problem: error ? `${error.title}. ${error.hint}` : tr('errors:message.didNotLoad') });
              continue;
            }
            update(index, { phase: 'answering' });
            try {
              const result = await ctx.deps.engine.generate(
                { turns: [{ role: 'user', content: prompt }], settings: settingsFor(spec, get().preferences) },
                {
                  signal: mine.signal,
                  onEvent: (event) =>
                    set((s) => {
                      if (!s.comparison) return {};
                      const answers: [CompareAnswer, CompareAnswer] = [...s.comparison.answers];
                      answers[index] = { ...answers[index], text: answers[index].text + event.text, tokens: event.tokens };
                      return { comparison: { ...s.comparison, answers } };
                    }),
                },
              );
              update(index, {
                phase: result.finishReason === 'stopped' ? 'stopped' : 'done',
                text: result.text || get().comparison?.answers[index].text || '',
                tokens: result.tokens,
                tokensPerSecond: result.tokensPerSecond > 0 ? result.tokensPerSecond : null,
                timeToFirstTokenMs: result.timeToFirstTokenMs,
              });
            } catch (error) {
              const appError = toAppError(error);
              const described = describeError(serializeError(appError));
              update(index, appError.code === 'aborted' ? { phase: 'stopped' } : { phase: 'failed', problem: `${described.title}. ${described.hint}` });
            }
          }
        } finally {
          if (controller === mine) controller = null;
          set((s) => (s.comparison ? { comparison: { ...s.comparison, running: false } } : {}));
        }
      },
      stopCompare() {
        controller?.abort();
        // A load in progress is cancelled the way the panel's Cancel does it.
        if (get().model.phase === 'loading') get().cancelLoad();
      },
    };
  };
