// `npm run test:gpu`: the 16-bit variants (q4f16, fp16) of every fixture chat model, run by the app on a real GPU adapter.
//
// For a machine with a GPU; never part of `npm test` (headless Chromium there has SwiftShader, without shader-f16).
// Needs `npm run build` and `npm run fixtures` first. It starts `vite preview` (port SENSA_PORT, default 4173; or
// uses SENSA_URL), launches Chromium (SENSA_CHROMIUM, else /usr/bin/chromium, else Playwright's) headless with
// WebGPU on (on Linux through Vulkan; SENSA_GPU_ARGS adds flags), prints the adapter and whether it has shader-f16,
// then loads each chat model from the fake Hub, asks one question and compares the answer with the oracle's.
//
// Choosing the variant: where the model panel has a variant picker (a "Variant: …" button opening radios named by
// dtype) the script picks q4f16, then fp16 where the catalog has it. Without a picker it leaves the variant on Auto,
// which picks q4f16 on a shader-f16 adapter (chooseVariant in src/models/variant.ts), and reports fp16 as not run.
// Either way it checks the status line says "<variant> on WebGPU", so a silent fallback to q4 or WASM fails.
//
// Exits 1 when the adapter lacks shader-f16 (saying so), when any answer is wrong, or when a variant did not run.
// Options: --model <name> (one model, as the picker names it); --without-f16 (to test this script on an adapter
// without shader-f16: runs whatever Auto picks instead, and does not fail for the missing feature).
// Env: SENSA_GPU_TIMEOUT_MS (longest wait for a load or an answer, default 180000), SENSA_GPU_DEBUG=<file.png>
// (a screenshot of the page when a run fails).

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, expect, type Browser } from '@playwright/test';
import { CHAT_MODELS } from '../src/models/catalog';
import type { Dtype } from '../src/domain/model';
import { FakeHub, FIXTURE_ROOT } from '../e2e/fixtures/hub';
import { mediaFixturePath, type MediaFixtureName } from '../e2e/fixtures/media/index';
import { omniImageAnswer } from '../e2e/fixtures/omni/oracle';
import { oracleAnswer } from '../e2e/fixtures/oracle';
import { MODEL_NAMES, MULTIMODAL_SIZES, REPOS } from '../e2e/fixtures/repos';
import { smolVlmImageAnswer } from '../e2e/fixtures/smolvlm/oracle';
import { ChatPage } from '../e2e/pages/chat-page';
import { gpuArgs, readAdapter, type AdapterReport } from './gpu-adapter';

const ROOT = join(import.meta.dirname, '..');
const PORT = Number(process.env.SENSA_PORT ?? 4173);
const APP_URL = process.env.SENSA_URL ?? `http://127.0.0.1:${PORT}`;
/** Longest wait for a load or an answer; a GPU needs seconds, SwiftShader on a busy machine minutes. */
const STEP_TIMEOUT_MS = Number(process.env.SENSA_GPU_TIMEOUT_MS ?? 180_000);

/** One question per fixture model whose answer the oracle states. */
interface Probe {
  name: string;
  repo: string;
  attach?: MediaFixtureName;
  prompt: string;
  /** Qwen3 thinks by default; switching it off keeps the compared text to the answer alone. */
  thinkingOff?: boolean;
  expected: string;
}

const TEXT_PROMPT = 'I like apple and apple and banana';
const PROBES: readonly Probe[] = [
  { name: MODEL_NAMES.qwen3, repo: REPOS.qwen3, prompt: TEXT_PROMPT, thinkingOff: true, expected: oracleAnswer('qwen3', [TEXT_PROMPT], { thinking: false }).reply },
  { name: MODEL_NAMES.llama3, repo: REPOS.llama3, prompt: TEXT_PROMPT, expected: oracleAnswer('llama3', [TEXT_PROMPT]).reply },
  { name: MODEL_NAMES.omni, repo: REPOS.omni, attach: 'red-64.png', prompt: 'What colour is this?', expected: omniImageAnswer('red') },
  { name: MODEL_NAMES.smolvlm, repo: REPOS.smolvlm, attach: 'red-64.png', prompt: 'What colour is this?', expected: smolVlmImageAnswer('red') },
  // The catalog range's architectures and sizes: on a shader-f16 GPU these are the only browser runs of the q4f16-only
  // entries (Phi-4 mini, Gemma 4 E4B), which SwiftShader cannot load.
  { name: MODEL_NAMES.gemma3, repo: REPOS.gemma3, prompt: TEXT_PROMPT, expected: oracleAnswer('gemma3', [TEXT_PROMPT]).reply },
  { name: MODEL_NAMES.lfm2, repo: REPOS.lfm2, prompt: TEXT_PROMPT, expected: oracleAnswer('lfm2', [TEXT_PROMPT]).reply },
  { name: MODEL_NAMES.phi3, repo: REPOS.phi3, prompt: TEXT_PROMPT, expected: oracleAnswer('phi3', [TEXT_PROMPT]).reply },
  { name: MODEL_NAMES.omniE4B, repo: MULTIMODAL_SIZES.omni[1] ?? '', attach: 'red-64.png', prompt: 'What colour is this?', expected: omniImageAnswer('red') },
  { name: MODEL_NAMES.smolvlm500, repo: MULTIMODAL_SIZES.smolvlm[1] ?? '', attach: 'red-64.png', prompt: 'What colour is this?', expected: smolVlmImageAnswer('red') },
];

interface Outcome {
  model: string;
  variant: string;
  ranAs: string;
  expected: string;
  answer: string;
  pass: boolean;
}

function chromiumPath(): string | undefined {
  if (process.env.SENSA_CHROMIUM) return process.env.SENSA_CHROMIUM;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return undefined; // Playwright's own
}

async function waitForApp(url: string, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function startPreview(): Promise<ChildProcess | null> {
  if (process.env.SENSA_URL || (await waitForApp(APP_URL, 500))) return null;
  // Its own process group, so stopping it stops vite under npx too.
  const preview = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], { cwd: ROOT, stdio: 'ignore', detached: true });
  if (!(await waitForApp(APP_URL, 60_000))) {
    stopPreview(preview);
    throw new Error(`vite preview did not answer at ${APP_URL}`);
  }
  return preview;
}

function stopPreview(preview: ChildProcess | null): void {
  if (preview?.pid) process.kill(-preview.pid, 'SIGTERM');
}

async function probeAdapter(browser: Browser): Promise<AdapterReport> {
  const page = await browser.newPage();
  try {
    await page.goto(APP_URL);
    return await readAdapter(page);
  } finally {
    await page.close();
  }
}

/** Loads one model at one variant (or Auto) in a fresh profile and asks its question. */
async function runOne(browser: Browser, probe: Probe, variant: Dtype | 'auto'): Promise<Outcome> {
  const context = await browser.newContext({ baseURL: APP_URL, serviceWorkers: 'block' });
  const appOrigin = new URL(APP_URL).origin;
  // Nothing leaves the machine: the app and the fake Hub answer everything, anything else is refused.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    return url.startsWith(appOrigin) || url.startsWith('data:') || url.startsWith('blob:') ? route.fallback() : route.abort('blockedbyclient');
  });
  await new FakeHub().install(context);
  const outcome: Outcome = { model: probe.name, variant, ranAs: '', expected: probe.expected, answer: '', pass: false };
  let chat: ChatPage | null = null;
  try {
    chat = new ChatPage(await context.newPage());
    await chat.open();
    await chat.pickModel(probe.name);
    if (variant !== 'auto') {
      const panel = chat.page.getByRole('region', { name: 'Model' });
      await panel.getByRole('button', { name: /^Variant/ }).click();
      await panel.getByRole('radio', { name: variant, exact: true }).check();
    }
    await chat.loadButton.click();
    await expect(chat.modelStatus).toContainText('ready', { timeout: STEP_TIMEOUT_MS });
    outcome.ranAs = ((await chat.modelStatus.textContent()) ?? '').trim();
    if (probe.thinkingOff) await chat.page.getByLabel('Think first').uncheck();
    if (probe.attach) await chat.attach(mediaFixturePath(probe.attach));
    await chat.send(probe.prompt);
    await expect(chat.lastAnswer()).toHaveAttribute('data-status', /done|stopped|error/, { timeout: STEP_TIMEOUT_MS });
    outcome.answer = ((await chat.lastAnswer().getByTestId('answer').textContent()) ?? '').trim();
    const wanted = variant === 'auto' ? null : `${variant} on WebGPU`;
    outcome.pass = outcome.answer === probe.expected && (wanted === null || outcome.ranAs.includes(wanted));
  } catch (error) {
    // What the panel said when it went wrong (a load error, a status stuck at downloading) says more than the timeout.
    const said = chat ? await Promise.all([chat.modelStatus.textContent({ timeout: 1000 }), chat.loadError.allTextContents()]).catch(() => []) : [];
    if (process.env.SENSA_GPU_DEBUG && chat) await chat.page.screenshot({ path: process.env.SENSA_GPU_DEBUG });
    const panel = said.flat().filter(Boolean).join(' / ');
    outcome.answer = `error: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}${panel ? ` (panel: ${panel})` : ''}`;
  } finally {
    await context.close();
  }
  return outcome;
}

/** Whether this build's model panel has the variant picker (see the header). */
async function hasVariantPicker(browser: Browser): Promise<boolean> {
  const context = await browser.newContext({ baseURL: APP_URL, serviceWorkers: 'block' });
  try {
    const chat = new ChatPage(await context.newPage());
    await chat.open();
    return (await chat.page.getByRole('region', { name: 'Model' }).getByRole('button', { name: /^Variant/ }).count()) > 0;
  } finally {
    await context.close();
  }
}

function table(rows: readonly Outcome[]): string {
  const cells = [['model', 'variant', 'ran as', 'expected', 'answer', ''], ...rows.map((r) => [r.model, r.variant, r.ranAs, r.expected, r.answer, r.pass ? 'PASS' : 'FAIL'])];
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)));
  return cells.map((c) => c.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const withoutF16 = argv.includes('--without-f16');
  const only = argv.includes('--model') ? argv[argv.indexOf('--model') + 1] : undefined;
  if (!existsSync(join(ROOT, 'dist/index.html')) && !process.env.SENSA_URL) {
    console.log('No build: run `npm run build` (and `npm run fixtures`) first.');
    return 2;
  }
  if (!existsSync(FIXTURE_ROOT)) {
    console.log('No fixtures: run `npm run fixtures` first.');
    return 2;
  }
  const probes = PROBES.filter((p) => !only || p.name === only);
  if (probes.length === 0) {
    console.log(`No fixture chat model named ${only}; there are: ${PROBES.map((p) => p.name).join(', ')}`);
    return 2;
  }

  const preview = await startPreview();
  const executablePath = chromiumPath();
  const args = gpuArgs();
  const browser = await chromium.launch({ headless: true, ...(executablePath ? { executablePath } : {}), args });
  try {
    console.log(`Chromium: ${executablePath ?? "Playwright's"} ${browser.version()}`);
    console.log(`Flags: ${args.join(' ')}`);
    const adapter = await probeAdapter(browser);
    console.log(`Adapter: ${adapter.adapter ?? 'none (WebGPU offers no adapter)'}${adapter.fallback ? ' (fallback adapter)' : ''}`);
    console.log(`shader-f16: ${adapter.shaderF16 ? 'yes' : 'no'}`);
    if (adapter.adapter) console.log(`Features: ${adapter.features.join(', ') || 'none'}; maxBufferSize ${adapter.maxBufferSize}`);
    if (!adapter.shaderF16 && !withoutF16) {
      console.log(
        'FAIL: this adapter has no shader-f16, so the q4f16 and fp16 variants cannot run on it. ' +
          (adapter.adapter ? 'A software or older adapter (SwiftShader, some integrated GPUs) lacks it.' : 'Check the GPU driver and the Vulkan flags (SENSA_GPU_ARGS).'),
      );
      return 1;
    }

    const picker = await hasVariantPicker(browser);
    console.log(picker ? 'Variant: chosen with the model panel\'s variant picker.' : 'Variant: this build has no variant picker; Auto chooses (q4f16 with shader-f16), fp16 is not run.');
    const outcomes: Outcome[] = [];
    for (const probe of probes) {
      const spec = CHAT_MODELS.find((m) => m.repo === probe.repo);
      const variants: (Dtype | 'auto')[] = withoutF16 || !picker ? ['auto'] : (['q4f16', 'fp16'] as const).filter((d) => spec?.dtypes[d]);
      for (const variant of variants) {
        const outcome = await runOne(browser, probe, variant);
        // Auto on a shader-f16 adapter must have chosen q4f16; say which it was.
        if (variant === 'auto' && !withoutF16) outcome.pass &&= outcome.ranAs.includes('q4f16 on WebGPU');
        console.log(`${outcome.pass ? 'PASS' : 'FAIL'} ${outcome.model} ${outcome.variant}: ${outcome.answer}`);
        outcomes.push(outcome);
      }
      if (!picker && !withoutF16 && spec?.dtypes.fp16) console.log(`not run: ${probe.name} fp16 (no variant picker in this build)`);
    }
    console.log('');
    console.log(table(outcomes));
    const failed = outcomes.filter((o) => !o.pass).length;
    console.log(failed ? `${failed} of ${outcomes.length} runs failed.` : `All ${outcomes.length} runs answered as the oracle says.`);
    return failed ? 1 : 0;
  } finally {
    await browser.close();
    stopPreview(preview);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
