import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { FakeEngine } from '../../test/fake-engine';
import type { Capabilities } from '../../models/capabilities';
import { CHAT_MODELS } from '../../models/catalog';
import { createSensaStore } from '../store';

const GPU: Capabilities = { webgpu: true, shaderF16: true, adapter: 'Test', maxBufferSize: 4e9, maxStorageBufferBindingSize: 4e9, webgpuProblem: null };
const [A, B] = CHAT_MODELS;

async function storeWith(engine: FakeEngine) {
  const store = createSensaStore({ engine, probe: async () => GPU, preferences: { load: () => ({}), save: () => undefined }, loadConversations: async () => [] });
  await store.getState().init();
  return store;
}

describe('comparing two models', () => {
  it('loads each model in turn and answers the same prompt with it, keeping each answer and its rate', async () => {
    const engine: FakeEngine = new FakeEngine({ reply: (): string[] => [engine.loads.at(-1)?.repo ?? '?', ' says hi'] });
    const store = await storeWith(engine);
    const conversationsBefore = store.getState().conversations;
    await store.getState().compare('Which fruit?', [A!.id, B!.id]);
    // One model at a time: load A, answer, load B, answer.
    expect(engine.loads.map((l) => l.repo)).toEqual([A!.repo, B!.repo]);
    expect(engine.generations.map((g) => g.turns)).toEqual([[{ role: 'user', content: 'Which fruit?' }], [{ role: 'user', content: 'Which fruit?' }]]);
    const { comparison } = store.getState();
    expect(comparison?.running).toBe(false);
    expect(comparison?.answers.map((a) => [a.modelId, a.phase, a.text])).toEqual([
      [A!.id, 'done', `${A!.repo} says hi`],
      [B!.id, 'done', `${B!.repo} says hi`],
    ]);
    // The conversation is left alone; the last model stays loaded.
    expect(store.getState().conversations).toBe(conversationsBefore);
    expect(store.getState().model).toMatchObject({ phase: 'ready', modelId: B!.id });
  });

  it('a model that fails to load is named with its reason, and the other still answers', async () => {
    const engine = new FakeEngine({ loadError: new AppError('out-of-memory', 'too big') });
    const store = await storeWith(engine);
    await store.getState().compare('Hi', [A!.id, B!.id]);
    const answers = store.getState().comparison?.answers;
    expect(answers?.[0]).toMatchObject({ phase: 'failed', problem: expect.stringMatching(/\w/) });
    expect(answers?.[1]).toMatchObject({ phase: 'failed' });
  });

  it('Stop ends the answer in progress and skips the model not yet loaded', async () => {
    const engine = new FakeEngine({ words: ['one', ' two'], hangAfterWords: true });
    const store = await storeWith(engine);
    const running = store.getState().compare('Hi', [A!.id, B!.id]);
    await expect.poll(() => store.getState().comparison?.answers[0].text).toBe('one two');
    store.getState().stopCompare();
    await running;
    expect(store.getState().comparison?.answers.map((a) => a.phase)).toEqual(['stopped', 'stopped']);
    expect(engine.loads).toHaveLength(1);
  });
});
