// How much of a long main-thread task was the page's own work. A PerformanceObserver 'longtask' entry is wall time:
// on a loaded machine a 10 ms task whose thread waited 60 ms for a core is a "long task", though nothing in the page
// could make it shorter. Chrome's trace records each task of a thread ('toplevel' category, one event per task) with
// both its wall time (dur) and the thread's CPU time in it (tdur), so the two causes can be told apart.

export interface TaskTime {
  /** Wall time and the main thread's CPU time within it, ms. */
  wallMs: number;
  cpuMs: number;
}

interface TraceEvent {
  name?: string;
  ph?: string;
  pid?: number;
  tid?: number;
  ts?: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** The scheduler's one event per task run on a thread (Chromium's base::sequence_manager). */
const TASK_EVENTS = new Set(['ThreadControllerImpl::RunTask', 'ThreadPool_RunTask']);

/**
 * Every task of a renderer's main thread (CrRendererMain) in a Chrome trace's JSON text whose wall time is at least
 * `minWallMs`, with its CPU time. Where several renderers were traced, each one's main thread counts.
 */
export function mainThreadTasks(traceText: string, minWallMs = 50): TaskTime[] {
  const parsed = JSON.parse(traceText) as TraceEvent[] | { traceEvents: TraceEvent[] };
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks: TaskTime[] = [];
  for (const e of events) {
    if (e.ph !== 'X' || !TASK_EVENTS.has(e.name ?? '') || !mains.has(`${e.pid}:${e.tid}`)) continue;
    const wallMs = (e.dur ?? 0) / 1000;
    if (wallMs >= minWallMs) tasks.push({ wallMs, cpuMs: (e.tdur ?? NaN) / 1000 });
  }
  return tasks.sort((a, b) => b.wallMs - a.wallMs);
}

/**
 * CPU time per thread name over a whole trace (ms), summed over the scheduler's task events: where a browser's CPU
 * went while it decoded (the page's main thread, its compositor, the GPU process, the model worker). A thread that
 * runs one long task (a worker generating) counts that task's CPU whole.
 */
export function cpuByThread(traceText: string): Map<string, number> {
  const parsed = JSON.parse(traceText) as TraceEvent[] | { traceEvents: TraceEvent[] };
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const names = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name ?? '?']));
  const byName = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || !TASK_EVENTS.has(e.name ?? '')) continue;
    const name = names.get(`${e.pid}:${e.tid}`) ?? `thread ${e.tid}`;
    byName.set(name, (byName.get(name) ?? 0) + (e.tdur ?? 0) / 1000);
  }
  return new Map([...byName].sort((a, b) => b[1] - a[1]));
}
