// Firefox smoke run (issue 17): stock Firefox ESR, driven over WebDriver BiDi by puppeteer-core, because Playwright's
// own Firefox build cannot be downloaded here. Firefox offers no WebGPU, so this is the path a Firefox user gets:
// the app says so, downloads a model, answers on WASM, takes a picture, reloads from IndexedDB and works offline.
//
// The steps share one browser and one profile and run in order: each is a separate test so a failure names its step,
// and a later step is skipped once an earlier one failed (its state would be missing).

import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeHub, FIXTURE_ROOT, HUB_ORIGIN } from '../fixtures/hub';
import { mediaFixturePath } from '../fixtures/media/index';
import { MODEL_NAMES, REPOS } from '../fixtures/repos';
import { smolVlmImageAnswer } from '../fixtures/smolvlm/oracle';
import { firefoxExecutable } from './firefox';

const PORT = Number(process.env.SENSA_PORT ?? 4173) + 2;
const APP = `http://127.0.0.1:${PORT}`;
const executable = firefoxExecutable();

/** Every request the page or its workers made, by where it went; anything but the app and the fake Hub is refused. */
const requests = { hub: [] as string[], app: [] as string[], elsewhere: [] as string[] };
let server: PreviewServer | null = null;
let browser: Browser;
let page: Page;
let profile: string;
let failed = false;

async function startApp(): Promise<void> {
  // The production build under Vite's preview server: the same headers (COOP/COEP, CSP) as `npm start`.
  server = await preview({ preview: { port: PORT, strictPort: true, host: '127.0.0.1' }, logLevel: 'warn' });
}

async function stopApp(): Promise<void> {
  await new Promise<void>((done) => server?.httpServer.close(() => done()) ?? done());
  server = null;
}

/**
 * The model panel's status line. Not every role=status: the top bar's "offline ready" badge appears as soon as the
 * model's files are stored, which can be a moment before the model is ready.
 */
async function statusText(): Promise<string> {
  return page.$$eval('.model-status[role=status]', (nodes) => nodes.map((n) => n.textContent ?? '').join(' '));
}

async function waitReady(timeout = 150_000): Promise<void> {
  await page.waitForFunction(
    () => [...document.querySelectorAll('.model-status[role=status]')].some((n) => /ready/.test(n.textContent ?? '')),
    { timeout },
  );
}

/** The page's last console lines, for CI's log when a step goes wrong. */
const consoleLines: string[] = [];
function lastConsoleLines(): string {
  return consoleLines.slice(-30).join('\n');
}

/** Attaches a picture through the composer's file input and waits until the app has checked it. */
async function attach(file: string): Promise<void> {
  const input = await page.waitForSelector('input[type=file][aria-label="Attach files"]');
  await input!.uploadFile(file);
  const name = file.split('/').at(-1)!;
  await page.waitForFunction(
    (label) => {
      const item = document.querySelector(`li[aria-label="Attachment ${label}"]`);
      return item !== null && item.getAttribute('data-status') !== 'preparing';
    },
    { timeout: 30_000 },
    name,
  );
}

/** Sends a message and returns the finished answer's text. */
async function ask(text: string): Promise<string> {
  const before = await page.$$eval('[data-testid=answer]', (nodes) => nodes.length);
  const box = await page.waitForSelector('::-p-aria([name="Message"][role="textbox"])');
  await box!.type(text);
  await (await page.waitForSelector('::-p-aria([name="Send"][role="button"])'))!.click();
  await page.waitForFunction(
    (count) => {
      const articles = [...document.querySelectorAll('article[aria-label="Sensa answered"]')];
      return articles.length > count && /done|error|stopped/.test(articles.at(-1)?.getAttribute('data-status') ?? '');
    },
    { timeout: 150_000 },
    before,
  );
  return page.$$eval('[data-testid=answer]', (nodes) => nodes.at(-1)?.textContent?.trim() ?? '');
}

describe.skipIf(executable === null)('Firefox ESR smoke run (WASM)', () => {
  beforeAll(async () => {
    await startApp();
    profile = mkdtempSync(join(tmpdir(), 'sensa-firefox-'));
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: executable!,
      headless: true,
      protocol: 'webDriverBiDi',
      userDataDir: profile,
      // A fake microphone (a tone), granted without a prompt (for a voice-mode step: session 10's never passed; see docs/browsers.md).
      extraPrefsFirefox: { 'browser.cache.disk.enable': false, 'media.navigator.streams.fake': true, 'media.navigator.permission.disabled': true },
    });
    page = await browser.newPage();
    page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
    await page.setViewport({ width: 1000, height: 800 });
    const hub = new FakeHub(FIXTURE_ROOT);
    await page.setRequestInterception(true);
    // BiDi interception sees the workers' requests too (the model files are fetched by the model worker).
    page.on('request', (request) => {
      const url = request.url();
      void (async () => {
        if (url.startsWith(`${HUB_ORIGIN}/`)) {
          requests.hub.push(url);
          const answer = await hub.answer({ url, method: request.method(), range: request.headers().range ?? null });
          if ('abort' in answer) return request.abort();
          return request.respond({ status: answer.status, headers: answer.headers, body: answer.body });
        }
        if (url.startsWith(APP)) {
          requests.app.push(url);
          return request.continue();
        }
        if (/^(blob|data):/.test(url)) return request.continue();
        requests.elsewhere.push(url);
        return request.abort();
      })().catch((error: unknown) => console.error('request handler', url, error));
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stopApp();
    if (profile && existsSync(profile)) rmSync(profile, { recursive: true, force: true });
  });

  beforeEach((context) => {
    if (failed) context.skip();
    context.onTestFailed(async () => {
      failed = true;
      // What the page showed, for the person reading CI's log.
      mkdirSync('reports', { recursive: true });
      await page?.screenshot({ path: 'reports/firefox-failed.png' }).catch(() => undefined);
      console.error('Firefox smoke: the page said:', (await page?.evaluate(() => document.body.innerText).catch(() => ''))?.slice(0, 2000));
      console.error('Firefox smoke: its last console lines:\n' + lastConsoleLines());
    });
  });

  it('first load: the app starts, says Firefox has no WebGPU and offers the CPU', async () => {
    await page.goto(`${APP}/`);
    await page.waitForSelector('::-p-aria([name="Sensa"][role="heading"])');
    expect(await page.evaluate(() => 'gpu' in navigator)).toBe(false);
    expect(await page.evaluate(() => document.body.textContent)).toContain('This browser does not offer WebGPU');
    // Cross-origin isolated, so ONNX Runtime may use threads in Firefox too.
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  });

  it('a model downloads from the Hub and answers about a picture on WASM', async () => {
    await page.select('::-p-aria([name="Model"][role="combobox"])', await optionValue(MODEL_NAMES.smolvlm));
    await (await page.waitForSelector('::-p-aria([name="Load model"][role="button"])'))!.click();
    await waitReady();
    expect(await statusText()).toMatch(/CPU \(WASM\)/);
    expect(requests.hub.some((url) => url.includes(`${REPOS.smolvlm}/`) && url.includes('vision_encoder'))).toBe(true);
    await attach(mediaFixturePath('red-64.png'));
    expect(await ask('What colour is this?')).toBe(smolVlmImageAnswer('red'));
  });

  it('after a reload the model comes from IndexedDB, with no request to the Hub', async () => {
    const hubBefore = requests.hub.length;
    await page.reload();
    // The app loads the model it had again by itself, from this browser's copy.
    await waitReady();
    expect(await statusText()).toMatch(/SmolVLM 256M Instruct ready .*from this device’s cache/);
    expect(requests.hub.slice(hubBefore)).toEqual([]);
    await attach(mediaFixturePath('blue-64.png'));
    expect(await ask('And this one?')).toBe(smolVlmImageAnswer('blue'));
  });

  it('offline after the first visit: with the server gone, the service worker serves the app and the model still answers', async () => {
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, { timeout: 30_000 });
    await stopApp();
    const hubBefore = requests.hub.length;
    await page.reload();
    await page.waitForSelector('::-p-aria([name="Sensa"][role="heading"])');
    try {
      await waitReady(60_000);
    } catch {
      // Known, not yet explained: in 1 of 5 runs on 2026-12-03 (right after the whole Playwright suite; 0 of 4 alone)
      // the offline load stayed at "Downloading … 100%" and never became ready. Until it is found (docs/browsers.md),
      // the step reloads once, and says so here with what the page had logged; a second hang fails the step.
      console.error(`Firefox smoke: offline load not ready after 60 s (status: ${await statusText()}); reloading once. Console:\n${lastConsoleLines()}`);
      await page.reload();
      await page.waitForSelector('::-p-aria([name="Sensa"][role="heading"])');
      await waitReady(100_000);
    }
    await attach(mediaFixturePath('red-64.png'));
    expect(await ask('Once more?')).toBe(smolVlmImageAnswer('red'));
    expect(requests.hub.slice(hubBefore)).toEqual([]);
  }, 300_000);

  it('nothing was requested from anywhere but the app and the Hub', () => {
    expect(requests.elsewhere).toEqual([]);
  });
});

/** The <option> value of a model, by the name the picker shows. */
async function optionValue(name: string): Promise<string> {
  const value = await page.$$eval(
    'select option',
    (options, label) => options.find((o) => o.textContent === label)?.value ?? null,
    name,
  );
  if (value === null) throw new Error(`the model picker has no ${name}`);
  return value;
}
