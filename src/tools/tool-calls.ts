// Reads the tool calls out of a model's answer, in the format its own chat template taught it.

import type { ToolCall, ToolCallFormat } from '../domain/tool-call';

export { toolFormatOf, type ToolCall, type ToolCallFormat } from '../domain/tool-call';

export interface ParsedAnswer {
  /** The answer's text with the calls taken out. */
  content: string;
  calls: ToolCall[];
  /** Calls the model began but that don't parse (bad JSON, no name, cut off by the length limit). */
  malformed: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One call's JSON; `argumentsKey` is where this format keeps the arguments. */
function readCall(json: string, argumentsKeys: readonly string[]): ToolCall | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (!isRecord(value) || typeof value.name !== 'string' || !value.name) return null;
  const key = argumentsKeys.find((candidate) => candidate in value);
  let args: unknown = key ? value[key] : {};
  // Some models write the arguments as a JSON string, as OpenAI's API does.
  if (typeof args === 'string') {
    try {
      args = JSON.parse(args);
    } catch {
      return null;
    }
  }
  return isRecord(args) ? { name: value.name, arguments: args } : null;
}

function parseHermes(text: string): ParsedAnswer {
  const calls: ToolCall[] = [];
  const malformed: string[] = [];
  const content = text
    .replace(/<tool_call>([\s\S]*?)(<\/tool_call>|$)/g, (_match, body: string, close: string) => {
      const call = close ? readCall(body.trim(), ['arguments', 'parameters']) : null;
      if (call) calls.push(call);
      else malformed.push(body.trim());
      return '';
    })
    .trim();
  return { content, calls, malformed };
}

function parseLlama3(text: string): ParsedAnswer {
  const trimmed = text.replace(/^\s*<\|python_tag\|>/, '').trim();
  if (!trimmed.startsWith('{')) return { content: text.trim(), calls: [], malformed: [] };
  const parts = trimmed.split(/\s*;\s*(?=\{)/);
  const calls = parts.map((part) => readCall(part, ['parameters', 'arguments']));
  if (calls.every((call): call is ToolCall => call !== null)) return { content: '', calls, malformed: [] };
  // A JSON-looking answer that isn't a call is an answer.
  return { content: text.trim(), calls: [], malformed: [] };
}

export function parseToolCalls(format: ToolCallFormat, text: string): ParsedAnswer {
  switch (format) {
    case 'hermes':
      return parseHermes(text);
    case 'llama3':
      return parseLlama3(text);
    default: {
      const never: never = format;
      return never;
    }
  }
}
