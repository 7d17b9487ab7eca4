// Saves conversations as they change: only after the stored ones were merged, throttled, and flushed when the page hides.

import type { StoreApi } from 'zustand/vanilla';
import type { ConversationRepository } from '../storage/conversations';
import { toAppError } from '../shared/errors';
import type { SensaState } from './store';
import type { Conversation } from './types';

export interface Persister {
  flush(): Promise<void>;
  stop(): void;
}

export function persistConversations(
  store: StoreApi<SensaState>,
  repository: ConversationRepository,
  { throttleMs = 400, target = globalThis as unknown as Pick<Window, 'addEventListener' | 'removeEventListener'> } = {},
): Persister {
  /** The object last written per id: a changed conversation is a new object (the reducer never mutates). */
  const saved = new Map<string, Conversation>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writing: Promise<void> = Promise.resolve();

  const worthSaving = (c: Conversation) => c.messages.length > 0 || c.titleSetByPerson === true || c.systemPrompt !== '';

  const write = async () => {
    const state = store.getState();
    if (!state.conversationsLoaded) return;
    const current = state.conversations;
    const changed = Object.values(current).filter((c) => worthSaving(c) && saved.get(c.id) !== c);
    const removed = [...saved.keys()].filter((id) => !current[id]);
    try {
      for (const c of changed) {
        await repository.save(c);
        saved.set(c.id, c);
      }
      for (const id of removed) {
        await repository.remove(id);
        saved.delete(id);
      }
      if (store.getState().storageProblem) store.setState({ storageProblem: null });
    } catch (error) {
      const appError = toAppError(error);
      store.setState({
        storageProblem:
          appError.code === 'quota-exceeded'
            ? 'Storage is full: new messages are not being saved. Free space in the browser, then keep chatting.'
            : `Saving failed: ${appError.message}`,
      });
    }
  };

  const flush = () => {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    writing = writing.then(write);
    return writing;
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.conversationsLoaded && !previous.conversationsLoaded) {
      // What was just loaded is already on disk.
      for (const c of Object.values(state.conversations)) if (worthSaving(c)) saved.set(c.id, c);
      return;
    }
    if (state.conversations === previous.conversations || !state.conversationsLoaded) return;
    timer ??= setTimeout(() => void flush(), throttleMs);
  });

  const onHide = () => void flush();
  const onVisibility = () => {
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') void flush();
  };
  target.addEventListener('pagehide', onHide);
  target.addEventListener('visibilitychange', onVisibility);

  return {
    flush,
    stop() {
      unsubscribe();
      target.removeEventListener('pagehide', onHide);
      target.removeEventListener('visibilitychange', onVisibility);
      if (timer !== null) clearTimeout(timer);
    },
  };
}
