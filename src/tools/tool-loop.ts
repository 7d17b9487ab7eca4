// The tool loop of one turn, apart from React, the engine and the sandbox: generate, read the calls, ask the person
// the first time a tool is called in a chat, run it or refuse it, feed the result back, and stop after a set number
// of steps, at Stop, or when the model writes a call that can't be read.

import { parseToolCalls } from './tool-calls';
import type { ToolCall, ToolCallFormat, ToolCallRecord } from '../domain/tool-call';

export type Consent = 'allow-once' | 'allow-chat' | 'deny';

/** A turn in the transcript the loop builds; `tool` turns render as the template's tool response. */
export type LoopMessage =
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  | { role: 'tool'; name: string; content: string };

export interface ToolLoopDeps {
  format: ToolCallFormat;
  /** Names of the tools this chat offers (off globally or in this chat: empty). */
  tools: ReadonlySet<string>;
  /** Tools the person allowed for the whole chat; the loop adds to it. */
  allowedInChat: Set<string>;
  maxSteps: number;
  /** One model answer, given the transcript so far (the engine only generates). */
  generate(transcript: readonly LoopMessage[]): Promise<string>;
  askConsent(call: ToolCall, record: ToolCallRecord): Promise<Consent>;
  execute(call: ToolCall, signal?: AbortSignal): Promise<string>;
  now(): number;
  newId?: () => string;
  /** Stop: no further step starts, and a tool running is told through the same signal. */
  signal?: AbortSignal;
  /** Each change of a call's record (asking, running, its outcome), for the conversation to show it as it happens. */
  onCall?(record: ToolCallRecord): void;
  /** After an answer that held calls: the text the person saw stream is replaced by the calls' folds. */
  onCallingRound?(content: string): void;
}

export interface ToolLoopResult {
  /** The answer the person sees last. */
  answer: string;
  transcript: LoopMessage[];
  calls: ToolCallRecord[];
  /** Set when the loop stopped at its step limit with calls still asked for. */
  stoppedAtLimit: boolean;
  /** Set when Stop ended the loop. */
  stopped: boolean;
}

export const refusal = (name: string) => `The person declined to run ${name}. Answer without it.`;
export const limitNote = (steps: number) => `Stopped after ${steps} tool steps: the model kept calling tools.`;
export const MALFORMED_NOTE = 'The model began a tool call that could not be read (not valid JSON, or no tool name), so nothing ran. It wrote:';

/** The answer with the unreadable calls shown as they came, below a note; markdown, rendered as text. */
export function withMalformed(content: string, malformed: readonly string[]): string {
  const blocks = malformed.map((body) => ['```text', body.replace(/```/g, '`\u200b``'), '```'].join('\n'));
  return [content, `*${MALFORMED_NOTE}*`, ...blocks].filter(Boolean).join('\n\n');
}

let sequence = 0;
const defaultId = () => `call-${Date.now().toString(36)}-${(sequence++).toString(36)}`;

export async function runToolLoop(deps: ToolLoopDeps): Promise<ToolLoopResult> {
  const transcript: LoopMessage[] = [];
  const calls: ToolCallRecord[] = [];
  const done = (answer: string, flags: Partial<Pick<ToolLoopResult, 'stoppedAtLimit' | 'stopped'>> = {}): ToolLoopResult => ({
    answer,
    transcript,
    calls,
    stoppedAtLimit: flags.stoppedAtLimit ?? false,
    stopped: flags.stopped ?? false,
  });
  for (let step = 0; ; step++) {
    const raw = await deps.generate(transcript);
    const parsed = parseToolCalls(deps.format, raw);
    // Stopped mid-answer: what came is the answer; a half-written call is not run.
    if (deps.signal?.aborted) return done(raw, { stopped: true });
    if (parsed.calls.length === 0) {
      const answer = parsed.malformed.length > 0 ? withMalformed(parsed.content, parsed.malformed) : parsed.content;
      transcript.push({ role: 'assistant', content: parsed.content });
      return done(answer);
    }
    if (step >= deps.maxSteps) {
      transcript.push({ role: 'assistant', content: parsed.content });
      return done([parsed.content, limitNote(deps.maxSteps)].filter(Boolean).join('\n\n'), { stoppedAtLimit: true });
    }
    deps.onCallingRound?.(parsed.content);
    transcript.push({ role: 'assistant', content: parsed.content, toolCalls: parsed.calls });
    for (const call of parsed.calls) {
      const record = await handleCall(deps, call);
      calls.push(record);
      if (record.status === 'stopped') return done('', { stopped: true });
      transcript.push({ role: 'tool', name: call.name, content: record.result });
    }
  }
}

async function handleCall(deps: ToolLoopDeps, call: ToolCall): Promise<ToolCallRecord> {
  const id = (deps.newId ?? defaultId)();
  const update = (record: ToolCallRecord) => {
    deps.onCall?.(record);
    return record;
  };
  if (!deps.tools.has(call.name)) {
    return update({ id, call, status: 'unknown-tool', result: `There is no tool named ${call.name}.`, elapsedMs: 0 });
  }
  if (!deps.allowedInChat.has(call.name)) {
    const asking = update({ id, call, status: 'asking', result: '', elapsedMs: 0 });
    const consent = await deps.askConsent(call, asking);
    if (deps.signal?.aborted) return update({ ...asking, status: 'stopped', result: 'Stopped before the person answered.' });
    if (consent === 'deny') return update({ ...asking, status: 'denied', result: refusal(call.name) });
    if (consent === 'allow-chat') deps.allowedInChat.add(call.name);
  }
  const start = deps.now();
  update({ id, call, status: 'running', result: '', elapsedMs: 0 });
  try {
    const result = await deps.execute(call, deps.signal);
    if (deps.signal?.aborted) return update({ id, call, status: 'stopped', result: 'Stopped while running.', elapsedMs: deps.now() - start });
    return update({ id, call, status: 'ran', result, elapsedMs: deps.now() - start });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (deps.signal?.aborted) return update({ id, call, status: 'stopped', result: 'Stopped while running.', elapsedMs: deps.now() - start });
    return update({ id, call, status: 'failed', result: `The tool failed: ${message}`, elapsedMs: deps.now() - start });
  }
}
