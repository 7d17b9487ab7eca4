// The bench's accessibility rows: captions (seconds of sound per second on WASM, and the page's main thread while a
// long clip is captioned) and live mode (end of speech -> first audio, with a frame attached).
//
// Captions run in the bench's own app build, driven like the other rows, with the Whisper oracle written beside the
// bench model (the rate is the pipeline's and the oracle graphs', not real Whisper's cost). Live mode needs what only
// the e2e harness has: Chromium's fake camera and microphone fed generated files, and the test build's latency hook
// (window.sensaTest). So its row runs e2e/live-mode.spec.ts (Playwright project `live`) and reads the latency the
// spec records as an annotation, rather than copy that harness here.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { startChromeTrace } from './trace';
import { mainThreadTasks, type TaskTime } from './task-cpu';
import { AppDriver } from './app-driver';
import { readWindow, startFrames, type MainThreadWindow } from './main-thread';
import { REPO_ROOT } from './serve';
import { writeWhisperFixture } from '../e2e/fixtures/whisper/build';
import { REPOS } from '../e2e/fixtures/repos';
import { WHISPER_SAMPLE_RATE, alternatingParts, clipSamples } from '../e2e/fixtures/whisper/oracle';
import { wavHeader } from '../e2e/fixtures/media/wav';

export interface CaptionsFigures {
  /** Length of the clip captioned. */
  clipSeconds: number;
  /** Cues written, and the tones in the clip (one cue each, if the recognizer kept up). */
  cues: number;
  tones: number;
  /** The dialog's own figure: seconds of sound per second of the worker's time after the recognizer was ready. */
  soundSecondsPerSecond: number | null;
  /** Page clock from choosing the file to "Done" (decoding, the recognizer's first load and every window). */
  wholeMs: number;
  main: MainThreadWindow;
  /** Main-thread tasks of 50 ms or more by the trace's clock, each with its CPU time (task-cpu.ts); null if no trace. */
  taskCpu: TaskTime[] | null;
}

/** 16-bit mono WAV of alternating 2 s low and high tones with 0.5 s gaps, about `seconds` long. */
function toneClip(seconds: number): { wav: Buffer; seconds: number; tones: number } {
  const tones = Math.max(2, Math.round((seconds + 0.5) / 2.5));
  const samples = clipSamples(alternatingParts(tones, 2, 0.5));
  const data = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, samples[i] ?? 0)) * 32767), i * 2);
  return { wav: Buffer.concat([wavHeader({ sampleRate: WHISPER_SAMPLE_RATE, channels: 1, dataBytes: data.length }), data]), seconds: samples.length / WHISPER_SAMPLE_RATE, tones };
}

/** Writes the Whisper oracle beside the bench model, so the bench's fake Hub serves it (as the embedder for documents). */
export function writeCaptionsFixture(hubDir: string): void {
  writeWhisperFixture(hubDir, REPOS.whisper);
}

/**
 * Captions a generated clip of `seconds` through the app's Caption button and watches the main thread from the file
 * choice to "Done": every long task (over 50 ms, PerformanceObserver 'longtask') and the longest gap between frames.
 */
export async function measureCaptions(context: BrowserContext, seconds: number, timeoutMs: number): Promise<CaptionsFigures> {
  const clip = toneClip(seconds);
  const dir = mkdtempSync(join(tmpdir(), 'sensa-bench-captions-'));
  const file = join(dir, `tones-${Math.round(clip.seconds)}s.wav`);
  writeFileSync(file, clip.wav);
  try {
    const app = await AppDriver.open(context);
    const page = app.page;
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Caption' }).click();
    // Always a light trace ('toplevel': one event per task): it tells a task's own work from its wait for a core.
    const trace = await startTrace(context, page, !process.env.SENSA_BENCH_TRACE);
    await page.evaluate(startFrames);
    const from = await page.evaluate(() => performance.now());
    await (await chooser).setFiles(file);
    const status = page.getByRole('dialog', { name: /^Captions:/ }).getByRole('status').first();
    await status.filter({ hasText: /^Done: / }).waitFor({ timeout: timeoutMs });
    const to = await page.evaluate(() => performance.now());
    // Observers deliver an entry after its task ends: give the last one a moment.
    await page.waitForTimeout(200);
    const main = await page.evaluate(readWindow, [from, to] as const);
    const traceText = await trace();
    if (process.env.SENSA_BENCH_TRACE) writeFileSync(process.env.SENSA_BENCH_TRACE, traceText);
    const taskCpu = mainThreadTasks(traceText);
    const text = (await status.textContent()) ?? '';
    const speed = /\(([\d.]+) s of sound per second\)/.exec(text)?.[1];
    const cues = Number(/Done: (\d+) captions/.exec(text)?.[1] ?? NaN);
    return { clipSeconds: clip.seconds, cues, tones: clip.tones, soundSecondsPerSecond: speed ? Number(speed) : null, wholeMs: to - from, main, taskCpu };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The captioning window's Chrome trace. Light: only the scheduler's task events. With SENSA_BENCH_TRACE=file.json,
 * also the categories that say what a long task did (script, GC, style/layout/paint), written to that file for
 * DevTools' Performance panel: for finding a cause, as that much tracing itself costs the page time.
 */
async function startTrace(context: BrowserContext, page: Page, light: boolean): Promise<() => Promise<string>> {
  return startChromeTrace(context, page, light ? ['toplevel'] : ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8', 'v8.execute', 'disabled-by-default-v8.gc', 'blink', 'blink.user_timing', 'loading', 'media', 'webaudio', 'scheduler', 'disabled-by-default-devtools.timeline.frame']);
}

export interface LiveFigures {
  toFirstTokenMs: number | null;
  toFirstAudioMs: number | null;
  frames: number;
  /** The whole e2e run, for scale. */
  specMs: number;
}

const LIVE_LATENCY = /end of speech → first token (\d+) ms, → first audio (\d+) ms, with (\d+) frames/;

/**
 * Runs e2e/live-mode.spec.ts (Playwright project `live`, WASM) on its own port and reads its latency annotation.
 * Needs the e2e fixtures (npm run fixtures, espeak-ng) and both builds (dist/, dist-e2e/): missing ones are made.
 */
export function measureLive(log: (message: string) => void): LiveFigures {
  const run = (command: string, args: string[]) => {
    const r = spawnSync(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: process.env });
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  };
  if (!existsSync(join(REPO_ROOT, 'e2e/fixtures/out/speech/live-question.wav'))) {
    log('live: generating the e2e fixtures (npm run fixtures)');
    run('npm', ['run', 'fixtures']);
  }
  if (!existsSync(join(REPO_ROOT, 'dist/index.html'))) {
    log('live: building dist/ (npm run build), which the e2e servers expect');
    run('npm', ['run', 'build']);
  }
  // The spec runs on the test build (its latency hook): always rebuilt, so the figure is this tree's.
  log('live: building the test build (npm run build:e2e)');
  run('npm', ['run', 'build:e2e']);
  const dir = mkdtempSync(join(tmpdir(), 'sensa-bench-live-'));
  const report = join(dir, 'report.json');
  try {
    log('live: running e2e/live-mode.spec.ts (project live, WASM)');
    const started = Date.now();
    const r = spawnSync('npx', ['playwright', 'test', 'e2e/live-mode.spec.ts', '--project=live', '--workers=1', '--reporter=json', `--output=${join(dir, 'results')}`], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      // Its own ports (the app and the test build), away from a developer's e2e runs and from the bench server.
      env: { ...process.env, SENSA_PORT: process.env.SENSA_BENCH_E2E_PORT ?? '4190', PLAYWRIGHT_JSON_OUTPUT_NAME: report },
    });
    const specMs = Date.now() - started;
    if (!existsSync(report)) throw new Error(`the live e2e wrote no report (exit ${r.status ?? r.signal})`);
    const text = readFileSync(report, 'utf8');
    const match = LIVE_LATENCY.exec(text);
    if (!match) throw new Error(`the live e2e did not record a latency (exit ${r.status ?? r.signal}; see its output above)`);
    return { toFirstTokenMs: Number(match[1]), toFirstAudioMs: Number(match[2]), frames: Number(match[3]), specMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
