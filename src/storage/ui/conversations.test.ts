import 'fake-indexeddb/auto';
import { set } from 'idb-keyval';
import fixtureV1 from './fixtures/conversations-v1.json';
import fixtureV1App from './fixtures/conversations-v1-app.json';
import { allMessages } from '../../domain/branches';
import { describe, expect, it } from 'vitest';
import { createConversationRepository, migrate, openConversationStore } from './conversations';
import { openSensaDatabase } from '../common/database';
import type { Conversation } from '../../domain/conversation';

let n = 0;
const fresh = () => {
  const database = openSensaDatabase(`conversations-test-${n++}`, { legacy: [] });
  const store = openConversationStore(() => database);
  return { store, repo: createConversationRepository(store) };
};

const conversation: Conversation = {
  id: 'c1',
  title: 'Trip',
  createdAt: 1,
  updatedAt: 2,
  systemPrompt: 'Be brief.',
  messages: [
    { id: 'm1', role: 'user', content: 'Hi', status: 'done', createdAt: 1 },
    { id: 'm2', role: 'assistant', content: 'Hel', status: 'streaming', createdAt: 2 },
  ],
};

describe('conversation repository', () => {
  it('saves and loads a conversation, repairing an answer that was streaming when the tab died', async () => {
    const { repo } = fresh();
    await repo.commit({ save: [conversation], remove: [] });
    const { conversations, skipped } = await repo.loadAll();
    expect(skipped).toEqual([]);
    expect(conversations).toHaveLength(1);
    expect(conversations[0]?.messages[1]).toMatchObject({ content: 'Hel', status: 'interrupted' });
    expect(conversations[0]?.systemPrompt).toBe('Be brief.');
  });

  it('skips records it cannot read instead of failing the whole load', async () => {
    const { store, repo } = fresh();
    await repo.commit({ save: [conversation], remove: [] });
    await set('junk', { schema: 99, whatever: true }, store);
    const { conversations, skipped } = await repo.loadAll();
    expect(conversations.map((c) => c.id)).toEqual(['c1']);
    expect(skipped).toEqual(['junk']);
  });

  it('removes', async () => {
    const { repo } = fresh();
    await repo.commit({ save: [conversation], remove: [] });
    await repo.commit({ save: [], remove: ['c1'] });
    expect((await repo.loadAll()).conversations).toEqual([]);
  });

  it('commits writes and deletions in one transaction: a save that fails leaves nothing half written', async () => {
    const { repo } = fresh();
    const old = { ...conversation, id: 'old' };
    await repo.commit({ save: [old], remove: [] });
    const edited = { ...old, title: 'Edited' };
    // A function cannot be stored: the second put throws after the first was queued.
    const unstorable = { ...conversation, id: 'c2', onClick: () => undefined } as Conversation;
    await expect(repo.commit({ save: [edited, unstorable], remove: ['old'] })).rejects.toThrow();
    const { conversations } = await repo.loadAll();
    expect(conversations.map((c) => [c.id, c.title])).toEqual([['old', 'Trip']]);
  });

  it('reads the schema-1 fixture as saved by the first release', () => {
    const v1 = { schema: 1, conversation: { ...conversation, systemPrompt: undefined } };
    expect(migrate(v1)).toMatchObject({ id: 'c1', systemPrompt: '' });
    expect(migrate({ schema: 1, conversation: { id: 3 } })).toBeNull();
    expect(migrate('nope')).toBeNull();
  });
});

describe('migrations from saved databases', () => {
  it('reads a schema-1 database as the first release wrote it', async () => {
    const { store, repo } = fresh();
    for (const [key, record] of Object.entries(fixtureV1.records)) await set(key, record, store);
    const { conversations, skipped } = await repo.loadAll();
    expect(skipped).toEqual([]);
    const lisbon = conversations.find((c) => c.title === 'Lisbon with kids');
    expect(lisbon?.messages).toHaveLength(4);
    expect(lisbon?.messages[1]?.answer).toMatchObject({ dtype: 'q4f16', tokensPerSecond: 31.5 });
    // The answer that was streaming when that tab died comes back marked, with its text.
    expect(lisbon?.messages[3]).toMatchObject({ content: 'In the evening, walk', status: 'interrupted' });
    expect(conversations.find((c) => c.titleSetByPerson)?.title).toBe('Renamed by hand');
  });

  it('reads what the schema-1 code wrote (fixtures/conversations-v1-app.json) as trees: every chat and every message kept', async () => {
    const { store, repo } = fresh();
    for (const [key, record] of Object.entries(fixtureV1App.records)) await set(key, record, store);
    const { conversations, skipped } = await repo.loadAll();
    expect(skipped).toEqual([]);
    const records = Object.values(fixtureV1App.records) as unknown as { schema: number; conversation: Conversation }[];
    expect(records.every((r) => r.schema === 1)).toBe(true);
    expect(conversations.map((c) => c.id).sort()).toEqual(records.map((r) => r.conversation.id).sort());
    for (const { conversation: before } of records) {
      const after = conversations.find((c) => c.id === before.id);
      // Same messages in the same order, each now linked to the one before it; a list has no other versions.
      expect(after?.messages.map((m) => [m.id, m.content])).toEqual(before.messages.map((m) => [m.id, m.content]));
      expect(after?.messages.map((m) => m.parentId)).toEqual(before.messages.map((_, i) => (i === 0 ? null : before.messages[i - 1]?.id)));
      expect(after && allMessages(after)).toHaveLength(before.messages.length);
      expect(after?.title).toBe(before.title);
      expect(after?.systemPrompt).toBe(before.systemPrompt);
    }
    const river = conversations.find((c) => c.title === 'I saw a river');
    expect(river?.messages[3]?.answer?.tokenIds).toEqual([32, 16615, 16700, 13, 128009]);
    expect(river?.messages[2]?.attachments?.[0]).toMatchObject({ id: 'att-1', kind: 'image' });
    // Saved mid-answer: repaired as ever.
    expect(conversations.find((c) => c.systemPrompt === 'Answer briefly.')?.messages.at(-1)).toMatchObject({ content: 'Ban', status: 'interrupted' });
    // Written back, it is schema 2 and reads the same.
    await repo.commit({ save: conversations, remove: [] });
    const again = await repo.loadAll();
    expect(again.conversations.map((c) => c.id).sort()).toEqual(conversations.map((c) => c.id).sort());
  });

  it('keeps the versions of a schema-2 tree, leaving out an unreadable one rather than the chat', () => {
    const tree: Conversation = {
      ...conversation,
      messages: [
        { id: 'm1', role: 'user', content: 'Hi', status: 'done', createdAt: 1, parentId: null },
        { id: 'm3', role: 'assistant', content: 'Hello', status: 'done', createdAt: 3, parentId: 'm1' },
      ],
      otherVersions: [{ id: 'm2', role: 'assistant', content: 'Hey', status: 'done', createdAt: 2, parentId: 'm1' }],
      viewedChild: { m1: 'm2' },
    };
    expect(migrate({ schema: 2, conversation: tree })).toEqual(tree);
    const damaged = { ...tree, otherVersions: [...(tree.otherVersions ?? []), { id: 7 }] };
    expect(migrate({ schema: 2, conversation: damaged })?.otherVersions?.map((m) => m.id)).toEqual(['m2']);
  });
});
