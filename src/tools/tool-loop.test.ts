import { describe, expect, it } from 'vitest';
import type { ToolCall, ToolCallRecord } from '../domain/tool-call';
import { MALFORMED_NOTE, limitNote, refusal, runToolLoop, type Consent, type LoopMessage, type ToolLoopDeps } from './tool-loop';

const call = (code: string) => `<tool_call>\n${JSON.stringify({ name: 'run_python', arguments: { code } })}\n</tool_call>`;

/** A model that calls run_python until it sees a tool result, then answers with that result. */
function scriptedModel(callsBeforeAnswer = 1) {
  const seen: (readonly LoopMessage[])[] = [];
  const generate = async (transcript: readonly LoopMessage[]) => {
    seen.push([...transcript]);
    const results = transcript.filter((message) => message.role === 'tool');
    if (results.length < callsBeforeAnswer) return call('print(12*34)');
    return `The result is ${results.at(-1)?.content}.`;
  };
  return { generate, seen };
}

function deps(overrides: Partial<ToolLoopDeps> & { consents?: Consent[] }): ToolLoopDeps & { asked: ToolCall[]; executed: ToolCall[] } {
  const consents = [...(overrides.consents ?? [])];
  const asked: ToolCall[] = [];
  const executed: ToolCall[] = [];
  let clock = 0;
  return {
    format: 'hermes',
    tools: new Set(['run_python', 'current_time']),
    allowedInChat: new Set(),
    maxSteps: 4,
    generate: scriptedModel().generate,
    askConsent: async (c) => {
      asked.push(c);
      return consents.shift() ?? 'deny';
    },
    execute: async (c) => {
      executed.push(c);
      clock += 5;
      return '408';
    },
    now: () => clock,
    newId: () => 'c1',
    ...overrides,
    asked,
    executed,
  };
}

describe('runToolLoop', () => {
  it('runs an allowed call and gives its result back to the model, which answers with it', async () => {
    const model = scriptedModel();
    const d = deps({ generate: model.generate, consents: ['allow-once'] });
    const result = await runToolLoop(d);
    expect(result.answer).toBe('The result is 408.');
    expect(d.executed).toEqual([{ name: 'run_python', arguments: { code: 'print(12*34)' } }]);
    expect(model.seen[1]).toEqual([
      { role: 'assistant', content: '', toolCalls: [{ name: 'run_python', arguments: { code: 'print(12*34)' } }] },
      { role: 'tool', name: 'run_python', content: '408' },
    ]);
    expect(result.calls).toEqual([{ id: 'c1', call: d.executed[0], status: 'ran', result: '408', elapsedMs: 5 }]);
  });

  it('returns a refusal to the model when the person denies, runs nothing, and the model goes on', async () => {
    const d = deps({ consents: ['deny'] });
    const result = await runToolLoop(d);
    expect(d.executed).toEqual([]);
    expect(result.calls[0]?.status).toBe('denied');
    expect(result.answer).toBe(`The result is ${refusal('run_python')}.`);
  });

  it('asks once per chat after "Allow in this chat", and every time after "Allow once"', async () => {
    const once = deps({ generate: scriptedModel(3).generate, consents: ['allow-once', 'allow-once', 'allow-once'] });
    await runToolLoop(once);
    expect(once.asked).toHaveLength(3);
    const chat = deps({ generate: scriptedModel(3).generate, consents: ['allow-chat'] });
    await runToolLoop(chat);
    expect(chat.asked).toHaveLength(1);
    expect(chat.executed).toHaveLength(3);
    expect([...chat.allowedInChat]).toEqual(['run_python']);
  });

  it('stops at the step limit with a note, however often the model calls', async () => {
    const d = deps({ generate: scriptedModel(Infinity).generate, allowedInChat: new Set(['run_python']), maxSteps: 2 });
    const result = await runToolLoop(d);
    expect(d.executed).toHaveLength(2);
    expect(result.stoppedAtLimit).toBe(true);
    expect(result.answer).toBe(limitNote(2));
  });

  it('never runs a tool the chat does not offer, nor asks about it', async () => {
    const d = deps({ tools: new Set(), consents: ['allow-chat'] });
    const result = await runToolLoop(d);
    expect(d.asked).toEqual([]);
    expect(d.executed).toEqual([]);
    expect(result.calls[0]?.status).toBe('unknown-tool');
  });

  it('gives a failing tool back to the model as a failure, with its time', async () => {
    const d = deps({ allowedInChat: new Set(['run_python']), execute: async () => Promise.reject(new Error('NameError: x')) });
    const result = await runToolLoop(d);
    expect(result.calls[0]).toMatchObject({ status: 'failed', result: 'The tool failed: NameError: x' });
  });

  it('shows a call it cannot read as text with a note, runs nothing and asks nothing', async () => {
    const d = deps({ generate: async () => 'Let me see. <tool_call>{"name": "run_python", "arguments": {"code": </tool_call>', consents: ['allow-chat'] });
    const result = await runToolLoop(d);
    expect(d.asked).toEqual([]);
    expect(d.executed).toEqual([]);
    expect(result.answer).toContain('Let me see.');
    expect(result.answer).toContain(MALFORMED_NOTE);
    expect(result.answer).toContain('{"name": "run_python", "arguments": {"code":');
  });

  it('reports each call as it goes (asking, running, ran) and replaces the streamed call text', async () => {
    const seen: ToolCallRecord['status'][] = [];
    const rounds: string[] = [];
    const d = deps({ consents: ['allow-once'], onCall: (r) => seen.push(r.status), onCallingRound: (c) => rounds.push(c) });
    await runToolLoop(d);
    expect(seen).toEqual(['asking', 'running', 'ran']);
    expect(rounds).toEqual(['']);
  });

  it('Stop while the person is asked ends the loop without running or generating again', async () => {
    const controller = new AbortController();
    const model = scriptedModel();
    const d = deps({
      generate: model.generate,
      signal: controller.signal,
      askConsent: async () => {
        controller.abort();
        return 'allow-once';
      },
    });
    const result = await runToolLoop(d);
    expect(result.stopped).toBe(true);
    expect(d.executed).toEqual([]);
    expect(model.seen).toHaveLength(1);
    expect(result.calls[0]?.status).toBe('stopped');
  });

  it('Stop while a tool runs ends the loop, the call marked stopped', async () => {
    const controller = new AbortController();
    const model = scriptedModel();
    const d = deps({
      generate: model.generate,
      signal: controller.signal,
      allowedInChat: new Set(['run_python']),
      execute: async (_call, signal) => {
        controller.abort();
        expect(signal?.aborted).toBe(true);
        return 'partial';
      },
    });
    const result = await runToolLoop(d);
    expect(result).toMatchObject({ stopped: true, calls: [{ status: 'stopped' }] });
    expect(model.seen).toHaveLength(1);
  });
});
