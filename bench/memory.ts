// Memory of one Chromium instance, sampled from Node: every process descended from the browser process that was
// started with a given --user-data-dir (browser, zygotes, renderers with their workers, GPU, utilities).
//
// The figure is PSS (proportional set size, /proc/<pid>/smaps_rollup): a page shared by n processes counts 1/n in
// each, so the shared Chromium binary and shared-memory buffers between renderer and GPU process are not counted
// several times, as a sum of RSS would. It includes everything the pages' work makes resident: JS heaps and
// ArrayBuffers, WebAssembly memory, the browser's storage and network services' buffers, and the GPU process (where
// SwiftShader keeps WebGPU buffers in ordinary memory). It does not include the OS page cache of files the browser
// wrote (HTTP cache, Cache API, IndexedDB blobs on disk).

import { readdirSync, readFileSync } from 'node:fs';

export interface MemorySample {
  /** Date.now() in Node. */
  at: number;
  pssBytes: number;
  rssBytes: number;
  /** PSS per process kind: browser, renderer, gpu, utility (network, storage, ...), zygote. */
  byKind: Record<string, number>;
}

export interface MemoryWindow {
  baseline: MemorySample;
  peak: MemorySample;
  /** The sample when the watched work ended (the model was ready). */
  end: MemorySample;
  samples: number;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    // Processes come and go between listing /proc and reading them.
    return null;
  }
}

/**
 * The process's command line as one string. Chromium rewrites its children's argv in place (setproctitle) as one
 * space-separated string, so flags are found by pattern, not by splitting on NUL.
 */
function cmdline(pid: number): string {
  return (readText(`/proc/${pid}/cmdline`) ?? '').replaceAll('\0', ' ');
}

function flag(line: string, name: string): string | null {
  return new RegExp(`(?:^| )--${name}=(\\S+)`).exec(line)?.[1] ?? null;
}

function kindOf(line: string): string {
  const type = flag(line, 'type');
  if (!type) return 'browser';
  if (type === 'gpu-process') return 'gpu';
  if (type !== 'utility') return type;
  // e.g. --utility-sub-type=network.mojom.NetworkService -> utility:network
  return `utility:${(flag(line, 'utility-sub-type') ?? '').split('.')[0] || 'other'}`;
}

function pids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

function parentOf(pid: number): number | null {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return null;
  // The command name (2nd field) may contain spaces and parentheses; the fields after the last ')' do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[1]);
}

export class ChromiumMemory {
  private readonly kinds = new Map<number, string>();

  private constructor(readonly browserPid: number) {}

  /** Finds the browser process started with `--user-data-dir=<profile>` (a fresh temporary folder per browser). */
  static forProfile(profile: string): ChromiumMemory {
    const matches = pids().filter((pid) => {
      const line = cmdline(pid);
      return flag(line, 'user-data-dir') === profile && kindOf(line) === 'browser';
    });
    const [pid, ...others] = matches;
    if (pid === undefined || others.length > 0) throw new Error(`expected one browser process for ${profile}, found ${matches.length}`);
    return new ChromiumMemory(pid);
  }

  /** The browser process and all its descendants, now. */
  private tree(): number[] {
    const children = new Map<number, number[]>();
    for (const pid of pids()) {
      const parent = parentOf(pid);
      if (parent === null) continue;
      const list = children.get(parent);
      if (list) list.push(pid);
      else children.set(parent, [pid]);
    }
    const out: number[] = [];
    const queue = [this.browserPid];
    for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
      out.push(pid);
      queue.push(...(children.get(pid) ?? []));
    }
    return out;
  }

  sample(): MemorySample {
    const sample: MemorySample = { at: Date.now(), pssBytes: 0, rssBytes: 0, byKind: {} };
    for (const pid of this.tree()) {
      const rollup = readText(`/proc/${pid}/smaps_rollup`);
      if (!rollup) continue;
      const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0) * 1024;
      let kind = this.kinds.get(pid);
      if (kind === undefined) {
        kind = kindOf(cmdline(pid));
        this.kinds.set(pid, kind);
      }
      const pss = kb('Pss');
      sample.pssBytes += pss;
      sample.rssBytes += kb('Rss');
      sample.byKind[kind] = (sample.byKind[kind] ?? 0) + pss;
    }
    return sample;
  }

  /**
   * Waits until the total stops moving (the last second of samples within 2 %, at most `maxMs`) and returns the
   * last sample: the baseline before a load, after the previous page's memory was given back.
   */
  async settle(maxMs = 6000, everyMs = 250): Promise<MemorySample> {
    const recent: MemorySample[] = [];
    const until = Date.now() + maxMs;
    for (;;) {
      recent.push(this.sample());
      if (recent.length > 4) recent.shift();
      const values = recent.map((s) => s.pssBytes);
      const steady = recent.length === 4 && Math.max(...values) - Math.min(...values) <= 0.02 * Math.max(...values);
      const last = recent[recent.length - 1];
      if (last && (steady || Date.now() >= until)) return last;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }

  /**
   * Samples every `everyMs` while `work` runs; the peak is the highest total PSS seen, baseline included. Not more
   * often: for PSS the kernel walks every page of the process, about 35 ms for a renderer holding 2 GB, and this
   * machine has 2 cores. The loads' peaks last seconds (WebAssembly memory never shrinks), so 250 ms finds them.
   */
  async watch<T>(baseline: MemorySample, work: () => Promise<T>, everyMs = 250): Promise<{ value: T; memory: MemoryWindow }> {
    let peak = baseline;
    let samples = 0;
    const take = () => {
      const s = this.sample();
      samples += 1;
      if (s.pssBytes > peak.pssBytes) peak = s;
      return s;
    };
    const timer = setInterval(take, everyMs);
    try {
      const value = await work();
      const end = take();
      return { value, memory: { baseline, peak, end, samples } };
    } finally {
      clearInterval(timer);
    }
  }
}

/** "renderer +412 MB, browser +380 MB": each kind's change from baseline to `at`, largest first, small ones left out. */
export function describeByKind(baseline: MemorySample, at: MemorySample, minBytes = 5e6): string {
  const kinds = new Set([...Object.keys(baseline.byKind), ...Object.keys(at.byKind)]);
  const parts = [...kinds]
    .map((kind) => ({ kind, delta: (at.byKind[kind] ?? 0) - (baseline.byKind[kind] ?? 0) }))
    .filter((p) => Math.abs(p.delta) >= minBytes)
    .sort((a, b) => b.delta - a.delta)
    .map((p) => `${p.kind} ${p.delta >= 0 ? '+' : '−'}${Math.abs(p.delta / 1e6).toFixed(0)} MB`);
  return parts.length ? parts.join(', ') : 'no process changed by 5 MB';
}
