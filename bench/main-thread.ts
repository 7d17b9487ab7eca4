// Main-thread responsiveness, observed from an init script that runs before the app (like app-driver's probe):
//  - PerformanceObserver 'longtask': every task over 50 ms on the page's main thread;
//  - PerformanceObserver 'long-animation-frame' (Chromium 123+): frames over 50 ms, with how much of each was
//    script and how much style and layout, and the scripts that ran longest (for finding the cause of a miss);
//  - requestAnimationFrame timestamps while recording: the longest gap between two frames is the longest frame
//    a person saw, whatever kept the thread busy.
// Entries are kept for the whole page life and cut to a window on read; frames only while recording.

export interface LongEntry {
  start: number;
  duration: number;
}

export interface LongFrameEntry extends LongEntry {
  blocking: number;
  /** Time in style and layout at the end of the frame. */
  styleAndLayout: number;
  scripts: { invoker: string; source: string; duration: number }[];
}

interface MainThreadProbe {
  supported: { longtask: boolean; loaf: boolean };
  longTasks: LongEntry[];
  longFrames: LongFrameEntry[];
  recording: boolean;
  frames: number[];
  /** Defined in the init script, where tsx's __name() helper exists (page.evaluate'd functions have none). */
  record: () => void;
}

export interface MainThreadWindow {
  supported: MainThreadProbe['supported'];
  from: number;
  to: number;
  longTasks: LongEntry[];
  longFrames: LongFrameEntry[];
  /** rAF frames seen in the window, and the longest gap between consecutive ones. */
  frames: number;
  longestFrameMs: number | null;
}

/** Runs in the page before the app; self-contained (Playwright serialises it). */
export function installMainThreadProbe(): void {
  const supported = PerformanceObserver.supportedEntryTypes;
  const probe: MainThreadProbe = {
    supported: { longtask: supported.includes('longtask'), loaf: supported.includes('long-animation-frame') },
    longTasks: [],
    longFrames: [],
    recording: false,
    frames: [],
    record: () => undefined,
  };
  (window as unknown as { __benchMainThread: MainThreadProbe }).__benchMainThread = probe;
  if (probe.supported.longtask) {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
  }
  if (probe.supported.loaf) {
    interface Script {
      invoker: string;
      sourceURL: string;
      sourceFunctionName: string;
      duration: number;
    }
    interface Loaf extends PerformanceEntry {
      blockingDuration: number;
      styleAndLayoutStart: number;
      scripts: Script[];
    }
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Loaf[]) {
        const scripts = [...e.scripts]
          .sort((a, b) => b.duration - a.duration)
          .slice(0, 3)
          .map((s) => ({ invoker: s.invoker, source: `${s.sourceURL.split('/').pop() ?? ''}${s.sourceFunctionName ? ` ${s.sourceFunctionName}` : ''}`, duration: s.duration }));
        probe.longFrames.push({
          start: e.startTime,
          duration: e.duration,
          blocking: e.blockingDuration,
          styleAndLayout: e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0,
          scripts,
        });
      }
    }).observe({ type: 'long-animation-frame' });
  }
  // The rAF loop runs only while recording: a page that asks for every frame makes Chromium draw at 60 Hz, which
  // would load the main thread during the other rows.
  const tick = (at: number) => {
    if (!probe.recording) return;
    probe.frames.push(at);
    requestAnimationFrame(tick);
  };
  probe.record = () => {
    probe.frames = [];
    if (!probe.recording) requestAnimationFrame(tick);
    probe.recording = true;
  };
}

/** Page side: records every frame until readWindow(). */
export function startFrames(): void {
  (window as unknown as { __benchMainThread: MainThreadProbe }).__benchMainThread.record();
}

/**
 * Page side: stops recording and returns what started in [from, to) (page clock). Half-open, because a task that
 * starts at `to` belongs to the next window: the bench's stamps are taken at the start of the task they time, and
 * timestamps are coarsened to 0.1 ms, so equal values are common. Observers deliver an entry after its task ends,
 * so the caller waits a moment after `to` before asking.
 */
export function readWindow([from, to]: readonly [number, number]): MainThreadWindow {
  const probe = (window as unknown as { __benchMainThread: MainThreadProbe }).__benchMainThread;
  probe.recording = false;
  // No named inner functions here: tsx would wrap them in __name(), which page.evaluate's scope does not have.
  const frames = probe.frames.filter((t) => t >= from && t < to);
  let longest: number | null = null;
  for (let i = 1; i < frames.length; i++) longest = Math.max(longest ?? 0, (frames[i] ?? 0) - (frames[i - 1] ?? 0));
  return {
    supported: probe.supported,
    from,
    to,
    longTasks: probe.longTasks.filter((e) => e.start >= from && e.start < to),
    longFrames: probe.longFrames.filter((e) => e.start >= from && e.start < to),
    frames: frames.length,
    longestFrameMs: longest,
  };
}
