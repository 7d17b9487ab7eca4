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
