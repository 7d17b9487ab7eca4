// The tools Sensa offers a model, as JSON Schema specs for its chat template, and what each does when called.
// Every one runs on this device: the clock, the person's own chats, the code sandbox, this chat's documents.

import type { ToolCall, ToolDefinition } from '../domain/tool-call';
import type { CodeLanguage, RunResult } from '../sandbox/sandbox-client';
import { missingPackageNote } from '../sandbox/missing-package';
import { tr } from '../i18n/i18n';

// The descriptions are read by the model; they are kept short because they go into every prompt of a chat with tools.
export const TOOL_DEFINITIONS: readonly ToolDefinition[] = [
  {
    type: 'function',
    function: {
      name: 'current_time',
      description: "The current date, time and time zone on the person's device.",
      parameters: { type: 'object', properties: {} },
    },
  },
  {
    type: 'function',
    function: {
      name: 'search_chats',
      description: "Searches the person's earlier chats in Sensa for a word or phrase; gives matching chat titles with a snippet.",
      parameters: { type: 'object', properties: { query: { type: 'string', description: 'Word or phrase to look for.' } }, required: ['query'] },
    },
  },
  {
    type: 'function',
    function: {
      name: 'run_javascript',
      description: 'Runs JavaScript in a sandbox with no network; gives what it printed and the value of its last expression.',
      parameters: { type: 'object', properties: { code: { type: 'string' } }, required: ['code'] },
    },
  },
  {
    type: 'function',
    function: {
      name: 'run_python',
      description: 'Runs Python (Pyodide, standard library only) in a sandbox with no network; gives what it printed and the value of its last expression.',
      parameters: { type: 'object', properties: { code: { type: 'string' } }, required: ['code'] },
    },
  },
  {
    type: 'function',
    function: {
      name: 'read_attachment',
      description: 'Reads the text of a document attached in this chat, by its file name.',
      parameters: { type: 'object', properties: { name: { type: 'string', description: 'The file name.' } }, required: ['name'] },
    },
  },
];

export const TOOL_NAMES: ReadonlySet<string> = new Set(TOOL_DEFINITIONS.map((d) => d.function.name));

/**
 * Plain words for the consent prompt, in the UI's language: what allowing this tool lets the model do
 * (tools:purpose.<name>); null for a tool Sensa does not define.
 */
export function toolPurpose(name: string): string | null {
  return TOOL_NAMES.has(name) ? tr(`tools:purpose.${name}`) : null;
}

/** What the tools reach, given by the chat layer (and by tests). */
export interface ToolContext {
  now(): Date;
  timeZone(): string;
  /** Lines describing the matching chats, other than this one. */
  searchChats(query: string): string[];
  runCode(language: CodeLanguage, code: string, signal?: AbortSignal): Promise<RunResult>;
  /** The text of a document attached in this chat, or null when no attachment has that name or it has no text. */
  readAttachment(name: string): Promise<string | null>;
}

/** Tool results are capped: a long result fills the model's context and slows every later step. */
export const RESULT_LIMIT = 4000;

function cap(text: string): string {
  return text.length > RESULT_LIMIT ? `${text.slice(0, RESULT_LIMIT)}\n[…cut at ${RESULT_LIMIT} characters]` : text;
}

function stringArgument(call: ToolCall, key: string): string {
  const value = call.arguments[key];
  if (typeof value !== 'string' || !value.trim()) throw new Error(`${call.name} needs a text argument "${key}".`);
  return value;
}

function describeRun(result: RunResult): string {
  const printed = result.output.map((o) => (o.stream === 'stderr' ? `[stderr] ${o.text}` : o.text)).join('');
  switch (result.outcome.kind) {
    case 'done': {
      const parts = [printed, result.outcome.value ?? ''].filter(Boolean);
      return parts.length > 0 ? parts.join(printed.endsWith('\n') ? '' : '\n') : '(no output)';
    }
    case 'error':
      // A missing package gets a sentence the model can pass on, instead of leaving it to guess (plots are out).
      throw new Error([printed, result.outcome.message, missingPackageNote(result.outcome.message)].filter(Boolean).join('\n'));
    case 'timeout':
      throw new Error(`the code ran past the time limit of ${Math.round(result.outcome.limitMs / 1000)} s and was stopped.`);
    case 'stopped':
      throw new Error('the run was stopped.');
    default: {
      const never: never = result.outcome;
      return never;
    }
  }
}

/** Runs one call; throws with a message meant for the model when the call is wrong or the tool fails. */
export async function executeTool(call: ToolCall, context: ToolContext, signal?: AbortSignal): Promise<string> {
  switch (call.name) {
    case 'current_time': {
      const now = context.now();
      return `${now.toISOString()} (UTC); local time ${now.toLocaleString('en-GB', { timeZone: context.timeZone() })}, time zone ${context.timeZone()}`;
    }
    case 'search_chats': {
      const lines = context.searchChats(stringArgument(call, 'query'));
      return lines.length > 0 ? cap(lines.join('\n')) : 'No other chat mentions that.';
    }
    case 'run_javascript':
      return cap(describeRun(await context.runCode('javascript', stringArgument(call, 'code'), signal)));
    case 'run_python':
      return cap(describeRun(await context.runCode('python', stringArgument(call, 'code'), signal)));
    case 'read_attachment': {
      const name = stringArgument(call, 'name');
      const text = await context.readAttachment(name);
      if (text === null) throw new Error(`no document named "${name}" with text is attached in this chat.`);
      return cap(text);
    }
    default:
      throw new Error(`there is no tool named ${call.name}.`);
  }
}
