// SENSA_BENCH_PROFILE=file.json: a Chrome trace with V8's sampling CPU profiler on every thread (page, model worker,
// ONNX Runtime's threads) around one cold load, and the functions that took the most self time in it. For finding
// where a load spends its time, not for the figures: the profiler itself slows the page.

import { writeFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { startChromeTrace } from './trace';

export const PROFILE_CATEGORIES = ['toplevel', 'v8', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', '__metadata'];

export async function startProfile(context: BrowserContext, page: Page): Promise<() => Promise<ProfileEntry[]>> {
  const stop = await startChromeTrace(context, page, PROFILE_CATEGORIES);
  return async () => {
    const text = await stop();
    if (process.env.SENSA_BENCH_PROFILE) writeFileSync(process.env.SENSA_BENCH_PROFILE, text);
    return topSelfTime(JSON.parse(text) as TraceFile);
  };
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  id?: string;
  args?: {
    name?: string;
    data?: { cpuProfile?: { nodes?: { id: number; parent?: number; callFrame: { functionName?: string; url?: string; lineNumber?: number; columnNumber?: number } }[]; samples?: number[] }; timeDeltas?: number[] };
  };
}
export type TraceFile = { traceEvents: TraceEvent[] } | TraceEvent[];

export interface ProfileEntry {
  thread: string;
  fn: string;
  selfMs: number;
  /** Of all samples in the trace, every thread. */
  share: number;
}

/** Self time per function (name and file), summed over each thread's profile chunks; the 15 largest. */
/** The functions with the most self time, on every thread or on those whose name starts with `thread`. */
export function topSelfTime(trace: TraceFile, { thread: only, limit = 15 }: { thread?: string; limit?: number } = {}): ProfileEntry[] {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const threadNames = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name) threadNames.set(`${e.pid}:${e.tid}`, e.args.name);
  // Chunks come from the profiler's own thread; the `Profile` event with the same id is on the sampled thread.
  const profiled = new Map<string, string>();
  for (const e of events) if (e.name === 'Profile' && e.id) profiled.set(`${e.pid}:${e.id}`, `${threadNames.get(`${e.pid}:${e.tid}`) ?? 'thread'} ${e.tid}`);
  // Node ids are per profile (the chunk's `id`); a chunk's nodes are the ones new since the last chunk.
  const nodes = new Map<string, { fn: string; thread: string }>();
  const totals = new Map<string, number>();
  let all = 0;
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || !e.args?.data) continue;
    const thread = profiled.get(`${e.pid}:${e.id}`) ?? threadNames.get(`${e.pid}:${e.tid}`) ?? `thread ${e.tid}`;
    const { cpuProfile, timeDeltas = [] } = e.args.data;
    for (const n of cpuProfile?.nodes ?? []) {
      const file = (n.callFrame.url ?? '').split('/').pop()?.split('?')[0] ?? '';
      // Line and column (0-based, as V8 gives them) find a minified function in the built file.
      const at = file && n.callFrame.lineNumber !== undefined ? `:${n.callFrame.lineNumber}:${n.callFrame.columnNumber ?? 0}` : '';
      nodes.set(`${e.id}:${n.id}`, { fn: `${n.callFrame.functionName || '(anonymous)'}${file ? ` ${file}${at}` : ''}`, thread });
    }
    (cpuProfile?.samples ?? []).forEach((sample, i) => {
      const node = nodes.get(`${e.id}:${sample}`);
      const ms = (timeDeltas[i + 1] ?? timeDeltas[i] ?? 0) / 1000;
      if (!node || ms <= 0) return;
      all += ms;
      if (only !== undefined && !node.thread.startsWith(only)) return;
      if (/^\((idle|program)\)/.test(node.fn)) return;
      const key = `${node.thread}\u0000${node.fn}`;
      totals.set(key, (totals.get(key) ?? 0) + ms);
    });
  }
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([key, selfMs]) => {
      const [thread = '', fn = ''] = key.split('\u0000');
      return { thread, fn, selfMs, share: all ? selfMs / all : 0 };
    });
}
