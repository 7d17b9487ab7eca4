// Conversations in IndexedDB: one store of the Sensa database, a versioned record per conversation, forgiving loads and loud saves.

import { entries, getMany, promisifyRequest, type UseStore } from 'idb-keyval';
import { repairInterrupted } from '../../domain/conversation';
import type { Conversation, Message } from '../../domain/conversation';
import { linkPath } from '../../domain/branches';
import { sensaStore, type SensaDatabase } from '../common/database';

/** 1: a list of messages. 2: a tree (parent ids, other versions, the viewed child at each fork; see domain/branches.ts). */
export const CONVERSATION_SCHEMA = 2;

interface StoredConversation {
  schema: typeof CONVERSATION_SCHEMA;
  conversation: Conversation;
}

export interface ConversationRepository {
  /** Every readable conversation, migrated and repaired; unreadable records are reported, not thrown. */
  loadAll(): Promise<{ conversations: Conversation[]; skipped: string[] }>;
  /** The stored versions of these ids; null where one is absent or unreadable. */
  loadMany(ids: string[]): Promise<(Conversation | null)[]>;
  /**
   * Writes and deletes in ONE transaction, created synchronously: a write begun in a pagehide
   * handler must be queued before the page goes, not after an await.
   */
  commit(changes: { save: Conversation[]; remove: string[] }): Promise<void>;
}

/** Writes are strict: a saved message must survive a power cut, not just a tab close. */
export function openConversationStore(database?: () => Promise<SensaDatabase>): UseStore {
  return sensaStore('conversations', database, { strict: true });
}

function isConversation(value: unknown): value is Conversation {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return typeof c.id === 'string' && typeof c.title === 'string' && Array.isArray(c.messages);
}

/** Brings any stored shape up to the current schema, or returns null if it is not a conversation at all. */
export function migrate(record: unknown): Conversation | null {
  if (typeof record !== 'object' || record === null) return null;
  const r = record as Record<string, unknown>;
  // Each schema has a case here, tested from a saved fixture of what that schema's code wrote.
  if (r.schema === 1 && isConversation(r.conversation)) {
    // A list: each message follows the one before it, and there are no other versions.
    const c = r.conversation;
    return { ...withoutVersions(c), systemPrompt: typeof c.systemPrompt === 'string' ? c.systemPrompt : '', messages: linkPath(c.messages) };
  }
  if (r.schema === 2 && isConversation(r.conversation)) {
    const c = r.conversation;
    const versions = Array.isArray(c.otherVersions) ? c.otherVersions.filter(isMessage) : undefined;
    const viewed = typeof c.viewedChild === 'object' && c.viewedChild !== null ? c.viewedChild : undefined;
    return {
      ...withoutVersions(c),
      systemPrompt: typeof c.systemPrompt === 'string' ? c.systemPrompt : '',
      // The path's links are its order; a damaged one is mended rather than trusted.
      messages: linkPath(c.messages),
      ...(versions?.length ? { otherVersions: versions } : {}),
      ...(versions?.length && viewed ? { viewedChild: viewed } : {}),
    };
  }
  return null;
}

function withoutVersions(c: Conversation): Conversation {
  const copy = { ...c };
  delete copy.otherVersions;
  delete copy.viewedChild;
  return copy;
}

/** A version off the viewed branch is usable only with its id and parent (an unreadable one is left out, not the chat). */
function isMessage(value: unknown): value is Message {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return typeof m.id === 'string' && typeof m.role === 'string' && typeof m.content === 'string' && (typeof m.parentId === 'string' || m.parentId === null);
}

export function createConversationRepository(store: UseStore = openConversationStore()): ConversationRepository {
  return {
    async loadAll() {
      const conversations: Conversation[] = [];
      const skipped: string[] = [];
      for (const [key, value] of await entries(store)) {
        const conversation = migrate(value);
        if (conversation) conversations.push(repairInterrupted(conversation));
        else skipped.push(String(key));
      }
      return { conversations, skipped };
    },
    async loadMany(ids) {
      return (await getMany(ids, store)).map((value) => (value === undefined ? null : migrate(value)));
    },
    commit({ save, remove }) {
      if (save.length === 0 && remove.length === 0) return Promise.resolve();
      return store('readwrite', (conversations) => {
        try {
          for (const conversation of save) {
            const record: StoredConversation = { schema: CONVERSATION_SCHEMA, conversation };
            conversations.put(record, conversation.id);
          }
          for (const id of remove) conversations.delete(id);
        } catch (error) {
          // A record that cannot be stored (DataCloneError) throws here, after earlier puts were queued: without
          // the abort they would commit, and the save would be half done.
          conversations.transaction.abort();
          throw error;
        }
        return promisifyRequest(conversations.transaction).then(() => undefined);
      });
    },
  };
}
