// `npm run bench` / `npm run bench:quick`: the app's production build vs a bare transformers.js page, side by side,
// in Chromium with the Hub served from a generated model. Prints a table, writes bench/results/<preset>.json.
// Figures, never a test: targets print as pass/miss and the exit code is 0 unless something crashed.
//
// --gpu: the WebGPU run on the machine's real adapter (Chromium with the flags of `npm run test:gpu`,
// scripts/gpu-adapter.ts) instead of SwiftShader, with the WASM run's model and settings (presets.ts gpuRun), the
// bench model's 16-bit files written (make-model.ts ensureSixteenBit), and both pages expected to load q4f16: it fails
// with the adapter printed when the adapter lacks shader-f16. --allow-no-f16 lets such an adapter run q4 instead; it
// exists to test the flag on SwiftShader and measures nothing about 16-bit models. See bench/README.md.

import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { BenchHub } from './hub';
import { AppDriver, type OpenTiming, type ProbeAnswer, type StreamObservation } from './app-driver';
import type { BareBench, BareGenerateTiming, BareLoadTiming } from './bare/main';
import { bundleSizes } from './bundle';
import { ensureModel, ensureSixteenBit, hubRoot, BENCH_DIR, LONG_CHAT_KEEP, LONG_CHAT_MESSAGES, type ModelInfo } from './make-model';
import { writeEmbedderFixture } from '../e2e/fixtures/embedder/build';
import { PLANTED, reportPdf } from '../e2e/fixtures/documents/pdfs';
import { MODEL_NAMES, REPOS } from '../e2e/fixtures/repos';
import { writeSmolVlmFixture } from '../e2e/fixtures/smolvlm/build';
import { solidPng } from '../e2e/fixtures/media/png';
import type { MainThreadWindow } from './main-thread';
import { cpuByThread, type TaskTime } from './task-cpu';
import { startChromeTrace } from './trace';
import { ChromiumMemory, describeByKind, type MemoryWindow } from './memory';
import { PRESETS, gpuRun, type Device, type DeviceRunSpec } from './presets';
import { describeAdapter, gpuArgs, readAdapter, type AdapterReport } from '../scripts/gpu-adapter';
import { seedConversation, type SeedFile } from './seed';
import { fmtSpread, formatTable, notMeasured, roundDeep, row, spreadOf, type Row } from './report';
import { APP_DIST, BASE_URL, buildPages, serve } from './serve';
import { wasmThreads } from '../src/worker/engine/threads';
import type { MatmulFigure } from '../src/models/device/matmul-bench';
import { measureCaptions, measureLive, writeCaptionsFixture, type CaptionsFigures, type LiveFigures } from './accessibility';
import { measureDrawing, writeDrawingFixture, type DrawingFigures } from './drawing';
import { PROFILE_CATEGORIES, startProfile, topSelfTime, type ProfileEntry, type TraceFile } from './profile';

const EXECUTABLE = process.env.SENSA_CHROMIUM ?? '/usr/bin/chromium';
const BASE_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const DEVICE_ARGS: Record<Device, string[]> = { webgpu: ['--enable-unsafe-webgpu'], wasm: ['--disable-webgpu'] };
const GPU = process.argv.includes('--gpu');
/** For testing --gpu where the adapter has no shader-f16 (SwiftShader): the WebGPU run then expects q4, as Auto picks. */
const ALLOW_NO_F16 = process.argv.includes('--allow-no-f16');
/** The real adapter of a --gpu run, read in the app's browser before its cold load; null until then. */
let gpuAdapter: AdapterReport | null = null;
const DEVICE_LABEL: Record<Device, string> = {
  webgpu: GPU ? 'WebGPU (headless Chromium on the real adapter, --gpu)' : 'WebGPU (headless Chromium: SwiftShader, on the CPU)',
  wasm: `WASM (CPU, ${wasmThreads(true, cpus().length)} threads: both pages cross-origin isolated)`,
};

/** Same prompt for app and bare; the conversation turns all have the same length (one- or two-digit turn numbers are one token). */
const PROMPT = 'Write a short story about a lighthouse keeper who finds a message in a bottle on a stormy night, in about one hundred words.';
const turnPrompt = (n: number) => `Turn ${n}: please continue the story with one more short paragraph about the sea and the keeper.`;
const STREAM_PROMPT = 'Thanks. Now write the full migration guide for all of this, with examples for every step.';

const started = Date.now();
function log(message: string): void {
  process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
}

function median(values: readonly number[]): number | null {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? (v[mid] ?? null) : ((v[mid - 1] ?? 0) + (v[mid] ?? 0)) / 2;
}

interface DeviceRun {
  device: Device;
  appCold: { ms: number; engineMs: number | null; hubRequests: number; status: string; requested: string[] };
  bareCold: { ms: number; engineMs: number; hubRequests: number; requested: string[] };
  appWarm: { ms: number; engineMs: number | null; hubRequests: number; status: string } | null;
  bareWarm: { ms: number; engineMs: number; hubRequests: number } | null;
  appAnswers: ProbeAnswer[];
  bareAnswers: BareGenerateTiming[];
  /** CPU ms per thread name in each browser over the last app answer and the last bare answer (WASM only). */
  decodeCpu: { app: Record<string, number>; bare: Record<string, number>; appTokens: number | null; bareTokens: number | null } | null;
  /**
   * WASM only: decode with the app's thread count (the answers above) against one thread, on the bare page and in the
   * app (a second app browser whose page is served without COOP/COEP, so it is not cross-origin isolated and the
   * app's own rule, src/worker/engine/threads.ts, gives it one thread).
   */
  threads: { count: number; oneThread: BareGenerateTiming[]; app: { answers: ProbeAnswer[]; status: string } | null; appError: string | null } | null;
  turns: { turn: number; firstTokenMs: number; engineFirstTokenMs: number | null; tokens: number | null; promptTokens: number | null; reusedTokens: number | null }[];
  /** Null where this browser's processes could not be found (see memory.ts); then the rows say why. */
  memory: { appCold: MemoryWindow | null; bareCold: MemoryWindow | null; appWarm: MemoryWindow | null; bareWarm: MemoryWindow | null; error: string | null };
  stream: { seed: Pick<SeedFile, 'messages' | 'characters' | 'codeBlocks'> & { exportBytes: number }; open: OpenTiming; observed: StreamObservation } | null;
  /** The streaming run comes last and fails alone: the rows above it are kept. */
  streamError: string | null;
  /** The document step fails alone too. */
  documents: { attachToFirstTokenMs: number; pagesPerSecond: number | null; chunksPerSecond: number | null } | null;
  documentsError: string | null;
  /** The recommendation's micro-benchmark, as the app measured and remembered it on its first visit; null if it never did. */
  matmul: MatmulFigure | null;
}

interface Launched {
  context: BrowserContext;
  memory: ChromiumMemory | null;
  memoryError: string | null;
}

/**
 * One browser per page kind, each with a fresh on-disk profile: an in-memory (incognito) context's storage quota is
 * too small for a 374 MB model (the Cache API put fails), and a person's browser has a profile on disk.
 */
async function launch(device: Device, hub: BenchHub, profiles: string[]): Promise<Launched> {
  const profile = mkdtempSync(join(tmpdir(), 'sensa-bench-'));
  profiles.push(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: EXECUTABLE,
    args: [...new Set([...BASE_ARGS, ...(GPU && device === 'webgpu' ? gpuArgs() : DEVICE_ARGS[device])])],
    serviceWorkers: 'block',
  });
  await hub.install(context);
  try {
    return { context, memory: ChromiumMemory.forProfile(profile), memoryError: null };
  } catch (error) {
    return { context, memory: null, memoryError: error instanceof Error ? error.message : String(error) };
  }
}

/** Runs `work` (a model load) while sampling the browser's memory, from a baseline taken once memory is steady. */
async function withMemory<T>(memory: ChromiumMemory | null, work: () => Promise<T>): Promise<{ value: T; memory: MemoryWindow | null }> {
  if (!memory) return { value: await work(), memory: null };
  return memory.watch(await memory.settle(), work);
}

/** "5.24×": bytes as a multiple of the model's file size. */
function ofModel(bytes: number, model: ModelInfo): string {
  return `${(bytes / model.onnxBytes).toFixed(2)}×`;
}

function requestedSince(hub: BenchHub, index: number): string[] {
  return hub.requests.slice(index).map((r) => `${r.method} ${r.file}${r.range ? ` (${r.range})` : ''}`);
}

async function openBare(context: BrowserContext): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${BASE_URL}/bare/`);
  await page.waitForFunction(() => 'bareBench' in window);
  return page;
}

/**
 * --gpu: the dtype both pages must load on WebGPU, from the adapter the app's browser sees (printed in the header):
 * q4f16 with shader-f16, as the app's Auto picks it (src/models/variant.ts); q4 without it under --allow-no-f16.
 */
async function gpuDtype(page: Page): Promise<'q4' | 'q4f16'> {
  gpuAdapter = await readAdapter(page);
  log(`webgpu: adapter ${describeAdapter(gpuAdapter)}`);
  if (gpuAdapter.shaderF16) return 'q4f16';
  if (ALLOW_NO_F16 && gpuAdapter.adapter) return 'q4';
  throw new Error(
    `--gpu needs an adapter with shader-f16 to run the 16-bit (q4f16) model; this browser has ${describeAdapter(gpuAdapter)}. ` +
      'Check the GPU driver and Vulkan (SENSA_GPU_ARGS adds Chromium flags); --allow-no-f16 runs q4 instead, for testing the flag only.',
  );
}

async function runDevice(spec: DeviceRunSpec): Promise<DeviceRun> {
  const { device, reps } = spec;
  // The embedding oracle goes beside the chat model, so the document step loads it from the same fake Hub.
  writeEmbedderFixture(hubRoot(spec.model), REPOS.embedder);
  const hub = new BenchHub(spec.model);
  const profiles: string[] = [];
  const contexts: BrowserContext[] = [];
  try {
    const appBrowser = await launch(device, hub, profiles);
    contexts.push(appBrowser.context);
    const app = await AppDriver.open(appBrowser.context);
    const decodeOnly = spec.decodeOnly === true;
    if (!decodeOnly) log(`${device}: the recommendation's matmul micro-benchmark (runs when the model guide first opens)`);
    const matmul = decodeOnly ? null : await readMatmulFigure(app.page);
    await app.prepare({ temperature: 0, maxNewTokens: spec.maxNewTokens });

    const dtype = device === 'webgpu' && GPU ? await gpuDtype(app.page) : 'q4';
    log(`${device}: app cold load`);
    let before = hub.requests.length;
    const { value: cold, memory: appColdMemory } = await withMemory(appBrowser.memory, () => app.loadCold());
    if (cold.device !== device || cold.dtype !== dtype) throw new Error(`the app loaded ${cold.dtype} on ${cold.device}, expected ${dtype} on ${device}`);
    const appCold = { ms: cold.readyAt - cold.clickedAt, engineMs: cold.engineLoadMs, hubRequests: hub.requests.length - before, status: cold.statusText, requested: requestedSince(hub, before) };

    log(`${device}: bare cold load`);
    before = hub.requests.length;
    const bareBrowser = await launch(device, hub, profiles);
    contexts.push(bareBrowser.context);
    const bare = await openBare(bareBrowser.context);
    // The bare page runs the app's thread count (the rule of src/worker/engine/threads.ts), so decode compares like with like.
    const threadCount = device === 'wasm' ? wasmThreads(await bare.evaluate(() => crossOriginIsolated), await bare.evaluate(() => navigator.hardwareConcurrency)) : null;
    if (threadCount !== null && !cold.statusText.includes(`${threadCount} thread`)) log(`${device}: the app's status does not say ${threadCount} threads: "${cold.statusText}"`);
    const { value: bareColdTiming, memory: bareColdMemory } = await withMemory(bareBrowser.memory, () =>
      bare.evaluate(([d, t, q]) => (window as unknown as { bareBench: BareBench }).bareBench.load(d, t ?? undefined, q), [device, threadCount, dtype] as const),
    );
    const bareCold = { ms: bareColdTiming.readyAt - bareColdTiming.requestedAt, engineMs: bareColdTiming.engineLoadMs, hubRequests: hub.requests.length - before, requested: requestedSince(hub, before) };

    const appAnswers: ProbeAnswer[] = [];
    const bareAnswers: BareGenerateTiming[] = [];
    let decodeCpu: DeviceRun['decodeCpu'] = null;
    for (let i = 0; i < reps; i++) {
      log(`${spec.id ?? device}: answer ${i + 1}/${reps}, app then bare (${spec.maxNewTokens} tokens each)`);
      await app.newChat();
      // The last pair runs under a light trace: where each browser's CPU went while it decoded (task-cpu.ts).
      const traced = i === reps - 1 && device === 'wasm';
      // SENSA_BENCH_PROFILE_DECODE=1: the app's side also samples every thread's stack and prints the page's top entries.
      const profileDecode = traced && process.env.SENSA_BENCH_PROFILE_DECODE !== undefined;
      const appTrace = traced ? await startChromeTrace(app.page.context(), app.page, profileDecode ? PROFILE_CATEGORIES : ['toplevel']) : null;
      appAnswers.push(await app.send(PROMPT));
      const appText = appTrace ? await appTrace() : null;
      const appCpu = appText ? cpuByThread(appText) : null;
      if (appText && profileDecode) {
        const top = topSelfTime(JSON.parse(appText) as TraceFile, { thread: 'CrRendererMain', limit: 30 });
        log(`decode profile, the app page's main thread (self ms):\n${top.map((e) => `  ${e.selfMs.toFixed(1).padStart(8)}  ${e.fn}`).join('\n')}`);
      }
      const bareTrace = traced ? await startChromeTrace(bare.context(), bare, ['toplevel']) : null;
      bareAnswers.push(
        await bare.evaluate(
          ([prompt, maxNewTokens]) => (window as unknown as { bareBench: BareBench }).bareBench.generate([{ role: 'user', content: prompt }], { maxNewTokens, repetitionPenalty: 1 }),
          [PROMPT, spec.maxNewTokens] as const,
        ),
      );
      const bareCpu = bareTrace ? cpuByThread(await bareTrace()) : null;
      if (appCpu && bareCpu) {
        decodeCpu = { app: Object.fromEntries(appCpu), bare: Object.fromEntries(bareCpu), appTokens: appAnswers.at(-1)?.tokens ?? null, bareTokens: bareAnswers.at(-1)?.tokens ?? null };
        const page = pageCpuPerToken(decodeCpu);
        if (page) log(`${spec.id ?? device}: page main thread CPU per token while decoding: app ${page.app.toFixed(2)} ms / bare ${page.bare.toFixed(2)} ms`);
      }
    }

    if (decodeOnly) {
      const memory = { appCold: appColdMemory, bareCold: bareColdMemory, appWarm: null, bareWarm: null, error: appBrowser.memoryError ?? bareBrowser.memoryError };
      return { device, appCold, bareCold, appWarm: null, bareWarm: null, appAnswers, bareAnswers, decodeCpu, threads: null, turns: [], memory, stream: null, streamError: null, documents: null, documentsError: null, matmul };
    }
    // Each page leaves for about:blank first, so the memory baseline is taken after the loaded model was given back.
    log(`${device}: warm loads (leave and come back; app from IndexedDB, bare from the Cache API)`);
    await app.leave();
    before = hub.requests.length;
    const { value: warm, memory: appWarmMemory } = await withMemory(appBrowser.memory, () => app.loadWarm());
    if (warm.dtype !== dtype) throw new Error(`the app's warm load was ${warm.dtype}, expected ${dtype} as its cold load`);
    const appWarm = { ms: warm.readyAt, engineMs: warm.engineLoadMs, hubRequests: hub.requests.length - before, status: warm.statusText };
    await bare.goto('about:blank');
    before = hub.requests.length;
    // Same context (same Cache API), new document that starts loading at navigation.
    const { value: bareWarmTiming, memory: bareWarmMemory } = await withMemory(bareBrowser.memory, async () => {
      await bare.goto(`${BASE_URL}/bare/?autoload=${device}&dtype=${dtype}${threadCount !== null ? `&threads=${threadCount}` : ''}`);
      await bare.waitForFunction(() => 'bareBench' in window);
      return bare.evaluate(() => (window as unknown as { bareBench: BareBench }).bareBench.autoload as Promise<BareLoadTiming>);
    });
    const bareWarm = { ms: bareWarmTiming.readyAt, engineMs: bareWarmTiming.engineLoadMs, hubRequests: hub.requests.length - before };

    // What cross-origin isolation buys: the same bare page and answers on one thread (ONNX Runtime fixes its pool
    // when the worker starts, hence a new page). Only where there is more than one thread to compare with.
    let threads: DeviceRun['threads'] = null;
    if (threadCount !== null && threadCount > 1) {
      log(`${device}: bare page on 1 thread against ${threadCount}, ${reps} answers`);
      await bare.goto(`${BASE_URL}/bare/?autoload=${device}&threads=1`);
      await bare.waitForFunction(() => 'bareBench' in window);
      await bare.evaluate(() => (window as unknown as { bareBench: BareBench }).bareBench.autoload);
      const oneThread: BareGenerateTiming[] = [];
      for (let i = 0; i < reps; i++) {
        oneThread.push(
          await bare.evaluate(
            ([prompt, maxNewTokens]) => (window as unknown as { bareBench: BareBench }).bareBench.generate([{ role: 'user', content: prompt }], { maxNewTokens, repetitionPenalty: 1 }),
            [PROMPT, spec.maxNewTokens] as const,
          ),
        );
      }
      await bareBrowser.context.close();
      threads = { count: threadCount, oneThread, ...(await appOnOneThread(spec, hub, profiles, contexts, reps)) };
    } else {
      await bareBrowser.context.close();
    }

    const lastTurn = Math.max(...spec.turns);
    log(`${device}: conversation of ${lastTurn} turns (${spec.turnTokens} tokens per answer), app`);
    await app.newChat();
    await app.setAnswerSettings({ maxNewTokens: spec.turnTokens });
    const turns: DeviceRun['turns'] = [];
    for (let t = 1; t <= lastTurn; t++) {
      const a = await app.send(turnPrompt(t));
      turns.push({
        turn: t,
        firstTokenMs: a.firstTokenAt - a.sentAt,
        engineFirstTokenMs: a.engineTimeToFirstTokenMs,
        tokens: a.tokens,
        promptTokens: metaNumber(a, 'promptTokens'),
        reusedTokens: metaNumber(a, 'reusedTokens'),
      });
    }

    log(`${device}: documents: attach a 60-page PDF (made here), ask about its page 41`);
    let documents: DeviceRun['documents'] = null;
    let documentsError: string | null = null;
    try {
      await app.newChat();
      const report = { name: 'report.pdf', buffer: Buffer.from(await reportPdf()) };
      const asked = await app.attachDocumentAndAsk(report, PLANTED.question);
      documents = { attachToFirstTokenMs: asked.attachToFirstTokenMs, pagesPerSecond: asked.pagesPerSecond, chunksPerSecond: asked.chunksPerSecond };
    } catch (error) {
      documentsError = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      log(`${device}: documents run failed: ${documentsError}`);
    }

    let stream: DeviceRun['stream'] = null;
    let streamError: string | null = null;
    if (spec.stream) {
      const seed = seedConversation(spec.stream.messages);
      log(`${device}: main thread while ${spec.stream.tokens} tokens stream into ${seed.messages} imported messages (${(seed.buffer.length / 1e3).toFixed(0)} kB export)`);
      try {
        await app.importChats(seed);
        const open = await app.openChat(seed.title, Math.floor(seed.messages / 2));
        await app.setAnswerSettings({ maxNewTokens: spec.stream.tokens });
        const observed = await app.sendObservingMainThread(STREAM_PROMPT);
        stream = { seed: { messages: seed.messages, characters: seed.characters, codeBlocks: seed.codeBlocks, exportBytes: seed.buffer.length }, open, observed };
      } catch (error) {
        streamError = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
        log(`${device}: streaming run failed: ${streamError}`);
      }
    }
    const memory = {
      appCold: appColdMemory,
      bareCold: bareColdMemory,
      appWarm: appWarmMemory,
      bareWarm: bareWarmMemory,
      error: appBrowser.memoryError ?? bareBrowser.memoryError,
    };
    return { device, appCold, bareCold, appWarm, bareWarm, appAnswers, bareAnswers, decodeCpu, threads, turns, memory, stream, streamError, documents, documentsError, matmul };
  } finally {
    for (const context of contexts) await context.close().catch(() => undefined);
    for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * The app on one thread: a browser of its own whose app page comes without COOP/COEP (the document only; a dedicated
 * worker is isolated exactly when its page is), a cold load and `reps` answers. Fails alone: the rows above it stay.
 */
async function appOnOneThread(spec: DeviceRunSpec, hub: BenchHub, profiles: string[], contexts: BrowserContext[], reps: number): Promise<{ app: { answers: ProbeAnswer[]; status: string } | null; appError: string | null }> {
  try {
    log(`${spec.device}: the app on 1 thread (its page not cross-origin isolated), cold load and ${reps} answers`);
    const browser = await launch(spec.device, hub, profiles);
    contexts.push(browser.context);
    await browser.context.route(
      (url) => url.origin === BASE_URL && !url.pathname.startsWith('/bare/') && (url.pathname === '/' || url.pathname.endsWith('.html')),
      async (route) => {
        const response = await route.fetch();
        const headers = Object.fromEntries(Object.entries(response.headers()).filter(([k]) => !/^cross-origin-(opener|embedder)-policy$/i.test(k)));
        await route.fulfill({ response, headers });
      },
    );
    const app = await AppDriver.open(browser.context);
    await app.prepare({ temperature: 0, maxNewTokens: spec.maxNewTokens });
    const cold = await app.loadCold();
    if (!/\b1 thread\b/.test(cold.statusText)) throw new Error(`the app's status does not say 1 thread: "${cold.statusText}"`);
    const answers: ProbeAnswer[] = [];
    for (let i = 0; i < reps; i++) {
      await app.newChat();
      answers.push(await app.send(PROMPT));
    }
    await browser.context.close();
    return { app: { answers, status: cold.statusText }, appError: null };
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    log(`${spec.device}: the app on 1 thread failed: ${message}`);
    return { app: null, appError: message };
  }
}

/** Per token, in ms, after the first: the engine's own figure and the UI thread's (first token -> result reaching it). */
function perTokenMs(a: { engineTokensPerSecond: number | null; tokens: number | null; firstTokenAt: number }, doneAt: number): { engine: number; ui: number } {
  const n = (a.tokens ?? 0) - 1;
  return { engine: a.engineTokensPerSecond ? 1000 / a.engineTokensPerSecond : NaN, ui: n > 0 && a.firstTokenAt ? (doneAt - a.firstTokenAt) / n : NaN };
}

/**
 * Where the CPU went while the last app answer and the last bare answer decoded (light traces, task-cpu.ts), per
 * token. ONNX Runtime's threads need every core they were given; CPU the page spends meanwhile (rendering the
 * stream) comes out of theirs on a machine with no core to spare.
 */
function pageCpuPerToken(cpu: NonNullable<DeviceRun['decodeCpu']>): { app: number; bare: number } | null {
  if (!cpu.appTokens || !cpu.bareTokens) return null;
  return { app: (cpu.app.CrRendererMain ?? 0) / cpu.appTokens, bare: (cpu.bare.CrRendererMain ?? 0) / cpu.bareTokens };
}

function decodeCpuRows(run: DeviceRun, d: string, section: string): Row[] {
  const cpu = run.decodeCpu;
  const page = cpu && pageCpuPerToken(cpu);
  if (!cpu || !page || !cpu.appTokens || !cpu.bareTokens) return [];
  const top = (side: Record<string, number>, tokens: number) =>
    Object.entries(side)
      .slice(0, 5)
      .map(([name, ms]) => `${name} ${(ms / tokens).toFixed(2)}`)
      .join(', ');
  return [
    row({
      id: `${d}.decode.page-cpu`,
      section,
      label: "page main thread's CPU per token while decoding (last pair, traced)",
      unit: 'ms',
      app: page.app,
      bare: page.bare,
      target: null,
      note: `ms per token by thread, app: ${top(cpu.app, cpu.appTokens)}; bare: ${top(cpu.bare, cpu.bareTokens)}`,
    }),
  ];
}

/**
 * Issue 16's per-token overhead: answers alternate app, bare, app, ..., so each pair ran under the same load; the
 * app's overhead is the median of the pairs' differences in ms per token, and the spread is that of the pairs'
 * speed ratios (half their IQR, in % of the median).
 */
function overheadRows(run: DeviceRun, d: string, section: string): Row[] {
  const pairs = run.appAnswers.flatMap((a, i) => {
    const b = run.bareAnswers[i];
    if (!b) return [];
    return [{ app: perTokenMs(a, a.resultAt), bare: perTokenMs(b, b.doneAt), ratio: (a.engineTokensPerSecond ?? NaN) / b.engineTokensPerSecond }];
  });
  const engine = spreadOf(pairs.map((p) => p.app.engine - p.bare.engine));
  const ui = spreadOf(pairs.map((p) => p.app.ui - p.bare.ui));
  const ratios = spreadOf(pairs.map((p) => p.ratio));
  const ms = (s: ReturnType<typeof spreadOf>) => (s ? `${s.median.toFixed(3)} ms (IQR ${s.q1.toFixed(3)} to ${s.q3.toFixed(3)})` : '–');
  return [
    row({
      id: `${d}.decode.spread`,
      section,
      label: `decode speed, spread of the ${pairs.length} app/bare pairs' ratios (half the IQR)`,
      unit: '%',
      app: ratios?.halfIqrPct ?? null,
      bare: null,
      ratio: ratios?.median ?? null,
      target: { text: 'under ±5 %', on: 'app', op: '<=', value: 5 },
      note: `pair ratios ${fmtSpread(ratios, 3)}, from ${ratios?.min.toFixed(3) ?? '–'} to ${ratios?.max.toFixed(3) ?? '–'}; the ratio column is their median`,
    }),
    row({
      id: `${d}.decode.overhead`,
      section,
      label: 'app overhead per token vs bare (engine clock; median of pair differences)',
      unit: 'ms',
      app: engine?.median ?? null,
      bare: null,
      ratio: null,
      target: { text: '≤ 0.5 ms', on: 'app', op: '<=', value: 0.5 },
      note:
        `engine ${ms(engine)}; UI clock (first token -> result on the UI thread, per token) ${ms(ui)}; ` +
        `per token app ${fmtSpread(spreadOf(pairs.map((p) => p.app.engine)), 2)} ms / bare ${fmtSpread(spreadOf(pairs.map((p) => p.bare.engine)), 2)} ms (engine)`,
    }),
  ];
}

/** A figure from the answer's meta line (its data-* attributes); null where the app did not render it. */
function metaNumber(answer: ProbeAnswer, key: string): number | null {
  const value = answer.meta[key];
  return value === undefined || value === '' ? null : Number(value);
}

function memoryRows(run: Pick<DeviceRun, 'memory'>, section: string, model: ModelInfo, d: string): Row[] {
  const modelMb = model.onnxBytes / 1e6;
  const target = { text: `≤ 1.30× model (${(1.3 * modelMb).toFixed(0)} MB)`, on: 'app', op: '<=', value: 1.3 * modelMb } as const;
  const rise = (w: MemoryWindow | null, at: 'peak' | 'end') => (w ? w[at].pssBytes - w.baseline.pssBytes : null);
  const mb = (bytes: number | null) => (bytes === null ? null : bytes / 1e6);
  const kinds = (w: MemoryWindow | null) => (w ? describeByKind(w.baseline, w.peak) : '–');
  const note = (app: MemoryWindow | null, bare: MemoryWindow | null) => {
    const a = rise(app, 'peak');
    const b = rise(bare, 'peak');
    if (a === null || b === null) return `not sampled: ${run.memory.error ?? 'no samples'}`;
    const endA = rise(app, 'end') ?? 0;
    const endB = rise(bare, 'end') ?? 0;
    return (
      `model ${modelMb.toFixed(0)} MB; peak = app ${ofModel(a, model)} / bare ${ofModel(b, model)} the model, at ready app +${(endA / 1e6).toFixed(0)} MB / bare +${(endB / 1e6).toFixed(0)} MB; ` +
      `at the peak, app: ${kinds(app)}; bare: ${kinds(bare)}`
    );
  };
  return [
    row({
      id: `${d}.memory.cold`,
      section,
      label: 'peak memory during load, cold (rise in PSS of all browser processes)',
      unit: 'MB',
      app: mb(rise(run.memory.appCold, 'peak')),
      bare: mb(rise(run.memory.bareCold, 'peak')),
      target,
      note: note(run.memory.appCold, run.memory.bareCold),
    }),
    row({
      id: `${d}.memory.cold.vs-bare`,
      section,
      label: 'peak memory during load, cold, app against bare (the same rises)',
      unit: 'MB',
      app: mb(rise(run.memory.appCold, 'peak')),
      bare: mb(rise(run.memory.bareCold, 'peak')),
      target: { text: '≤ 1.00× bare', on: 'ratio', op: '<=', value: 1 },
      note: 'over 1.00×: the app holds something during the load that transformers.js alone does not (issue 16)',
    }),
    row({
      id: `${d}.memory.warm`,
      section,
      label: 'peak memory during load, warm (rise in PSS over about:blank)',
      unit: 'MB',
      app: mb(rise(run.memory.appWarm, 'peak')),
      bare: mb(rise(run.memory.bareWarm, 'peak')),
      target,
      note: note(run.memory.appWarm, run.memory.bareWarm),
    }),
  ];
}

function streamRows(run: DeviceRun, section: string): Row[] {
  const d = run.device;
  const stream = run.stream;
  if (run.streamError) return [notMeasured(section, `${d}.stream.longtasks`, 'main-thread tasks over 50 ms while streaming into a long chat', `failed: ${run.streamError}`)];
  if (!stream) return [];
  const { answer, sending, streaming } = stream.observed;
  const during = `while ${answer.tokens ?? '?'} tokens stream into ${stream.seed.messages} earlier messages`;
  const longest = (entries: readonly { duration: number }[]) => (entries.length ? Math.max(...entries.map((e) => e.duration)) : 0);
  const total = (entries: readonly { duration: number }[]) => entries.reduce((sum, e) => sum + e.duration, 0);
  const unsupported = (w: MainThreadWindow) => (w.supported.longtask ? '' : ' (this Chromium has no longtask entries)');
  const worstFrame = [...streaming.longFrames].sort((a, b) => b.duration - a.duration)[0];
  const seconds = (streaming.to - streaming.from) / 1000;
  const prompt = metaNumber(answer, 'promptTokens');
  return [
    row({
      id: `${d}.stream.longtasks`,
      section,
      label: `main-thread tasks over 50 ms ${during}`,
      unit: 'count',
      app: streaming.supported.longtask ? streaming.longTasks.length : null,
      bare: null,
      target: { text: '0 tasks over 50 ms', on: 'app', op: '<=', value: 0 },
      note:
        `${fmtMs(total(streaming.longTasks))} of long tasks in ${seconds.toFixed(1)} s of streaming at ${answer.engineTokensPerSecond?.toFixed(1) ?? '?'} tok/s${unsupported(streaming)}; ` +
        `send -> first token: ${sending.longTasks.length} over 50 ms, longest ${fmtMs(longest(sending.longTasks))}; ` +
        `opening the chat (${stream.open.answers} answers, ${(stream.seed.characters / 1e3).toFixed(0)}k characters, ${stream.seed.codeBlocks} code blocks, imported through Import…) took ${fmtMs(stream.open.ms)}; ` +
        `prompt ${prompt ?? '?'} tokens (the bench template renders chats over ${LONG_CHAT_MESSAGES} messages as their last ${LONG_CHAT_KEEP}; see bench/README.md)`,
    }),
    row({
      id: `${d}.stream.longest-task`,
      section,
      label: 'longest main-thread task while streaming',
      unit: 'ms',
      app: streaming.supported.longtask ? longest(streaming.longTasks) : null,
      bare: null,
      target: null,
      note: worstFrame
        ? `longest animation frame ${fmtMs(worstFrame.duration)} (style and layout ${fmtMs(worstFrame.styleAndLayout)}; scripts: ${worstFrame.scripts.map((x) => `${x.invoker} ${fmtMs(x.duration)}`).join(', ') || 'none attributed'}); ${streaming.longFrames.length} animation frames over 50 ms`
        : streaming.supported.loaf
          ? 'no animation frame over 50 ms'
          : 'this Chromium has no long-animation-frame entries',
    }),
    row({
      id: `${d}.stream.longest-frame`,
      section,
      label: 'longest frame while streaming (requestAnimationFrame to the next)',
      unit: 'ms',
      app: streaming.longestFrameMs,
      bare: null,
      target: null,
      note: `${streaming.frames} frames in ${seconds.toFixed(1)} s (${(streaming.frames / Math.max(seconds, 0.001)).toFixed(0)} per second)`,
    }),
  ];
}

function deviceRows(run: DeviceRun, spec: DeviceRunSpec, model: ModelInfo): Row[] {
  const section = `${DEVICE_LABEL[run.device]} · ${model.name} model, ${(model.parameters / 1e6).toFixed(1)}M parameters, ${spec.maxNewTokens} tokens per answer${spec.decodeOnly ? ', decode only (per-token overhead)' : ''}`;
  const rows: Row[] = [];
  const d = spec.id ?? run.device;
  rows.push(
    row({
      id: `${d}.load.cold`,
      section,
      label: 'load, cold (first visit, from the network)',
      unit: 'ms',
      app: run.appCold.ms,
      bare: run.bareCold.ms,
      target: spec.decodeOnly ? null : { text: '≤ 1.15× bare', on: 'ratio', op: '<=', value: 1.15 },
      note: `engine clock: app ${fmtMs(run.appCold.engineMs)} / bare ${fmtMs(run.bareCold.engineMs)}; Hub requests app ${run.appCold.hubRequests} / bare ${run.bareCold.hubRequests}`,
    }),
  );
  if (!spec.decodeOnly) rows.push(
    row({
      id: `${d}.load.warm`,
      section,
      label: 'load, warm (leave and come back, from the browser cache)',
      unit: 'ms',
      app: run.appWarm?.ms ?? null,
      bare: run.bareWarm?.ms ?? null,
      target: { text: '≤ 1.20× bare', on: 'ratio', op: '<=', value: 1.2 },
      note: run.appWarm && run.bareWarm ? `engine clock: app ${fmtMs(run.appWarm.engineMs)} / bare ${fmtMs(run.bareWarm.engineMs)}; Hub requests app ${run.appWarm.hubRequests} / bare ${run.bareWarm.hubRequests}` : undefined,
    }),
  );
  const appFirst = run.appAnswers.map((a) => a.firstTokenAt - a.sentAt);
  const bareFirst = run.bareAnswers.map((a) => a.firstTokenAt - a.sentAt);
  rows.push(
    row({
      id: `${d}.ttft`,
      section,
      label: 'time to first token (send -> token on UI thread)',
      unit: 'ms',
      app: median(appFirst),
      bare: median(bareFirst),
      target: null,
      note: `engine clock: app ${fmtMs(median(run.appAnswers.map((a) => a.engineTimeToFirstTokenMs ?? NaN)))} / bare ${fmtMs(median(run.bareAnswers.map((a) => a.engineTimeToFirstTokenMs)))}; first text on screen: app ${fmtMs(median(run.appAnswers.map((a) => a.firstTextAt - a.sentAt)))} / bare ${fmtMs(median(run.bareAnswers.map((a) => a.firstTextAt - a.sentAt)))}`,
    }),
  );
  const same = run.appAnswers.every((a, i) => a.text !== null && a.text === run.bareAnswers[i]?.text);
  rows.push(
    row({
      id: `${d}.decode`,
      section,
      label: 'decode speed (tokens after the first)',
      unit: 'tok/s',
      app: median(run.appAnswers.map((a) => a.engineTokensPerSecond ?? NaN)),
      bare: median(run.bareAnswers.map((a) => a.engineTokensPerSecond)),
      target: { text: '≥ 0.97× bare', on: 'ratio', op: '>=', value: 0.97 },
      note: `app ${fmtSpread(spreadOf(run.appAnswers.map((a) => a.engineTokensPerSecond ?? NaN)))} / bare ${fmtSpread(spreadOf(run.bareAnswers.map((a) => a.engineTokensPerSecond)))}; tokens per answer app ${run.appAnswers.map((a) => a.tokens).join('/')} / bare ${run.bareAnswers.map((a) => a.tokens).join('/')} (max ${spec.maxNewTokens}); greedy answers identical: ${same ? 'yes' : 'NO'}`,
    }),
    ...overheadRows(run, d, section),
    ...decodeCpuRows(run, d, section),
  );
  if (run.threads) {
    const one = run.threads.oneThread;
    const oneSame = one.every((a, i) => a.text === run.bareAnswers[i]?.text);
    rows.push(
      row({
        id: `${d}.decode.threads`,
        section,
        label: `decode speed, ${run.threads.count} threads (app column) vs 1 thread (bare column), both on the bare page`,
        unit: 'tok/s',
        app: median(run.bareAnswers.map((a) => a.engineTokensPerSecond)),
        bare: median(one.map((a) => a.engineTokensPerSecond)),
        target: null,
        note: `median of ${run.bareAnswers.length} / ${one.length}; ratio = speed-up from threads; greedy answers identical: ${oneSame ? 'yes' : 'NO'}`,
      }),
    );
    const appOne = run.threads.app;
    rows.push(
      appOne
        ? row({
            id: `${d}.decode.threads.app`,
            section,
            label: `decode speed, ${run.threads.count} threads (app column) vs 1 thread (bare column), both in the app`,
            unit: 'tok/s',
            app: median(run.appAnswers.map((a) => a.engineTokensPerSecond ?? NaN)),
            bare: median(appOne.answers.map((a) => a.engineTokensPerSecond ?? NaN)),
            target: null,
            note: `median of ${run.appAnswers.length} / ${appOne.answers.length}; 1 thread: the app page served without COOP/COEP, its status "${appOne.status}"; greedy answers identical: ${appOne.answers.every((a, i) => a.text === run.appAnswers[i]?.text) ? 'yes' : 'NO'}`,
          })
        : notMeasured(section, `${d}.decode.threads.app`, 'decode speed, all threads vs 1 thread, in the app', `failed: ${run.threads.appError ?? 'not run'}`),
    );
  }
  rows.push(
    row({
      id: `${d}.answer`,
      section,
      label: 'whole answer (send -> done on screen / last message)',
      unit: 'ms',
      app: median(run.appAnswers.map((a) => a.doneAt - a.sentAt)),
      bare: median(run.bareAnswers.map((a) => a.doneAt - a.sentAt)),
      target: null,
    }),
  );
  if (spec.decodeOnly) return [...rows, ...memoryRows(run, section, model, d).filter((r) => r.id.includes('.cold'))];
  const first = run.turns[0]?.firstTokenMs ?? null;
  const lastTurn = Math.max(...spec.turns);
  for (const t of spec.turns) {
    const turn = run.turns.find((x) => x.turn === t);
    const value = turn?.firstTokenMs ?? null;
    rows.push(
      row({
        id: `${d}.turn.${t}`,
        section,
        label: `time to first token, turn ${t} (app; ratio vs turn 1)`,
        unit: 'ms',
        app: value,
        bare: null,
        ratio: value !== null && first ? value / first : null,
        target: t === lastTurn && t !== 1 ? { text: '≤ 1.30× turn 1', on: 'ratio', op: '<=', value: 1.3 } : null,
        note: turn ? turnNote(turn) : undefined,
      }),
    );
  }
  rows.push(...memoryRows(run, section, model, d), ...streamRows(run, section), ...documentRows(run, section), ...matmulRows(run, section));
  return rows;
}

/**
 * The recommendation's micro-benchmark as a person meets it: the first visit opens the model guide (the only thing
 * that runs the test), and the figure the app remembers for this adapter (src/models/device/measure.ts) is read back
 * from its storage, with its own timing of the whole measurement.
 */
async function readMatmulFigure(page: Page): Promise<MatmulFigure | null> {
  try {
    await page.getByRole('region', { name: 'Model' }).getByRole('button', { name: 'Models for this device' }).click();
    const guide = page.getByRole('dialog', { name: 'Models for this device' });
    const handle = await page.waitForFunction(
      () => {
        const raw = localStorage.getItem('sensa.device-figures');
        const figures = raw ? (JSON.parse(raw) as { figures?: Record<string, unknown> }).figures : undefined;
        return figures ? (Object.values(figures)[0] ?? null) : null;
      },
      undefined,
      { timeout: 60_000 },
    );
    await guide.getByRole('button', { name: 'Close' }).click();
    return (await handle.jsonValue()) as MatmulFigure;
  } catch (error) {
    log(`no matmul figure: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return null;
  }
}

function matmulRows(run: DeviceRun, section: string): Row[] {
  const id = `${run.device}.recommend.matmul`;
  const m = run.matmul;
  if (!m) return [notMeasured(section, id, 'recommendation: matmul micro-benchmark', 'the app stored no figure within 60 s')];
  const what = `${m.size}×${m.size} fp32 on ${m.backend === 'webgpu' ? 'WebGPU' : 'the CPU (JavaScript)'}`;
  return [
    row({ id: `${id}.gflops`, section, label: `recommendation: matmul micro-benchmark (${what})`, unit: 'GFLOP/s', app: m.gflops, bare: null, target: null }),
    row({ id: `${id}.ms`, section, label: 'recommendation: matmul micro-benchmark, its whole time (setup and compile included)', unit: 'ms', app: m.ms, bare: null, target: null }),
  ];
}

/** Whether the KV cache held: how much of this turn's prompt the app served from it (its meta line's figures). */
/** Reading and embedding rates of the 60-page PDF, and the wait from choosing it to the first answer token. */
function documentRows(run: DeviceRun, section: string): Row[] {
  const id = `${run.device}.documents`;
  if (!run.documents) return [notMeasured(section, id, 'documents (60-page PDF)', run.documentsError ?? 'not run')];
  const note = 'embedding oracle (a word-table lookup, e2e/fixtures/embedder): the rate is the pipeline, not a real model';
  return [
    row({ id: `${id}.pages`, section, label: 'documents: pages read per second (60-page PDF, reader worker)', unit: 'per s', app: run.documents.pagesPerSecond, bare: null, target: null }),
    row({ id: `${id}.chunks`, section, label: 'documents: passages embedded per second', unit: 'per s', app: run.documents.chunksPerSecond, bare: null, target: null, note }),
    row({ id: `${id}.first-token`, section, label: 'documents: choosing the PDF to the first answer token (read, embed, retrieve, prefill)', unit: 'ms', app: run.documents.attachToFirstTokenMs, bare: null, target: null }),
  ];
}

function turnNote(turn: DeviceRun['turns'][number]): string {
  if (turn.promptTokens === null) return 'prompt size not shown in the meta line';
  const reused = turn.reusedTokens ?? 0;
  const fresh = turn.promptTokens - reused;
  if (turn.turn === 1) return `prompt ${turn.promptTokens} tokens, all prefilled (first turn)`;
  return reused > 0
    ? `prompt ${turn.promptTokens} tokens: ${reused} reused from the KV cache, ${fresh} prefilled`
    : `prompt ${turn.promptTokens} tokens, none reused: full prefill (KV cache not used)`;
}

/** Every long task, but only the 20 longest animation frames: hundreds of them with their scripts swamp the JSON. */
function briefWindow(w: MainThreadWindow): MainThreadWindow & { longFramesTotal: number } {
  return { ...w, longFrames: [...w.longFrames].sort((a, b) => b.duration - a.duration).slice(0, 20), longFramesTotal: w.longFrames.length };
}

function fmtMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

function describeModel(info: ModelInfo, sixteenBit = false): string {
  const m = info.shape;
  return (
    `${(info.parameters / 1e6).toFixed(1)}M parameters ` +
    `(vocab ${m.vocabSize} tied embedding/LM head = ${((m.vocabSize * m.hiddenSize) / 1e6).toFixed(1)}M, hidden ${m.hiddenSize}, ` +
    `${m.numLayers} layers of ${m.numHeads}-head attention x ${m.headDim} with KV cache and a ${m.intermediateSize}-wide SwiGLU MLP), ` +
    `${(info.onnxBytes / 1e6).toFixed(0)} MB, ` +
    (sixteenBit
      ? 'the same bytes under every 4-bit/8-bit/fp32 dtype file name (q4 on WASM); q4f16 and fp16: the same graph with float16 cache and logits, float32 inside (--gpu)'
      : 'the same bytes under every dtype file name (the app asks for q4)')
  );
}

const A11Y_SECTION = 'Accessibility: captions and live mode (WASM, e2e oracle models)';
/** The captions run's long tasks and frames, for the JSON (where a miss comes from). */
let captionsRaw: unknown = null;

/** Captions on WASM in a browser of their own, then live mode through its e2e spec; each fails alone. */
async function accessibilityRows(preset: (typeof PRESETS)[keyof typeof PRESETS], model: DeviceRunSpec['model'], wants: (part: 'captions' | 'live') => boolean, crashes: string[]): Promise<Row[]> {
  const rows: Row[] = [];
  const section = A11Y_SECTION;
  if (wants('captions')) {
    let figures: CaptionsFigures | null = null;
    let problem: string | null = null;
    const profiles: string[] = [];
    writeCaptionsFixture(hubRoot(model));
    const hub = new BenchHub(model);
    const browser = await launch('wasm', hub, profiles);
    try {
      log(`captions: a ${preset.captionsSeconds} s clip of alternating tones through the Caption button (WASM)`);
      // About 5 s of sound per second here at worst, plus the recognizer's load; a generous bound.
      figures = await measureCaptions(browser.context, preset.captionsSeconds, 120_000 + preset.captionsSeconds * 1000);
    } catch (error) {
      problem = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      crashes.push(`captions: ${problem}`);
      log(`captions failed: ${problem}`);
    } finally {
      await browser.context.close();
      for (const p of profiles) rmSync(p, { recursive: true, force: true });
    }
    rows.push(...captionRows(section, preset, figures, problem));
    if (figures) captionsRaw = { ...figures, main: briefWindow(figures.main) };
  }
  if (!preset.live) {
    rows.push(notMeasured(section, 'a11y.live.first-audio', 'live mode: end of speech -> first audio, with a frame', 'not in the quick run (it runs the live e2e spec: minutes)'));
  } else if (wants('live')) {
    try {
      rows.push(...liveRows(section, measureLive(log)));
    } catch (error) {
      const problem = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      crashes.push(`live: ${problem}`);
      log(`live failed: ${problem}`);
      rows.push(notMeasured(section, 'a11y.live.first-audio', 'live mode: end of speech -> first audio, with a frame', problem));
    }
  }
  return rows;
}

function captionRows(section: string, preset: (typeof PRESETS)[keyof typeof PRESETS], f: CaptionsFigures | null, problem: string | null): Row[] {
  if (!f) return [notMeasured(section, 'a11y.captions', 'captions', problem ?? 'not run')];
  const minutes = `${(f.clipSeconds / 60).toFixed(1)} min clip`;
  const shorter = f.clipSeconds < 590 ? ` (shorter than the 10 minutes of a full run: ${preset.name} preset)` : '';
  const longest = f.main.longTasks.reduce((m, t) => Math.max(m, t.duration), 0);
  const oracle = 'Whisper oracle graphs (e2e/fixtures/whisper): the pipeline and the page, not real Whisper\'s cost';
  return [
    row({
      id: 'a11y.captions.speed',
      section,
      label: `captions: seconds of sound per second, WASM, ${minutes}${shorter}`,
      unit: 'x',
      app: f.soundSecondsPerSecond,
      bare: null,
      target: null,
      note: `the dialog's figure (worker time after the recognizer was ready); ${f.cues} cues for ${f.tones} tones; ${oracle}`,
    }),
    row({ id: 'a11y.captions.whole', section, label: `captions: choosing the file -> Done (decode, recognizer load, every window), ${minutes}`, unit: 'ms', app: f.wholeMs, bare: null, target: null }),
    row({
      id: 'a11y.captions.longtasks',
      section,
      label: `captions: main-thread tasks over 50 ms while captioning the ${minutes}`,
      unit: 'count',
      app: f.main.supported.longtask ? f.main.longTasks.length : null,
      bare: null,
      target: { text: '0', on: 'app', op: '<=', value: 0 },
      note: f.main.supported.longtask ? undefined : 'PerformanceObserver longtask not supported here',
    }),
    row({
      id: 'a11y.captions.longtasks.cpu',
      section,
      label: `captions: main-thread tasks with over 50 ms of the thread's own CPU time, ${minutes}`,
      unit: 'count',
      app: f.taskCpu ? f.taskCpu.filter((t) => t.cpuMs > 50).length : null,
      bare: null,
      target: { text: '0', on: 'app', op: '<=', value: 0 },
      note: f.taskCpu ? cpuNote(f.taskCpu) : 'no trace',
    }),
    row({
      id: 'a11y.captions.longest',
      section,
      label: 'captions: longest main-thread task / longest frame while captioning',
      unit: 'ms',
      app: f.main.supported.longtask ? longest : null,
      bare: null,
      target: null,
      note: `longest gap between frames ${fmtMs(f.main.longestFrameMs)} over ${f.main.frames} frames; ${longestFrameNote(f.main)}`,
    }),
  ];
}

/**
 * What the wall-clock long tasks were made of (task-cpu.ts): on a loaded machine most are a short task that waited
 * for a core, which the page cannot shorten; a task with over 50 ms of its own CPU time is the page's to fix.
 */
function cpuNote(tasks: readonly TaskTime[]): string {
  if (tasks.length === 0) return 'the trace saw no task of 50 ms or more';
  const most = Math.max(...tasks.map((t) => t.cpuMs));
  const waited = tasks.filter((t) => t.cpuMs <= 50).length;
  return `the trace saw ${tasks.length} tasks of 50 ms or more (wall); ${waited} of them used 50 ms of CPU or less (the rest of their time the thread waited for a core); the most CPU in one task: ${most.toFixed(1)} ms`;
}

/** The longest long-animation-frame and what ran in it: where a miss comes from. */
function longestFrameNote(w: MainThreadWindow): string {
  const frame = [...w.longFrames].sort((a, b) => b.duration - a.duration)[0];
  if (!frame) return 'no long animation frame';
  const scripts = frame.scripts.map((x) => `${x.invoker} ${x.source} ${Math.round(x.duration)} ms`).join(', ');
  return `longest animation frame ${Math.round(frame.duration)} ms at ${(frame.start / 1000).toFixed(1)} s (style and layout ${Math.round(frame.styleAndLayout)} ms${scripts ? `; ${scripts}` : ''})`;
}

function liveRows(section: string, f: LiveFigures): Row[] {
  const note = `from e2e/live-mode.spec.ts (SmolVLM, Whisper, Supertonic and Silero oracles on WASM; the spec took ${fmtMs(f.specMs)}); the page's clock, from the detector's end of speech`;
  return [
    row({ id: 'a11y.live.first-audio', section, label: `live mode: end of speech -> first audio, with ${f.frames} frame${f.frames === 1 ? '' : 's'} attached`, unit: 'ms', app: f.toFirstAudioMs, bare: null, target: { text: '≤ 2.5 s', on: 'app', op: '<=', value: 2500 }, note }),
    row({ id: 'a11y.live.first-token', section, label: 'live mode: end of speech -> first answer token', unit: 'ms', app: f.toFirstTokenMs, bare: null, target: null }),
  ];
}

const DRAW_SECTION = 'Drawing: Janus-Pro oracle on WASM, "Draw a red square" (app composer) vs generate_images (bare page)';
/** The drawing run's every picture, for the JSON. */
let drawingRaw: unknown = null;

/** App and bare each in a browser of their own (WASM), the Janus oracle written beside the bench model; fails alone. */
async function drawingRows(preset: (typeof PRESETS)[keyof typeof PRESETS], model: DeviceRunSpec['model'], crashes: string[]): Promise<Row[]> {
  writeDrawingFixture(hubRoot(model));
  const hub = new BenchHub(model);
  const profiles: string[] = [];
  const contexts: BrowserContext[] = [];
  try {
    const appBrowser = await launch('wasm', hub, profiles);
    contexts.push(appBrowser.context);
    const bareBrowser = await launch('wasm', hub, profiles);
    contexts.push(bareBrowser.context);
    const probe = bareBrowser.context.pages()[0] ?? (await bareBrowser.context.newPage());
    await probe.goto(`${BASE_URL}/bare/`);
    const threads = wasmThreads(await probe.evaluate(() => crossOriginIsolated), await probe.evaluate(() => navigator.hardwareConcurrency));
    log(`drawing: ${preset.drawingPictures} pictures in the app (the first loads the image model), then as many on the bare page (${threads} threads)`);
    const figures = await measureDrawing(appBrowser.context, bareBrowser.context, preset.drawingPictures, threads);
    drawingRaw = figures;
    return drawingFigureRows(figures);
  } catch (error) {
    const problem = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    crashes.push(`drawing: ${problem}`);
    log(`drawing failed: ${problem}`);
    return [notMeasured(DRAW_SECTION, 'draw.picture', 'drawing', problem)];
  } finally {
    for (const context of contexts) await context.close().catch(() => undefined);
    for (const p of profiles) rmSync(p, { recursive: true, force: true });
  }
}

function drawingFigureRows(f: DrawingFigures): Row[] {
  const section = DRAW_SECTION;
  const [appFirst, ...appRest] = f.app;
  const [bareFirst, ...bareRest] = f.bare;
  const same = f.app.every((a, i) => a.sha256 === f.bare[i]?.sha256);
  const tokens = appFirst?.engine.imageTokens ?? bareFirst?.imageTokens ?? 0;
  const oracle = `oracle replica (e2e/fixtures/janus): ${tokens} image tokens per 64 x 64 picture, against 576 per 384 x 384 for the real Janus-Pro; the pipeline's cost, not the real model's`;
  return [
    row({
      id: 'draw.first',
      section,
      label: 'first picture, image model not loaded (Draw click -> picture shown / load -> first PNG)',
      unit: 'ms',
      app: appFirst?.clickToDoneMs ?? null,
      bare: bareFirst ? bareFirst.doneAt - f.bareLoad.requestedAt : null,
      target: null,
      note: `variant ${f.variant} (${Object.entries(f.sessions).map(([k, v]) => `${k} ${v}`).join(', ')}); bare load alone ${fmtMs(f.bareLoad.readyAt - f.bareLoad.requestedAt)} (engine ${fmtMs(f.bareLoad.engineLoadMs)})`,
    }),
    row({
      id: 'draw.picture',
      section,
      label: `time per picture, model loaded (Draw click -> picture shown / postMessage -> PNG)`,
      unit: 'ms',
      app: median(appRest.map((a) => a.clickToDoneMs)),
      bare: median(bareRest.map((b) => b.doneAt - b.sentAt)),
      target: null,
      note: `median of ${appRest.length} / ${bareRest.length}; engine clock (call start -> PNG): app ${fmtMs(median(appRest.map((a) => a.engine.ms)))} / bare ${fmtMs(median(bareRest.map((b) => b.engineMs)))}; same seed, byte-identical PNGs app vs bare: ${same ? 'yes' : 'NO'}`,
    }),
    row({
      id: 'draw.tokens-per-second',
      section,
      label: 'image tokens per second (engine: tokens / (call start -> PNG), prompt included)',
      unit: 'tok/s',
      app: median(appRest.map((a) => a.engine.imageTokensPerSecond)),
      bare: median(bareRest.map((b) => b.imageTokensPerSecond)),
      target: null,
      note: oracle,
    }),
  ];
}

/**
 * `--only=cold`: just the cold loads of the WASM run (app, then bare, each in a fresh browser), with their memory;
 * SENSA_BENCH_PROFILE=trace.json also records a CPU profile of every thread during each and prints the top entries.
 */
async function coldLoadRows(spec: DeviceRunSpec, model: ModelInfo): Promise<{ rows: Row[]; profile: { app: ProfileEntry[]; bare: ProfileEntry[] } | null }> {
  const { device } = spec;
  const hub = new BenchHub(spec.model);
  const profiles: string[] = [];
  const contexts: BrowserContext[] = [];
  const profiling = process.env.SENSA_BENCH_PROFILE !== undefined;
  try {
    const appBrowser = await launch(device, hub, profiles);
    contexts.push(appBrowser.context);
    const app = await AppDriver.open(appBrowser.context);
    await app.prepare({ temperature: 0, maxNewTokens: spec.maxNewTokens });
    log(`${device}: app cold load${profiling ? ' (profiled)' : ''}`);
    const appStop = profiling ? await startProfile(appBrowser.context, app.page) : null;
    const { value: cold, memory: appCold } = await withMemory(appBrowser.memory, () => app.loadCold());
    const appProfile = appStop ? await appStop() : null;
    await appBrowser.context.close();

    log(`${device}: bare cold load${profiling ? ' (profiled)' : ''}`);
    const bareBrowser = await launch(device, hub, profiles);
    contexts.push(bareBrowser.context);
    const bare = await openBare(bareBrowser.context);
    const threadCount = wasmThreads(await bare.evaluate(() => crossOriginIsolated), await bare.evaluate(() => navigator.hardwareConcurrency));
    const bareStop = profiling ? await startProfile(bareBrowser.context, bare) : null;
    const { value: bareTiming, memory: bareCold } = await withMemory(bareBrowser.memory, () =>
      bare.evaluate(([d, t]) => (window as unknown as { bareBench: BareBench }).bareBench.load(d, t), [device, threadCount] as const),
    );
    const bareProfile = bareStop ? await bareStop() : null;
    const section = `${DEVICE_LABEL[device]} · ${model.name} model: cold loads only (--only=cold)${profiling ? ', CPU profiler on (slower)' : ''}`;
    const rows = [
      row({
        id: `${device}.load.cold`,
        section,
        label: 'load, cold (first visit, from the network)',
        unit: 'ms',
        app: cold.readyAt - cold.clickedAt,
        bare: bareTiming.readyAt - bareTiming.requestedAt,
        target: { text: '≤ 1.15× bare', on: 'ratio', op: '<=', value: 1.15 },
        note: `engine clock: app ${fmtMs(cold.engineLoadMs)} / bare ${fmtMs(bareTiming.engineLoadMs)}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`,
      }),
      ...memoryRows({ memory: { appCold, bareCold, appWarm: null, bareWarm: null, error: appBrowser.memoryError ?? bareBrowser.memoryError } }, section, model, device).filter((r) => r.id.includes('.cold')),
    ];
    return { rows, profile: appProfile && bareProfile ? { app: appProfile, bare: bareProfile } : null };
  } finally {
    for (const context of contexts) await context.close().catch(() => undefined);
    for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
  }
}

function profileTable(name: string, entries: readonly ProfileEntry[]): string {
  return [`${name}: top self time during the cold load (every thread)`, ...entries.map((e) => `  ${e.selfMs.toFixed(0).padStart(7)} ms ${(e.share * 100).toFixed(1).padStart(5)} %  ${e.thread}: ${e.fn}`)].join('\n');
}

const MULTIMODAL_SECTION = 'Multimodal KV reuse: SmolVLM oracle on WASM (e2e/fixtures/smolvlm), a picture, a question, a follow-up';

/**
 * Issue 16's multimodal row: in a browser of its own, the app loads the SmolVLM oracle (written beside the bench
 * model), a 64 x 64 red PNG is attached, a question asked, then a follow-up without a new picture. Turn 2's time to
 * first token against turn 1's, with the meta line's prompt and reused tokens: reuse means the picture was neither
 * encoded nor prefilled again. Fails alone.
 */
async function multimodalRows(spec: DeviceRunSpec, crashes: string[]): Promise<Row[]> {
  writeSmolVlmFixture(hubRoot(spec.model), REPOS.smolvlm);
  const hub = new BenchHub(spec.model);
  const profiles: string[] = [];
  let context: BrowserContext | null = null;
  try {
    log(`multimodal: ${MODEL_NAMES.smolvlm} oracle on WASM, a picture then a follow-up`);
    const browser = await launch('wasm', hub, profiles);
    context = browser.context;
    const app = await AppDriver.open(context);
    await app.loadModel(MODEL_NAMES.smolvlm);
    await app.setAnswerSettings({ temperature: 0 });
    await app.attachPicture({ name: 'red.png', buffer: solidPng(64, 64, [220, 30, 30]) });
    const first = await app.send('What colour is this picture?');
    const second = await app.send('Tell me once more: what colour is it?');
    const ms = (a: ProbeAnswer) => a.firstTokenAt - a.sentAt;
    const figures = (a: ProbeAnswer) =>
      `prompt ${metaNumber(a, 'promptTokens') ?? '?'} tokens, ${metaNumber(a, 'reusedTokens') ?? 0} reused, vision encoder runs ${a.encoderRuns?.vision ?? '?'}; engine ${fmtMs(a.engineTimeToFirstTokenMs)}`;
    return [
      row({
        id: 'wasm.multimodal.turn2',
        section: MULTIMODAL_SECTION,
        label: 'time to first token, follow-up about the same picture (app column) vs the first question (bare column)',
        unit: 'ms',
        app: ms(second),
        bare: ms(first),
        target: null,
        note: `turn 1: ${figures(first)}; turn 2: ${figures(second)}; answers "${first.text ?? ''}" / "${second.text ?? ''}"; the oracle's vision graphs, not the real model's cost`,
      }),
    ];
  } catch (error) {
    const problem = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    crashes.push(`multimodal: ${problem}`);
    log(`multimodal failed: ${problem}`);
    return [notMeasured(MULTIMODAL_SECTION, 'wasm.multimodal.turn2', 'multimodal turn 2 vs turn 1', problem)];
  } finally {
    await context?.close().catch(() => undefined);
    for (const p of profiles) rmSync(p, { recursive: true, force: true });
  }
}

const ISSUE_SECTION = 'Issue 16 table (copies of the rows above; the decode row passes only with its spread under ±5 %)';

/** The issue's table, last, each row with its target and pass/miss; a row this run did not measure says so. */
function issueRows(rows: readonly Row[]): Row[] {
  const byId = (id: string) => rows.find((r) => r.id === id);
  const lastTurn = rows.filter((r) => /^wasm\.turn\.\d+$/.test(r.id) && r.target).at(-1);
  const fastDecode = byId('wasm-fast.decode') ?? byId('wasm.decode');
  const fastSpread = byId('wasm-fast.decode.spread') ?? byId('wasm.decode.spread');
  const copy = (source: Row | undefined, id: string, label: string, verdict?: Row['verdict']): Row =>
    source
      ? { ...source, id: `issue16.${id}`, section: ISSUE_SECTION, label, verdict: verdict ?? source.verdict, note: undefined }
      : notMeasured(ISSUE_SECTION, `issue16.${id}`, label, 'not in this run (see --only and the presets)');
  const both = fastDecode?.verdict === 'pass' && fastSpread?.verdict === 'pass' ? 'pass' : fastDecode?.verdict && fastSpread?.verdict ? 'miss' : 'not measured';
  return [
    copy(lastTurn, 'turn-ratio', `WASM time to first token, ${lastTurn?.id.replace('wasm.turn.', 'turn ') ?? 'last turn'} vs turn 1`),
    copy(byId('wasm.load.cold'), 'cold-load', 'WASM cold load vs bare'),
    copy(byId('wasm.memory.cold.vs-bare'), 'memory', 'peak memory, WASM cold load, app vs bare'),
    copy(byId('a11y.live.first-audio'), 'voice', 'voice mode, end of speech -> first audio'),
    copy(fastDecode, 'decode', `decode vs bare, ${fastDecode?.id.startsWith('wasm-fast') ? 'tiny model (decode-only run)' : 'this run\'s WASM model'}; spread ${fastSpread ? `±${fastSpread.app?.toFixed(1)} %` : '–'}`, both),
    copy(byId('wasm-fast.decode.overhead') ?? byId('wasm.decode.overhead'), 'overhead', 'app overhead per token vs bare (engine clock)'),
    copy(byId('wasm.decode.threads'), 'threads-bare', 'WASM decode, all threads vs 1 thread, bare page'),
    copy(byId('wasm.decode.threads.app'), 'threads-app', 'WASM decode, all threads vs 1 thread, app'),
    copy(byId('wasm.multimodal.turn2'), 'multimodal', 'multimodal turn 2 time to first token vs turn 1'),
  ];
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const preset = PRESETS[quick ? 'quick' : 'bench'];
  // --only=devices,captions,live,drawing runs just those parts (all by default): for working on one row without the rest.
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
  const wants = (part: 'devices' | 'captions' | 'live' | 'drawing' | 'multimodal') => !only || only.includes(part);
  // Only when named: the cold loads alone, e.g. to profile them (SENSA_BENCH_PROFILE); not part of a whole run.
  const coldOnly = only?.includes('cold') ?? false;
  const profiles: string[] = [];
  // --gpu: the real adapter's run takes the SwiftShader run's place.
  const presetRuns = GPU ? [gpuRun(preset), ...preset.runs.filter((r) => r.device !== 'webgpu')] : preset.runs;
  const gpuModel = GPU ? gpuRun(preset).model : null;
  const models = new Map<string, ModelInfo>();
  for (const spec of presetRuns) {
    if (models.has(spec.model)) continue;
    const info = ensureModel(spec.model);
    models.set(spec.model, info);
    if (spec.model === gpuModel && ensureSixteenBit(info)) log(`wrote the ${info.name} model's 16-bit files (float16 edges)`);
    log(`${info.generatedNow ? 'generated' : 'reused'} ${info.name} model: ${describeModel(info, spec.model === gpuModel)}`);
  }
  log('building the app and the bare page into bench/.app-dist');
  await buildPages();
  const bundle = bundleSizes(APP_DIST);
  const server = await serve();
  const rows: Row[] = [];
  const runs: { spec: DeviceRunSpec; run: DeviceRun }[] = [];
  const crashes: string[] = [];
  const versionProbe = await chromium.launch({ executablePath: EXECUTABLE, args: BASE_ARGS });
  const chromiumVersion = versionProbe.version();
  await versionProbe.close();
  try {
    for (const spec of presetRuns) {
      const model = models.get(spec.model);
      if (!model || !wants('devices')) continue;
      try {
        const run = await runDevice(spec);
        runs.push({ spec, run });
        rows.push(...deviceRows(run, spec, model));
        if (run.streamError) crashes.push(`${spec.device} streaming run: ${run.streamError}`);
        if (run.documentsError) crashes.push(`${spec.device} documents run: ${run.documentsError}`);
      } catch (error) {
        const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
        crashes.push(`${spec.device}: ${message}`);
        log(`${spec.device} crashed: ${message}`);
        rows.push(notMeasured(DEVICE_LABEL[spec.device], `${spec.device}.crashed`, `everything on ${spec.device}`, `crashed: ${message}`));
      }
    }
    const coldSpec = presetRuns.find((r) => r.device === 'wasm' && !r.decodeOnly);
    const coldModel = coldSpec && models.get(coldSpec.model);
    if (coldOnly && coldSpec && coldModel) {
      const cold = await coldLoadRows(coldSpec, coldModel);
      rows.push(...cold.rows);
      if (cold.profile) profiles.push(profileTable('app', cold.profile.app), profileTable('bare', cold.profile.bare));
    }
    const wasmModel = presetRuns.find((r) => r.device === 'wasm')?.model;
    if (wasmModel) rows.push(...(await accessibilityRows(preset, wasmModel, wants, crashes)));
    const wasmSpec = presetRuns.find((r) => r.device === 'wasm' && !r.decodeOnly);
    if (wasmSpec && wants('multimodal')) rows.push(...(await multimodalRows(wasmSpec, crashes)));
    if (wasmModel && wants('drawing')) rows.push(...(await drawingRows(preset, wasmModel, crashes)));
  } finally {
    server.close();
    // Built JS under bench/ would otherwise be linted by `eslint .` (its ignores do not list bench/.app-dist).
    if (!process.argv.includes('--keep-dist')) rmSync(APP_DIST, { recursive: true, force: true });
  }

  const kb = (bytes: number) => bytes / 1024;
  const bundleSection = 'Bundle (gzip -9 of bench/.app-dist/assets)';
  rows.push(
    row({
      id: 'bundle.shell',
      section: bundleSection,
      label: `app shell JS (${bundle.shell.map((f) => f.file.replace('assets/', '')).join(', ')})`,
      unit: 'KB',
      app: kb(bundle.shellGzip),
      bare: null,
      target: { text: '≤ 150 KB', on: 'app', op: '<=', value: 150 },
    }),
    row({
      id: 'bundle.worker',
      section: bundleSection,
      label: `model worker JS (${bundle.worker.map((f) => f.file.replace('assets/', '')).join(', ')}; ONNX Runtime .wasm/.mjs not counted)`,
      unit: 'KB',
      app: kb(bundle.workerGzip),
      bare: null,
      target: null,
    }),
  );

  rows.push(...issueRows(rows));

  const header = [
    `Sensa bench (${preset.name}) · ${new Date().toISOString()} · Chromium ${chromiumVersion} headless · ${cpus().length} CPU cores`,
    ...(GPU ? [`GPU (--gpu${ALLOW_NO_F16 ? ' --allow-no-f16: a test of the flag, not a 16-bit run' : ''}): ${gpuAdapter ? describeAdapter(gpuAdapter) : 'adapter not read (the WebGPU run did not start)'}.`] : []),
    ...[...models.values()].map((m) => `Model "${m.name}": ${describeModel(m, m.name === gpuModel)}.`),
    'Settings: temperature 0 (greedy), repetition penalty 1, set in the app through Model settings > Answer settings; the model cannot emit end-of-turn, so every answer is full length.',
    `App: production build at ${BASE_URL}/ driven through its UI. Bare: ${BASE_URL}/bare/, transformers.js defaults (Cache API) in a module Worker, same ONNX Runtime files.`,
    'Ratios are app/bare within this run (medians of answers alternating app and bare); times on the page clock (send/click -> UI thread) unless marked engine clock.',
    'Memory: PSS summed over every process of each page\'s own browser, sampled every 250 ms from Node; peak during the load minus a steady baseline just before it (MB = 10^6 bytes).',
    ...(quick ? ['Quick run: a smoke test that the bench still works; on a loaded machine the tiny model\'s ratios are mostly noise (read the spread rows).'] : []),
  ];
  const table = formatTable(rows);
  console.log(`\n${header.join('\n')}\n\n${table}\n${profiles.length ? `\n${profiles.join('\n\n')}\n` : ''}`);

  const resultsDir = join(BENCH_DIR, 'results');
  mkdirSync(resultsDir, { recursive: true });
  // A partial run (--only) must not replace the last whole run's figures.
  const file = join(resultsDir, `${quick ? 'quick' : 'latest'}${only ? `-only-${only.join('-')}` : ''}.json`);
  const answerFigures = (a: { sentAt: number; firstTokenAt: number; firstTextAt: number; doneAt: number; engineTimeToFirstTokenMs: number | null; engineTokensPerSecond: number | null; tokens: number | null }) => ({
    firstTokenMs: a.firstTokenAt - a.sentAt,
    firstTextMs: a.firstTextAt - a.sentAt,
    doneMs: a.doneAt - a.sentAt,
    engineTtftMs: a.engineTimeToFirstTokenMs,
    tps: a.engineTokensPerSecond,
    tokens: a.tokens,
  });
  const json = roundDeep({
    preset: preset.name,
    gpu: GPU ? { allowNoF16: ALLOW_NO_F16, adapter: gpuAdapter } : null,
    at: new Date().toISOString(),
    chromium: chromiumVersion,
    cpus: cpus().length,
    prompt: PROMPT,
    models: [...models.values()].map((m) => ({ name: m.name, parameters: m.parameters, onnxBytes: m.onnxBytes, shape: m.shape })),
    rows,
    bundle,
    raw: runs.map(({ spec, run }) => ({
      spec,
      appCold: run.appCold,
      bareCold: run.bareCold,
      appWarm: run.appWarm,
      bareWarm: run.bareWarm,
      app: run.appAnswers.map(answerFigures),
      bare: run.bareAnswers.map((a) => answerFigures({ ...a, engineTimeToFirstTokenMs: a.engineTimeToFirstTokenMs, engineTokensPerSecond: a.engineTokensPerSecond })),
      turns: run.turns,
      memory: run.memory,
      stream: run.stream && { ...run.stream, observed: { ...run.stream.observed, sending: briefWindow(run.stream.observed.sending), streaming: briefWindow(run.stream.observed.streaming) } },
      streamError: run.streamError,
      documents: run.documents,
      documentsError: run.documentsError,
    })),
    captions: captionsRaw,
    drawing: drawingRaw,
    crashes,
  });
  writeFileSync(file, `${JSON.stringify(json, null, 1)}\n`);
  log(`wrote ${file}`);
  if (crashes.length) process.exitCode = 1;
}

main().then(
  // A browser whose connection died can keep the event loop alive; the results are written, so leave.
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
