// The tool loop through the store: consent, the calls recorded on the answer, the result given back to the model,
// the switches, and Stop while the person is asked.
import { describe, expect, it } from 'vitest';
import { FakeEngine } from '../test/fake-engine';
import type { Capabilities } from '../models/capabilities';
import { activeConversation, createSensaStore } from './store';
import type { GeneratePayload } from '../worker/protocol';
import type { CodeRunner } from './tool-context';

const GPU: Capabilities = { webgpu: true, shaderF16: false, adapter: 'Test', maxBufferSize: 1e9, maxStorageBufferBindingSize: 1e9, webgpuProblem: null };
const CALL = '<tool_call>{"name": "run_javascript", "arguments": {"code": "6*7"}}</tool_call>';

/** Calls run_javascript until a tool result is in the prompt, then answers with it. */
function toolModel(payload: GeneratePayload): string[] {
  const result = payload.turns.at(-1)?.role === 'tool' ? payload.turns.at(-1)?.content : null;
  return result === null || result === undefined ? ['<think>ok</think>\n\n', CALL] : ['The result is ', result, '.'];
}

async function setup(runCode: CodeRunner = async () => ({ outcome: { kind: 'done', value: '42' }, output: [], elapsedMs: 3 })) {
  const engine = new FakeEngine({ toolFormat: 'hermes', reply: toolModel });
  const store = createSensaStore({ engine, probe: async () => GPU, preferences: { load: () => ({}), save: () => undefined }, loadConversations: async () => [], runCode });
  await store.getState().init();
  await store.getState().loadModel();
  return { store, engine };
}

/** Sends, and answers the consent question each time it is asked. */
async function sendAnswering(store: Awaited<ReturnType<typeof setup>>['store'], text: string, consent: 'allow-once' | 'allow-chat' | 'deny') {
  const asked: string[] = [];
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.toolConsent && !prev.toolConsent) {
      asked.push(s.toolConsent.callId);
      queueMicrotask(() => store.getState().answerToolConsent(consent));
    }
  });
  await store.getState().send(text);
  unsubscribe();
  return asked;
}

describe('tools in the chat', () => {
  it('asks, runs the tool, gives its result to the model, and records the call on the answer', async () => {
    const { store, engine } = await setup();
    const asked = await sendAnswering(store, 'What is 6 times 7?', 'allow-chat');
    expect(asked).toHaveLength(1);
    expect(engine.generations[0]?.tools?.map((t) => t.function.name)).toContain('run_javascript');
    expect(engine.generations[1]?.turns.slice(-2)).toEqual([
      { role: 'assistant', content: '<think>ok</think>', toolCalls: [{ name: 'run_javascript', arguments: { code: '6*7' } }] },
      { role: 'tool', toolName: 'run_javascript', content: '42' },
    ]);
    const conversation = activeConversation(store.getState());
    const answer = conversation.messages.at(-1);
    expect(answer).toMatchObject({ content: 'The result is 42.', status: 'done', toolCalls: [{ status: 'ran', result: '42', call: { name: 'run_javascript' } }] });
    expect(conversation.allowedTools).toEqual(['run_javascript']);

    // Allowed in this chat: no question the second time, and the earlier call is replayed to the model as it saw it.
    const again = await sendAnswering(store, 'And again?', 'deny');
    expect(again).toEqual([]);
    const replay = engine.generations[2]?.turns.map((t) => t.role);
    expect(replay).toEqual(['user', 'assistant', 'tool', 'assistant', 'user']);

    // Taking the permission back: the next call asks again.
    store.getState().revokeToolAllowance(conversation.id, 'run_javascript');
    expect(activeConversation(store.getState()).allowedTools).toEqual([]);
    const asksAgain = await sendAnswering(store, 'Once more?', 'deny');
    expect(asksAgain).toHaveLength(1);
  });

  it('a denial goes back to the model as a refusal and nothing runs', async () => {
    let ran = 0;
    const { store, engine } = await setup(async () => {
      ran += 1;
      return { outcome: { kind: 'done', value: 'x' }, output: [], elapsedMs: 1 };
    });
    await sendAnswering(store, 'Compute', 'deny');
    expect(ran).toBe(0);
    expect(engine.generations[1]?.turns.at(-1)).toMatchObject({ role: 'tool', content: expect.stringContaining('declined') });
    expect(activeConversation(store.getState()).messages.at(-1)?.toolCalls?.[0]?.status).toBe('denied');
  });

  it('tools off in the chat, or globally, means no tools in the prompt', async () => {
    const { store, engine } = await setup();
    store.getState().setChatTools(store.getState().activeConversationId, false);
    await store.getState().send('Hi');
    expect(engine.generations[0]?.tools).toBeUndefined();
    store.getState().setChatTools(store.getState().activeConversationId, true);
    store.getState().setPreference('tools', false);
    await store.getState().send('Hi');
    expect(engine.generations[1]?.tools).toBeUndefined();
  });

  it('Stop while the person is asked ends the answer as stopped, with the call marked stopped', async () => {
    const { store, engine } = await setup();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.toolConsent && !prev.toolConsent) queueMicrotask(() => store.getState().stop());
    });
    await store.getState().send('Compute');
    unsubscribe();
    expect(engine.generations).toHaveLength(1);
    const answer = activeConversation(store.getState()).messages.at(-1);
    expect(answer?.status).toBe('stopped');
    expect(answer?.toolCalls?.[0]?.status).toBe('stopped');
    expect(store.getState().toolConsent).toBeNull();
  });
});
