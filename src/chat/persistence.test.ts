import 'fake-indexeddb/auto';
import { createStore } from 'idb-keyval';
import { describe, expect, it, vi } from 'vitest';
import { FakeEngine } from '../test/fake-engine';
import { createConversationRepository, type ConversationRepository } from '../storage/ui/conversations';
import { BroadcastChannel as NodeBroadcastChannel } from 'node:worker_threads';
import { persistConversations, streamingWriteInterval, type SyncChannel } from './persistence';
import { activeConversation, createSensaStore } from './store';

let n = 0;
function setup(
  repository: ConversationRepository = createConversationRepository(createStore(`persist-${n++}`, 'c')),
  channel: SyncChannel | null = null,
) {
  const store = createSensaStore({
    engine: new FakeEngine({ words: ['Hi'] }),
    probe: async () => ({ webgpu: false, shaderF16: false, adapter: null, maxBufferSize: 0, maxStorageBufferBindingSize: 0, webgpuProblem: { kind: 'absent' } }),
    preferences: { load: () => ({}), save: () => undefined },
    loadConversations: async () => (await repository.loadAll()).conversations,
  });
  const target = new EventTarget();
  const persister = persistConversations(store, repository, { throttleMs: 10_000, target: target as unknown as Window, channel });
  return { store, repository, persister, target };
}

describe('conversation persistence', () => {
  it('writes nothing before the stored conversations are merged', async () => {
    const writes: string[] = [];
    const repository: ConversationRepository = {
      loadAll: async () => ({ conversations: [], skipped: [] }),
      loadMany: async () => [],
      commit: async ({ save }) => void writes.push(...save.map((c) => c.id)),
    };
    const { store, persister } = setup(repository);
    store.getState().renameConversation(store.getState().activeConversationId, 'Early');
    await persister.flush();
    expect(writes).toEqual([]);
    await store.getState().init();
    // Made before the load finished, so not on disk: written as soon as the stored chats are merged.
    await persister.flush();
    const id = store.getState().activeConversationId;
    expect(writes).toEqual([id]);
    store.getState().renameConversation(id, 'Later');
    await persister.flush();
    expect(writes).toEqual([id, id]);
  });

  it('chats imported before the stored ones finished loading are saved, not taken for already saved', async () => {
    const first = setup();
    await first.store.getState().importConversations([
      { id: 'early', title: 'Imported early', createdAt: 1, updatedAt: 1, systemPrompt: '', messages: [{ id: 'm', role: 'user', content: 'hi', status: 'done', createdAt: 1 }] },
    ]);
    await first.store.getState().init();
    await first.persister.flush();
    const second = setup(first.repository);
    await second.store.getState().init();
    expect(second.store.getState().conversations.early?.title).toBe('Imported early');
  });

  it('an import settles only once its chats are on disk, also when a write was already under way', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const written: string[] = [];
    const repository: ConversationRepository = {
      loadAll: async () => ({ conversations: [], skipped: [] }),
      loadMany: async () => [],
      commit: async ({ save }) => {
        await held;
        written.push(...save.map((c) => c.id));
      },
    };
    let persister: ReturnType<typeof persistConversations> | null = null;
    const store = createSensaStore({
      engine: new FakeEngine({ words: ['Hi'] }),
      probe: async () => ({ webgpu: false, shaderF16: false, adapter: null, maxBufferSize: 0, maxStorageBufferBindingSize: 0, webgpuProblem: { kind: 'absent' } }),
      preferences: { load: () => ({}), save: () => undefined },
      loadConversations: async () => (await repository.loadAll()).conversations,
      saved: () => persister?.settled() ?? Promise.resolve(),
    });
    persister = persistConversations(store, repository, { throttleMs: 10_000, target: new EventTarget() as unknown as Window });
    await store.getState().init();
    let done = false;
    const importing = store
      .getState()
      .importConversations([{ id: 'late', title: 'Imported', createdAt: 1, updatedAt: 1, systemPrompt: '', messages: [{ id: 'm', role: 'user', content: 'hi', status: 'done', createdAt: 1 }] }])
      .then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The commit is under way but not finished: a flush finds nothing new, yet the import has not been said.
    await persister.flush();
    expect(done).toBe(false);
    release();
    await importing;
    expect(written).toEqual(['late']);
  });

  it('a chat survives a “reload”, and pagehide flushes without waiting for the throttle', async () => {
    const first = setup();
    await first.store.getState().init();
    await first.store.getState().loadModel();
    await first.store.getState().send('remember me');
    first.target.dispatchEvent(new Event('pagehide'));
    await first.persister.flush();

    const second = setup(first.repository);
    await second.store.getState().init();
    expect(activeConversation(second.store.getState()).messages.map((m) => m.content)).toEqual(['remember me', 'Hi']);
  });

  it('deleting removes it from storage too', async () => {
    const first = setup();
    await first.store.getState().init();
    await first.store.getState().loadModel();
    await first.store.getState().send('short-lived');
    await first.persister.flush();
    first.store.getState().deleteConversation(first.store.getState().activeConversationId);
    await first.persister.flush();
    expect((await first.repository.loadAll()).conversations).toEqual([]);
  });

  it('tells the person when the disk is full, and keeps the chat in memory', async () => {
    const repository: ConversationRepository = {
      loadAll: async () => ({ conversations: [], skipped: [] }),
      loadMany: async () => [],
      commit: async () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    const { store, persister } = setup(repository);
    await store.getState().init();
    await store.getState().loadModel();
    await store.getState().send('big');
    await persister.flush();
    expect(store.getState().storageProblem).toMatch(/Storage is full/);
    expect(activeConversation(store.getState()).messages).toHaveLength(2);
  });
});

describe('two tabs', () => {
  const channelPair = (name: string) => [new NodeBroadcastChannel(name), new NodeBroadcastChannel(name)] as unknown as [SyncChannel, SyncChannel];
  it('a second tab sees a new answer, and never takes an older version over a newer one', async () => {
    const [a, b] = channelPair(`tabs-${n++}`);
    const tabA = setup(undefined, a);
    const tabB = setup(tabA.repository, b);
    await tabA.store.getState().init();
    await tabB.store.getState().init();
    await tabA.store.getState().loadModel();
    await tabA.store.getState().send('from tab A');
    await tabA.persister.flush();
    const id = tabA.store.getState().activeConversationId;
    await vi.waitFor(() => expect(tabB.store.getState().conversations[id]?.messages.map((m) => m.content)).toEqual(['from tab A', 'Hi']));

    // Tab B renames it later than A's version: A's stale copy must not come back over it.
    tabB.store.getState().renameConversation(id, 'Renamed in B');
    await tabB.persister.flush();
    await vi.waitFor(() => expect(tabA.store.getState().conversations[id]?.title).toBe('Renamed in B'));
    expect((await tabA.repository.loadMany([id]))[0]?.title).toBe('Renamed in B');
    tabA.persister.stop();
    tabB.persister.stop();
  });
});

describe('write timing', () => {
  it('writes the moment an answer ends, without waiting for the throttle', async () => {
    const { store, repository } = setup();
    await store.getState().init();
    await store.getState().loadModel();
    await store.getState().send('quick');
    // No flush, no pagehide, and the throttle is 10 s (setup): only the end of the answer can write within the poll's 1 s.
    await expect
      .poll(async () => (await repository.loadAll()).conversations[0]?.messages.map((m) => [m.content, m.status]))
      .toEqual([
        ['quick', 'done'],
        ['Hi', 'done'],
      ]);
  });
});

describe('streaming write interval', () => {
  const chat = (chars: number[]) => ({
    id: 'c',
    title: 't',
    createdAt: 1,
    updatedAt: 1,
    systemPrompt: '',
    messages: chars.map((n, i) => ({ id: `m${i}`, role: 'assistant' as const, content: 'x'.repeat(n), status: 'done' as const, createdAt: 1 })),
  });

  it('a short chat is written every throttle step; a long one less often, in proportion, up to 8 steps', () => {
    expect(streamingWriteInterval(chat([10, 2000]), 400)).toBe(400);
    expect(streamingWriteInterval(undefined, 400)).toBe(400);
    expect(streamingWriteInterval(chat([40_000]), 400)).toBe(400);
    expect(streamingWriteInterval(chat([40_000, 1]), 400)).toBe(800);
    // The bench's 500-message chat: 295k characters.
    expect(streamingWriteInterval(chat(Array.from({ length: 500 }, () => 590)), 400)).toBe(3200);
    expect(streamingWriteInterval(chat([5_000_000]), 400)).toBe(3200);
  });
});
