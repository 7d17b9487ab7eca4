// `npm run bench` / `npm run bench:quick`: the app's production build vs a bare transformers.js page, side by side,
// in Chromium with the Hub served from a generated model. Prints a table, writes bench/results/<preset>.json.
// Figures, never a test: targets print as pass/miss and the exit code is 0 unless something crashed.

import { cpus, tmpdir } from 'node:os';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { BenchHub } from './hub';
import { AppDriver, type ProbeAnswer } from './app-driver';
import type { BareBench, BareGenerateTiming, BareLoadTiming } from './bare/main';
import { bundleSizes } from './bundle';
import { ensureModel, BENCH_DIR, type ModelInfo } from './make-model';
import { PRESETS, type Device, type DeviceRunSpec } from './presets';
import { formatTable, notMeasured, roundDeep, row, type Row } from './report';
import { APP_DIST, BASE_URL, buildPages, serve } from './serve';

const EXECUTABLE = process.env.SENSA_CHROMIUM ?? '/usr/bin/chromium';
const BASE_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const DEVICE_ARGS: Record<Device, string[]> = { webgpu: ['--enable-unsafe-webgpu'], wasm: ['--disable-webgpu'] };
const DEVICE_LABEL: Record<Device, string> = { webgpu: 'WebGPU (headless Chromium: SwiftShader, on the CPU)', wasm: 'WASM (CPU, single thread: no cross-origin isolation)' };

/** Same prompt for app and bare; the conversation turns all have the same length (one- or two-digit turn numbers are one token). */
const PROMPT = 'Write a short story about a lighthouse keeper who finds a message in a bottle on a stormy night, in about one hundred words.';
const turnPrompt = (n: number) => `Turn ${n}: please continue the story with one more short paragraph about the sea and the keeper.`;

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
  turns: { turn: number; firstTokenMs: number; engineFirstTokenMs: number | null; tokens: number | null }[];
}

/**
 * One browser per page kind, each with a fresh on-disk profile: an in-memory (incognito) context's storage quota is
 * too small for a 374 MB model (the Cache API put fails), and a person's browser has a profile on disk.
 */
async function launch(device: Device, hub: BenchHub, profiles: string[]): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'sensa-bench-'));
  profiles.push(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: EXECUTABLE,
    args: [...BASE_ARGS, ...DEVICE_ARGS[device]],
    serviceWorkers: 'block',
  });
  await hub.install(context);
  return context;
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

async function runDevice(spec: DeviceRunSpec): Promise<DeviceRun> {
  const { device, reps } = spec;
  const hub = new BenchHub(spec.model);
  const profiles: string[] = [];
  const contexts: BrowserContext[] = [];
  try {
    const appContext = await launch(device, hub, profiles);
    contexts.push(appContext);
    const app = await AppDriver.open(appContext);
    await app.prepare({ temperature: 0, maxNewTokens: spec.maxNewTokens });

    log(`${device}: app cold load`);
    let before = hub.requests.length;
    const cold = await app.loadCold();
    if (cold.device !== device || cold.dtype !== 'q4') throw new Error(`the app loaded ${cold.dtype} on ${cold.device}, expected q4 on ${device}`);
    const appCold = { ms: cold.readyAt - cold.clickedAt, engineMs: cold.engineLoadMs, hubRequests: hub.requests.length - before, status: cold.statusText, requested: requestedSince(hub, before) };

    log(`${device}: bare cold load`);
    before = hub.requests.length;
    const bareContext = await launch(device, hub, profiles);
    contexts.push(bareContext);
    const bare = await openBare(bareContext);
    const bareColdTiming = await bare.evaluate((d) => (window as unknown as { bareBench: BareBench }).bareBench.load(d), device);
    const bareCold = { ms: bareColdTiming.readyAt - bareColdTiming.requestedAt, engineMs: bareColdTiming.engineLoadMs, hubRequests: hub.requests.length - before, requested: requestedSince(hub, before) };

    const appAnswers: ProbeAnswer[] = [];
    const bareAnswers: BareGenerateTiming[] = [];
    for (let i = 0; i < reps; i++) {
      log(`${device}: answer ${i + 1}/${reps}, app then bare (${spec.maxNewTokens} tokens each)`);
      await app.newChat();
      appAnswers.push(await app.send(PROMPT));
      bareAnswers.push(
        await bare.evaluate(
          ([prompt, maxNewTokens]) => (window as unknown as { bareBench: BareBench }).bareBench.generate([{ role: 'user', content: prompt }], { maxNewTokens, repetitionPenalty: 1 }),
          [PROMPT, spec.maxNewTokens] as const,
        ),
      );
    }

    log(`${device}: warm loads (reload; app from IndexedDB, bare from the Cache API)`);
    before = hub.requests.length;
    const warm = await app.loadWarm();
    const appWarm = { ms: warm.readyAt, engineMs: warm.engineLoadMs, hubRequests: hub.requests.length - before, status: warm.statusText };
    before = hub.requests.length;
    // The bare page's reload: same context (same Cache API), new document that starts loading at navigation.
    await bare.goto(`${BASE_URL}/bare/?autoload=${device}`);
    await bare.waitForFunction(() => 'bareBench' in window);
    const bareWarmTiming = await bare.evaluate(() => (window as unknown as { bareBench: BareBench }).bareBench.autoload as Promise<BareLoadTiming>);
    const bareWarm = { ms: bareWarmTiming.readyAt, engineMs: bareWarmTiming.engineLoadMs, hubRequests: hub.requests.length - before };
    await bareContext.close();

    const lastTurn = Math.max(...spec.turns);
    log(`${device}: conversation of ${lastTurn} turns (${spec.turnTokens} tokens per answer), app`);
    await app.newChat();
    await app.setAnswerSettings({ maxNewTokens: spec.turnTokens });
    const turns: DeviceRun['turns'] = [];
    for (let t = 1; t <= lastTurn; t++) {
      const a = await app.send(turnPrompt(t));
      turns.push({ turn: t, firstTokenMs: a.firstTokenAt - a.sentAt, engineFirstTokenMs: a.engineTimeToFirstTokenMs, tokens: a.tokens });
    }
    return { device, appCold, bareCold, appWarm, bareWarm, appAnswers, bareAnswers, turns };
  } finally {
    for (const context of contexts) await context.close().catch(() => undefined);
    for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
  }
}

function deviceRows(run: DeviceRun, spec: DeviceRunSpec, model: ModelInfo): Row[] {
  const section = `${DEVICE_LABEL[run.device]} · ${model.name} model, ${(model.parameters / 1e6).toFixed(1)}M parameters, ${spec.maxNewTokens} tokens per answer`;
  const rows: Row[] = [];
  const d = run.device;
  rows.push(
    row({
      id: `${d}.load.cold`,
      section,
      label: 'load, cold (first visit, from the network)',
      unit: 'ms',
      app: run.appCold.ms,
      bare: run.bareCold.ms,
      target: null,
      note: `engine clock: app ${fmtMs(run.appCold.engineMs)} / bare ${fmtMs(run.bareCold.engineMs)}; Hub requests app ${run.appCold.hubRequests} / bare ${run.bareCold.hubRequests}`,
    }),
  );
  rows.push(
    row({
      id: `${d}.load.warm`,
      section,
      label: 'load, warm (reload, from the browser cache)',
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
      note: `median of ${run.appAnswers.length}; tokens per answer app ${run.appAnswers.map((a) => a.tokens).join('/')} / bare ${run.bareAnswers.map((a) => a.tokens).join('/')} (max ${spec.maxNewTokens}); greedy answers identical: ${same ? 'yes' : 'NO'}`,
    }),
  );
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
        target: t === lastTurn && t !== 1 ? { text: '≤ 1.50× turn 1', on: 'ratio', op: '<=', value: 1.5 } : null,
      }),
    );
  }
  return rows;
}

function fmtMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

function describeModel(info: ModelInfo): string {
  const m = info.shape;
  return (
    `${(info.parameters / 1e6).toFixed(1)}M parameters ` +
    `(vocab ${m.vocabSize} tied embedding/LM head = ${((m.vocabSize * m.hiddenSize) / 1e6).toFixed(1)}M, hidden ${m.hiddenSize}, ` +
    `${m.numLayers} layers of ${m.numHeads}-head attention x ${m.headDim} with KV cache and a ${m.intermediateSize}-wide SwiGLU MLP), ` +
    `${(info.onnxBytes / 1e6).toFixed(0)} MB, the same bytes under every dtype file name (the app asks for q4)`
  );
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const preset = PRESETS[quick ? 'quick' : 'bench'];
  const models = new Map<string, ModelInfo>();
  for (const spec of preset.runs) {
    if (models.has(spec.model)) continue;
    const info = ensureModel(spec.model);
    models.set(spec.model, info);
    log(`${info.generatedNow ? 'generated' : 'reused'} ${info.name} model: ${describeModel(info)}`);
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
    for (const spec of preset.runs) {
      const model = models.get(spec.model);
      if (!model) continue;
      try {
        const run = await runDevice(spec);
        runs.push({ spec, run });
        rows.push(...deviceRows(run, spec, model));
      } catch (error) {
        const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
        crashes.push(`${spec.device}: ${message}`);
        log(`${spec.device} crashed: ${message}`);
        rows.push(notMeasured(DEVICE_LABEL[spec.device], `${spec.device}.crashed`, `everything on ${spec.device}`, `crashed: ${message}`));
      }
    }
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
    notMeasured('Not measured yet', 'longtasks.stream', 'long tasks while 1,000 tokens stream into 500 earlier messages', 'needs a 500-message conversation seeded into the app (a hook or an import) and a PerformanceObserver for longtask'),
    notMeasured('Not measured yet', 'memory.load', 'peak memory during load', 'needs CDP memory sampling of renderer + worker processes (measureUserAgentSpecificMemory needs cross-origin isolation)'),
  );

  const header = [
    `Sensa bench (${preset.name}) · ${new Date().toISOString()} · Chromium ${chromiumVersion} headless · ${cpus().length} CPU cores`,
    ...[...models.values()].map((m) => `Model "${m.name}": ${describeModel(m)}.`),
    'Settings: temperature 0 (greedy), repetition penalty 1, set in the app through Model settings > Answer settings; the model cannot emit end-of-turn, so every answer is full length.',
    `App: production build at ${BASE_URL}/ driven through its UI. Bare: ${BASE_URL}/bare/, transformers.js defaults (Cache API) in a module Worker, same ONNX Runtime files.`,
    'Ratios are app/bare within this run (medians of answers alternating app and bare); times on the page clock (send/click -> UI thread) unless marked engine clock.',
    ...(quick ? ['Quick run: a smoke test that the bench still works; with a tiny model and 2 answers the ratios are mostly noise.'] : []),
  ];
  const table = formatTable(rows);
  console.log(`\n${header.join('\n')}\n\n${table}\n`);

  const resultsDir = join(BENCH_DIR, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, quick ? 'quick.json' : 'latest.json');
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
    })),
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
