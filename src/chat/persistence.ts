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

  const worthSaving = (c: Conversation) => c.messages.length > 0 || c.titleSetByPerson === true || c.systemPrompt !== '';

  const write = (): Promise<void> => {
    const state = store.getState();
    if (!state.conversationsLoaded) return Promise.resolve();
    const current = state.conversations;
    const changed = Object.values(current).filter((c) => worthSaving(c) && saved.get(c.id) !== c);
    const removed = [...saved.keys()].filter((id) => !current[id]);
    if (changed.length === 0 && removed.length === 0) return Promise.resolve();
    // Marked before the transaction ends so a second flush doesn't write the same objects again; undone on failure.
    const before = new Map(saved);
    for (const c of changed) saved.set(c.id, c);
    for (const id of removed) saved.delete(id);
    return repository.commit({ save: changed, remove: removed }).then(
      () => {
        if (store.getState().storageProblem) store.setState({ storageProblem: null });
      },
      (error: unknown) => {
        saved.clear();
        for (const [id, c] of before) saved.set(id, c);
        const appError = toAppError(error);
        store.setState({
          storageProblem:
            appError.code === 'quota-exceeded'
              ? 'Storage is full: new messages are not being saved. Free space in the browser, then keep chatting.'
              : `Saving failed: ${appError.message}`,
        });
      },
    );
  };

  const flush = () => {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    return write();
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
