import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors';
import { FakeEngine } from '../test/fake-engine';
import type { Capabilities } from '../models/capabilities';
import { CATALOG } from '../models/catalog';
import { createSensaStore, turnsFor, type Preferences } from './store';

const GPU: Capabilities = { webgpu: true, shaderF16: false, adapter: 'Test', maxBufferSize: 1e9, maxStorageBufferBindingSize: 1e9, webgpuProblem: null };

function setup(engine = new FakeEngine(), stored: Partial<Preferences> = {}) {
  const saved: Preferences[] = [];
  const store = createSensaStore({
    engine,
    probe: async () => GPU,
    preferences: { load: () => stored, save: (p) => saved.push(p) },
  });
  return { store, engine, saved };
}

describe('sensa store', () => {
  it('loads the chosen variant, then streams an answer into the conversation', async () => {
    const { store, engine, saved } = setup(new FakeEngine({ words: ['Hi', ' you'] }));
    await store.getState().init();
    await store.getState().loadModel();
    expect(store.getState().model).toMatchObject({ phase: 'ready', choice: { device: 'webgpu', dtype: 'q4' } });
    expect(engine.loads[0]).toMatchObject({ repo: CATALOG[0]?.repo, dtype: 'q4', device: 'webgpu' });
    expect(saved.at(-1)?.lastModelId).toBe(CATALOG[0]?.id);
    await store.getState().send('Hello');
    const [u, a] = store.getState().conversation.messages;
    expect(u).toMatchObject({ role: 'user', content: 'Hello' });
    expect(a).toMatchObject({ role: 'assistant', content: 'Hi you', status: 'done', answer: { dtype: 'q4', device: 'webgpu' } });
    expect(store.getState().generatingMessageId).toBeNull();
  });

  it('reloads the last used model on start', async () => {
    const last = CATALOG.at(-1)!;
    const { store, engine } = setup(new FakeEngine(), { lastModelId: last.id });
    await store.getState().init();
    expect(engine.loads.map((l) => l.repo)).toEqual([last.repo]);
    expect(store.getState().model.phase).toBe('ready');
  });

  it('stop keeps the partial answer and frees the composer', async () => {
    const { store } = setup(new FakeEngine({ words: ['Part'], hangAfterWords: true }));
    await store.getState().init();
    await store.getState().loadModel();
    const sending = store.getState().send('Go');
    await new Promise((r) => setTimeout(r, 5));
    expect(store.getState().generatingMessageId).not.toBeNull();
    store.getState().stop();
    await sending;
    expect(store.getState().conversation.messages[1]).toMatchObject({ content: 'Part', status: 'stopped' });
    expect(store.getState().generatingMessageId).toBeNull();
  });

  it('a failed load shows its error, and retry recovers', async () => {
    const engine = new FakeEngine({ loadError: new AppError('network', 'offline') });
    const { store } = setup(engine);
    await store.getState().init();
    await store.getState().loadModel();
    expect(store.getState().model).toMatchObject({ phase: 'error', error: { code: 'network' } });
    engine.script = {};
    await store.getState().loadModel();
    expect(store.getState().model.phase).toBe('ready');
  });

  it('a failed answer can be retried, replacing the failed message', async () => {
    const engine = new FakeEngine({ generateError: new AppError('unknown', 'kaboom') });
    const { store } = setup(engine);
    await store.getState().init();
    await store.getState().loadModel();
    await store.getState().send('Q');
    const failed = store.getState().conversation.messages[1]!;
    expect(failed).toMatchObject({ status: 'error' });
    engine.script = { words: ['A'] };
    await store.getState().retryAnswer(failed.id);
    expect(store.getState().conversation.messages.map((m) => [m.role, m.content, m.status])).toEqual([
      ['user', 'Q', 'done'],
      ['assistant', 'A', 'done'],
    ]);
  });

  it('builds the prompt from finished turns without earlier thinking', () => {
    const turns = turnsFor({
      id: 'c', title: '', createdAt: 0, updatedAt: 0, systemPrompt: 'Be brief.',
      messages: [
        { id: '1', role: 'user', content: 'a', status: 'done', createdAt: 0 },
        { id: '2', role: 'assistant', content: '<think>x</think>\n\nb', status: 'done', createdAt: 0 },
        { id: '3', role: 'assistant', content: 'broken', status: 'error', createdAt: 0 },
        { id: '4', role: 'user', content: 'c', status: 'done', createdAt: 0 },
      ],
    });
    expect(turns).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'a' },
      { role: 'assistant', content: 'b' },
      { role: 'user', content: 'c' },
    ]);
  });
});

describe('generation settings', () => {
  it('start from the model defaults, apply the person’s changes per model, and reset', async () => {
    const { store, engine } = setup(new FakeEngine({ words: ['x'] }));
    await store.getState().init();
    const model = CATALOG[0]!;
    store.getState().setGeneration(model.id, { maxNewTokens: 7, temperature: 0 });
    await store.getState().loadModel();
    await store.getState().send('hi');
    expect(engine.generations[0]?.settings).toMatchObject({ maxNewTokens: 7, temperature: 0, topP: model.defaults.topP });
    expect(store.getState().conversation.messages[1]?.answer?.settings.maxNewTokens).toBe(7);
    store.getState().setGeneration(model.id, null);
    await store.getState().send('again');
    expect(engine.generations[1]?.settings.maxNewTokens).toBe(model.defaults.maxNewTokens);
  });
});
