// The tool loop of one turn, apart from React, the engine and the sandbox: generate, read the calls, ask the person
// the first time a tool is called in a chat, run it or refuse it, feed the result back, and stop after a set number
// of steps. Not wired into the chat yet: see docs/tools.md.

import { parseToolCalls, type ToolCall, type ToolCallFormat } from './tool-calls';

export type Consent = 'allow-once' | 'allow-chat' | 'deny';

/** A turn in the transcript the loop builds; `tool` turns render as the template's tool response. */
export type LoopMessage =
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  | { role: 'tool'; name: string; content: string };

/** One call as the conversation shows it (a fold: name, arguments, result, time taken). */
export interface ToolCallRecord {
  call: ToolCall;
  outcome: 'ran' | 'denied' | 'failed' | 'unknown-tool';
  result: string;
  elapsedMs: number;
}

export interface ToolLoopDeps {
  format: ToolCallFormat;
  /** Names of the tools this chat offers (off globally or in this chat: empty). */
  tools: ReadonlySet<string>;
  /** Tools the person allowed for the whole chat; the loop adds to it. */
  allowedInChat: Set<string>;
  maxSteps: number;
  /** One model answer, given the transcript so far (the engine only generates). */
  generate(transcript: readonly LoopMessage[]): Promise<string>;
  askConsent(call: ToolCall): Promise<Consent>;
  execute(call: ToolCall): Promise<string>;
  now(): number;
}

export interface ToolLoopResult {
  /** The answer the person sees last. */
  answer: string;
  transcript: LoopMessage[];
  calls: ToolCallRecord[];
  /** Set when the loop stopped at its step limit with calls still asked for. */
  stoppedAtLimit: boolean;
}

export const refusal = (name: string) => `The person declined to run ${name}. Answer without it.`;
export const limitNote = (steps: number) => `Stopped after ${steps} tool steps.`;

export async function runToolLoop(deps: ToolLoopDeps): Promise<ToolLoopResult> {
  const transcript: LoopMessage[] = [];
  const calls: ToolCallRecord[] = [];
  for (let step = 0; ; step++) {
    const parsed = parseToolCalls(deps.format, await deps.generate(transcript));
    if (parsed.calls.length === 0) {
      transcript.push({ role: 'assistant', content: parsed.content });
      return { answer: parsed.content, transcript, calls, stoppedAtLimit: false };
    }
    if (step >= deps.maxSteps) {
      transcript.push({ role: 'assistant', content: parsed.content });
      const answer = [parsed.content, limitNote(deps.maxSteps)].filter(Boolean).join('\n\n');
      return { answer, transcript, calls, stoppedAtLimit: true };
    }
    transcript.push({ role: 'assistant', content: parsed.content, toolCalls: parsed.calls });
    for (const call of parsed.calls) {
      const record = await handleCall(deps, call);
      calls.push(record);
      transcript.push({ role: 'tool', name: call.name, content: record.result });
    }
  }
}

async function handleCall(deps: ToolLoopDeps, call: ToolCall): Promise<ToolCallRecord> {
  if (!deps.tools.has(call.name)) {
    return { call, outcome: 'unknown-tool', result: `There is no tool named ${call.name}.`, elapsedMs: 0 };
  }
  if (!deps.allowedInChat.has(call.name)) {
    const consent = await deps.askConsent(call);
    if (consent === 'deny') return { call, outcome: 'denied', result: refusal(call.name), elapsedMs: 0 };
    if (consent === 'allow-chat') deps.allowedInChat.add(call.name);
  }
  const start = deps.now();
  try {
    const result = await deps.execute(call);
    return { call, outcome: 'ran', result, elapsedMs: deps.now() - start };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { call, outcome: 'failed', result: `The tool failed: ${message}`, elapsedMs: deps.now() - start };
  }
}
