// Conversations in IndexedDB: one store of the Sensa database, a versioned record per conversation, forgiving loads and loud saves.

import { entries, getMany, promisifyRequest, type UseStore } from 'idb-keyval';
import { repairInterrupted } from '../../domain/conversation';
import type { Conversation } from '../../domain/conversation';
import { sensaStore, type SensaDatabase } from '../common/database';

export const CONVERSATION_SCHEMA = 1;

interface StoredConversationV1 {
  schema: 1;
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
  // Schema 1 is the first persisted shape; later schemas add cases here, each tested from a saved fixture.
  if (r.schema === 1 && isConversation(r.conversation)) {
    const c = r.conversation;
    return { ...c, systemPrompt: typeof c.systemPrompt === 'string' ? c.systemPrompt : '' };
  }
  return null;
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
            const record: StoredConversationV1 = { schema: CONVERSATION_SCHEMA, conversation };
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
