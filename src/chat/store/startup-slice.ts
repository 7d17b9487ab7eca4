// The start-up slice: probe the device, merge stored conversations, prune orphaned media, bring back the last model.

import type { StateCreator } from 'zustand/vanilla';
import { mergeStored } from './conversations-slice';
import { allMessages } from '../../domain/branches';
import type { StoreContext } from './context';
import type { SensaState } from './state';

export interface StartupSlice {
  init(): Promise<void>;
}

/** How long an unreferenced attachment is kept: a day's grace spares drafts still open in other tabs. */
const MEDIA_GRACE_MS = 24 * 60 * 60 * 1000;

/** Every attachment a conversation (in any version) or the composer still points at. */
export function referencedMedia(state: Pick<SensaState, 'conversations' | 'draft'>): Set<string> {
  const referenced = new Set(Object.values(state.conversations).flatMap((c) => allMessages(c).flatMap((m) => (m.attachments ?? []).map((a) => a.id))));
  for (const d of state.draft) if (d.status === 'ready') referenced.add(d.attachment.id);
  return referenced;
}

export const createStartupSlice =
  ({ deps, spec, mediaStore }: StoreContext): StateCreator<SensaState, [], [], StartupSlice> =>
  (set, get) => ({
    async init() {
      const [capabilities, stored] = await Promise.all([deps.probe(), deps.loadConversations?.().catch(() => []) ?? Promise.resolve([])]);
      set((s) => ({ capabilities, ...mergeStored(s, stored), conversationsLoaded: true }));
      // Attachments of deleted conversations go too.
      void mediaStore.prune(referencedMedia(get()), Date.now() - MEDIA_GRACE_MS).catch(() => 0);
      // The last model that loaded is in the cache: bring it back without a click, as a desktop app would.
      const last = get().preferences.lastModelId;
      if (last && spec(last)) {
        set({ selectedModelId: last });
        await get().loadModel();
      }
    },
  });
