// The conversations slice: the chats in memory, which one is open, and creating, opening, renaming, deleting, importing them.

import type { StateCreator } from 'zustand/vanilla';
import { newId } from '../../shared/ids';
import type { Conversation } from '../../domain/conversation';
import type { StoredMedia } from '../../storage/ui/media-store';
import type { TransferDocument } from '../transfer';
import { dispatchTo, type StoreContext } from './context';
import type { SensaState } from './state';

export interface ConversationsSlice {
  conversations: Record<string, Conversation>;
  activeConversationId: string;
  /** False until stored conversations have been merged in; nothing is written before that. */
  conversationsLoaded: boolean;
  /** The last deleted conversation, kept for Undo until the next deletion. */
  recentlyDeleted: Conversation | null;
  /** Set when saving failed (full disk, private mode); the conversation stays in memory. */
  storageProblem: string | null;
  newChat(): void;
  openConversation(id: string): void;
  renameConversation(id: string, title: string): void;
  deleteConversation(id: string): void;
  undoDelete(): void;
  setSystemPrompt(id: string, systemPrompt: string): void;
  /** Stores the attachments' bytes first, so no imported message ever points at bytes that are not there. */
  importConversations(conversations: Conversation[], media?: ReadonlyMap<string, StoredMedia>, documents?: ReadonlyMap<string, TransferDocument>): Promise<void>;
  /** One JSON file holding these conversations and their attachments' bytes. */
  exportConversations(conversations: readonly Conversation[]): Promise<string>;
}

type Open = Pick<ConversationsSlice, 'conversations' | 'activeConversationId'>;

export function activeConversation(state: Open): Conversation {
  const conversation = state.conversations[state.activeConversationId];
  if (!conversation) throw new Error('The active conversation is missing.');
  return conversation;
}

export function emptyConversation(systemPrompt = '', now = Date.now()): Conversation {
  return { id: newId(), title: 'New chat', createdAt: now, updatedAt: now, systemPrompt, messages: [] };
}

/**
 * Stored conversations merged into those in memory, never replacing them: anything typed before the load finished
 * stays open. Otherwise the most recent stored one opens and the untouched empty chat goes.
 */
export function mergeStored(state: Open, stored: readonly Conversation[]): Open {
  const merged = { ...state.conversations };
  for (const c of stored) merged[c.id] = c;
  const latest = stored.reduce<Conversation | null>((a, c) => (!a || c.updatedAt > a.updatedAt ? c : a), null);
  const current = state.conversations[state.activeConversationId];
  const stayOnCurrent = current && current.messages.length > 0;
  if (latest && !stayOnCurrent && current) delete merged[current.id];
  return { conversations: merged, activeConversationId: latest && !stayOnCurrent ? latest.id : state.activeConversationId };
}

export const createConversationsSlice = (ctx: StoreContext): StateCreator<SensaState, [], [], ConversationsSlice> => (set, get) => {
  const first = emptyConversation(ctx.preferences.defaultSystemPrompt);
  return {
    conversations: { [first.id]: first },
    activeConversationId: first.id,
    conversationsLoaded: false,
    recentlyDeleted: null,
    storageProblem: null,

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
      dispatchTo(set, id, { type: 'renamed', title });
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
      dispatchTo(set, id, { type: 'system-prompt-set', systemPrompt });
    },

    async importConversations(imported, media, documents) {
      if (imported.length === 0) return;
      if (media && media.size > 0) await ctx.mediaStore.putImported(media);
      // Documents before the conversations that attach them, as with media.
      if (documents && documents.size > 0) await ctx.deps.documents?.putImported(documents.values());
      set((s) => {
        const conversations = { ...s.conversations };
        for (const c of imported) conversations[c.id] = c;
        return { conversations };
      });
      // "Imported" is said only once the chats are on disk: a reload right after must find them.
      await ctx.deps.saved?.();
    },

    async exportConversations(conversations) {
      // Export and import load on first use, with their hashing, keeping them out of the first paint.
      const { exportJson } = await import('../transfer');
      const documents = ctx.deps.documents;
      return exportJson(conversations, (id) => ctx.mediaStore.get(id), new Date(), documents ? (id) => documents.exportable(id) : undefined);
    },
  };
};
