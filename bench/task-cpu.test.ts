import { describe, expect, it } from 'vitest';
import { cpuByThread, mainThreadTasks } from './task-cpu';

const meta = (pid: number, tid: number, name: string) => ({ ph: 'M', name: 'thread_name', pid, tid, args: { name } });
const task = (pid: number, tid: number, dur: number, tdur: number) => ({ ph: 'X', name: 'ThreadControllerImpl::RunTask', cat: 'toplevel', pid, tid, ts: 0, dur, tdur });

describe('main-thread tasks from a Chrome trace', () => {
  it('keeps the renderer main thread’s tasks of 50 ms or more, with their CPU time, longest first', () => {
    const trace = {
      traceEvents: [
        meta(1, 10, 'CrRendererMain'),
        meta(1, 11, 'DedicatedWorker thread'),
        task(1, 10, 120_000, 8_000), // waited for a core
        task(1, 10, 70_000, 65_000), // the page's own work
        task(1, 10, 30_000, 30_000), // short
        task(1, 11, 900_000, 900_000), // a worker: not the page's main thread
      ],
    };
    expect(mainThreadTasks(JSON.stringify(trace))).toEqual([
      { wallMs: 120, cpuMs: 8 },
      { wallMs: 70, cpuMs: 65 },
    ]);
  });

  it('reads the bare array form of a trace too', () => {
    expect(mainThreadTasks(JSON.stringify([meta(2, 5, 'CrRendererMain'), task(2, 5, 51_000, 1_000)]))).toEqual([{ wallMs: 51, cpuMs: 1 }]);
  });
});

describe('CPU per thread from a Chrome trace', () => {
  it('sums each thread name’s task CPU over every process, busiest first', () => {
    const trace = [
      meta(1, 10, 'CrRendererMain'),
      meta(1, 11, 'DedicatedWorker thread'),
      meta(2, 20, 'CrRendererMain'),
      task(1, 10, 5_000, 4_000),
      task(2, 20, 5_000, 1_000),
      task(1, 11, 900_000, 850_000),
    ];
    expect([...cpuByThread(JSON.stringify(trace))]).toEqual([
      ['DedicatedWorker thread', 850],
      ['CrRendererMain', 5],
    ]);
  });
});
