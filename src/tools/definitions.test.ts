import { describe, expect, it } from 'vitest';
import { RESULT_LIMIT, TOOL_DEFINITIONS, executeTool, type ToolContext } from './definitions';
import type { RunResult } from '../sandbox/sandbox-client';

function context(overrides: Partial<ToolContext> = {}): ToolContext {
  return {
    now: () => new Date('2026-03-04T05:06:07Z'),
    timeZone: () => 'Europe/Paris',
    searchChats: (q) => (q === 'tea' ? ['"Tea notes": …green tea…'] : []),
    runCode: async (): Promise<RunResult> => ({ outcome: { kind: 'done', value: '408' }, output: [{ stream: 'stdout', text: 'hi\n' }], elapsedMs: 1 }),
    readAttachment: async (name) => (name === 'notes.txt' ? 'the notes' : null),
    ...overrides,
  };
}

describe('tool definitions', () => {
  it('are JSON-schema functions with unique names, and the descriptions avoid the oracle trigger word', () => {
    const names = TOOL_DEFINITIONS.map((d) => d.function.name);
    expect(new Set(names).size).toBe(names.length);
    for (const d of TOOL_DEFINITIONS) expect(d.function.parameters.type).toBe('object');
    // The e2e oracle calls a tool when the prompt says "compute"; the tools block must not say it for the person.
    expect(JSON.stringify(TOOL_DEFINITIONS).toLowerCase()).not.toContain('compute');
  });
});

describe('executeTool', () => {
  it('current_time gives UTC and the local time in the device time zone', async () => {
    const text = await executeTool({ name: 'current_time', arguments: {} }, context());
    expect(text).toContain('2026-03-04T05:06:07.000Z');
    expect(text).toContain('06:06:07');
    expect(text).toContain('Europe/Paris');
  });

  it('run_javascript gives printed output then the value; errors, timeouts and bad arguments throw for the model', async () => {
    expect(await executeTool({ name: 'run_javascript', arguments: { code: '1' } }, context())).toBe('hi\n408');
    const failing = context({ runCode: async () => ({ outcome: { kind: 'error', message: 'ReferenceError: x' }, output: [], elapsedMs: 1 }) });
    await expect(executeTool({ name: 'run_javascript', arguments: { code: 'x' } }, failing)).rejects.toThrow('ReferenceError: x');
    const slow = context({ runCode: async () => ({ outcome: { kind: 'timeout', limitMs: 30000 }, output: [], elapsedMs: 1 }) });
    await expect(executeTool({ name: 'run_python', arguments: { code: 'while 1: pass' } }, slow)).rejects.toThrow('time limit of 30 s');
    await expect(executeTool({ name: 'run_python', arguments: { code: 42 } }, context())).rejects.toThrow('needs a text argument "code"');
  });

  it('caps long results', async () => {
    const long = context({ runCode: async () => ({ outcome: { kind: 'done', value: 'x'.repeat(RESULT_LIMIT * 2) }, output: [], elapsedMs: 1 }) });
    const text = await executeTool({ name: 'run_javascript', arguments: { code: 'long()' } }, long);
    expect(text.length).toBeLessThan(RESULT_LIMIT + 100);
    expect(text).toContain('cut at');
  });

  it('search_chats and read_attachment answer from the context, or say plainly that nothing matched', async () => {
    expect(await executeTool({ name: 'search_chats', arguments: { query: 'tea' } }, context())).toContain('Tea notes');
    expect(await executeTool({ name: 'search_chats', arguments: { query: 'coffee' } }, context())).toBe('No other chat mentions that.');
    expect(await executeTool({ name: 'read_attachment', arguments: { name: 'notes.txt' } }, context())).toBe('the notes');
    await expect(executeTool({ name: 'read_attachment', arguments: { name: 'x.pdf' } }, context())).rejects.toThrow('no document named');
    await expect(executeTool({ name: 'format_disk', arguments: {} }, context())).rejects.toThrow('no tool named');
  });
});
