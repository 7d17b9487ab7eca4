import 'fake-indexeddb/auto';
import { createStore } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { FakeEngine } from '../test/fake-engine';
import { createConversationRepository, type ConversationRepository } from '../storage/conversations';
import { persistConversations } from './persistence';
import { activeConversation, createSensaStore } from './store';

let n = 0;
function setup(repository: ConversationRepository = createConversationRepository(createStore(`persist-${n++}`, 'c'))) {
  const store = createSensaStore({
    engine: new FakeEngine({ words: ['Hi'] }),
    probe: async () => ({ webgpu: false, shaderF16: false, adapter: null, maxBufferSize: 0, maxStorageBufferBindingSize: 0, webgpuProblem: 'none' }),
    preferences: { load: () => ({}), save: () => undefined },
    loadConversations: async () => (await repository.loadAll()).conversations,
  });
  const target = new EventTarget();
  const persister = persistConversations(store, repository, { throttleMs: 10_000, target: target as unknown as Window });
  return { store, repository, persister, target };
}

describe('conversation persistence', () => {
  it('writes nothing before the stored conversations are merged', async () => {
    const writes: string[] = [];
    const repository: ConversationRepository = {
      loadAll: async () => ({ conversations: [], skipped: [] }),
      commit: async ({ save }) => void writes.push(...save.map((c) => c.id)),
    };
    const { store, persister } = setup(repository);
    store.getState().renameConversation(store.getState().activeConversationId, 'Early');
    await persister.flush();
    expect(writes).toEqual([]);
    await store.getState().init();
    store.getState().renameConversation(store.getState().activeConversationId, 'Later');
    await persister.flush();
    expect(writes).toHaveLength(1);
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
