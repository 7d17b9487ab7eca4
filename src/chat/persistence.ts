// Saves conversations as they change: only after the stored ones were merged, throttled, and flushed when the page hides.

import type { StoreApi } from 'zustand/vanilla';
import type { ConversationRepository } from '../storage/ui/conversations';
import { toAppError } from '../shared/errors';
import type { SensaState } from './store';
import type { Conversation } from '../domain/conversation';

export interface Persister {
  flush(): Promise<void>;
  /**
   * Settles once every change made so far is on disk (or its write failed, which the store reports): after the stored
   * conversations were merged, and after writes already under way. An import says "Imported" only then.
   */
  settled(): Promise<void>;
  stop(): void;
}

/** What tabs tell each other after a write: which conversations changed or went. */
export interface SyncMessage {
  saved: string[];
  removed: string[];
}

export interface SyncChannel {
  postMessage(message: SyncMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<SyncMessage>) => void): void;
  close(): void;
}

/** Characters of text per throttle step: below this a streaming chat is written every `throttleMs`. */
const CHARS_PER_STEP = 40_000;
const MAX_STEPS = 8;

/**
 * How long a streaming chat waits between writes. IndexedDB clones the whole record on the page's main thread, in
 * proportion to its size: a 500-message chat (295k characters) took 50-80 ms per write here, every 400 ms while an
 * answer streamed, a sixth of the thread. Longer chats wait longer (up to 8 steps: 3.2 s by default), so a tab that
 * crashes mid-answer loses at most that much of the answer; its start and end are written at once either way.
 */
export function streamingWriteInterval(conversation: Conversation | undefined, throttleMs: number): number {
  let chars = 0;
  for (const m of conversation?.messages ?? []) chars += m.content.length;
  return throttleMs * Math.min(MAX_STEPS, Math.max(1, Math.ceil(chars / CHARS_PER_STEP)));
}

export function persistConversations(
  store: StoreApi<SensaState>,
  repository: ConversationRepository,
  {
    throttleMs = 400,
    target = globalThis as unknown as Pick<Window, 'addEventListener' | 'removeEventListener'>,
    channel = null as SyncChannel | null,
  } = {},
): Persister {
  /** The object last written per id: a changed conversation is a new object (the reducer never mutates). */
  const saved = new Map<string, Conversation>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** Commits under way: a flush that finds nothing new to write must still wait for them. */
  const pending = new Set<Promise<void>>();
  let markLoaded!: () => void;
  const loaded = new Promise<void>((resolve) => (markLoaded = resolve));
  if (store.getState().conversationsLoaded) markLoaded();

  const worthSaving = (c: Conversation) => c.messages.length > 0 || (c.otherVersions?.length ?? 0) > 0 || c.titleSetByPerson === true || c.systemPrompt !== '';

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
    const commit = repository.commit({ save: changed, remove: removed }).then(
      () => {
        channel?.postMessage({ saved: changed.map((c) => c.id), removed });
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
    pending.add(commit);
    void commit.finally(() => pending.delete(commit));
    return commit;
  };

  const flush = (): Promise<void> => {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    return write();
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.conversationsLoaded && !previous.conversationsLoaded) {
      markLoaded();
      // What was just loaded is already on disk; what was made before the load finished (an import, say) is not.
      let unsaved = false;
      for (const c of Object.values(state.conversations)) {
        if (!worthSaving(c)) continue;
        if (previous.conversations[c.id] === c) unsaved = true;
        else saved.set(c.id, c);
      }
      if (unsaved) void flush();
      return;
    }
    if (!state.conversationsLoaded) return;
    // An answer starting (the person's message is in) or ending is written at once; streaming tokens are throttled.
    if ((state.generating === null) !== (previous.generating === null)) {
      void flush();
      return;
    }
    if (state.conversations === previous.conversations) return;
    // Only streaming is throttled; an import, a rename or a deletion is written at once, so a reload right after keeps it.
    if (state.generating === null) {
      void flush();
      return;
    }
    timer ??= setTimeout(() => void flush(), streamingWriteInterval(state.conversations[state.generating.conversationId], throttleMs));
  });

  // Another tab wrote: take its versions where they are newer, and remember them as saved so they are not echoed back.
  channel?.addEventListener('message', (event) => {
    const { saved: savedIds, removed } = event.data;
    void repository.loadMany(savedIds).then((stored) => {
      const state = store.getState();
      const conversations = { ...state.conversations };
      let changed = false;
      for (const incoming of stored) {
        if (!incoming) continue;
        const local = conversations[incoming.id];
        if (local && local.updatedAt >= incoming.updatedAt) continue;
        conversations[incoming.id] = incoming;
        saved.set(incoming.id, incoming);
        changed = true;
      }
      for (const id of removed) {
        if (!conversations[id] || id === state.generating?.conversationId) continue;
        delete conversations[id];
        saved.delete(id);
        changed = true;
      }
      if (!changed) return;
      const activeConversationId = conversations[state.activeConversationId]
        ? state.activeConversationId
        : (Object.values(conversations).sort((a, b) => b.updatedAt - a.updatedAt)[0]?.id ?? state.activeConversationId);
      if (conversations[activeConversationId]) store.setState({ conversations, activeConversationId });
      else store.setState({ conversations });
    });
  });

  const onHide = () => void flush();
  const onVisibility = () => {
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') void flush();
  };
  target.addEventListener('pagehide', onHide);
  target.addEventListener('visibilitychange', onVisibility);

  return {
    flush,
    async settled() {
      await loaded;
      await flush();
      await Promise.all([...pending]);
    },
    stop() {
      unsubscribe();
      channel?.close();
      target.removeEventListener('pagehide', onHide);
      target.removeEventListener('visibilitychange', onVisibility);
      if (timer !== null) clearTimeout(timer);
    },
  };
}
