// Drives the real app the way a person does (model picker, Answer settings, Load, Send) and times it on the page's clock.
//
// Timing comes from two read-only observers installed before the app's scripts run (page.addInitScript):
//  - a MutationObserver on the document: when the model status line first says "ready", when the newest answer
//    first shows text, and when it is marked done;
//  - a listener on the app's model Worker (the Worker constructor is wrapped to add one 'message' listener):
//    when the first token event of a generate request reaches the UI thread, and the load/generate results with
//    the engine's own figures at full precision (the DOM shows them rounded). Nothing is sent to the worker;
//  - main-thread.ts' long-task, long-animation-frame and frame observers.
// When an answer is done its meta line's data attributes (data-tokens, data-prompt-tokens, data-reused-tokens, ...)
// are read too: the prompt figures come only from there.

import type { BrowserContext, Locator, Page } from '@playwright/test';
import { installMainThreadProbe, readWindow, startFrames, type MainThreadWindow } from './main-thread';
import type { SeedFile } from './seed';
import { BASE_URL } from './serve';

export const MODEL_NAME = 'Llama 3.2 1B Instruct';

export interface ProbeLoad {
  /** Page clock (ms since navigation start) when the status line first said "ready"; 0 if not yet. */
  readyAt: number;
  statusText: string;
  /** From the worker's load result. */
  engineLoadMs: number | null;
  downloadedFiles: number | null;
  device: string | null;
  dtype: string | null;
}

export interface ProbeAnswer {
  sentAt: number;
  firstTokenAt: number;
  firstTextAt: number;
  doneAt: number;
  resultAt: number;
  text: string | null;
  tokens: number | null;
  engineTimeToFirstTokenMs: number | null;
  engineTokensPerSecond: number | null;
  finishReason: string | null;
  /** The worker's count of vision/audio encoder runs for this answer (multimodal models only). */
  encoderRuns: { vision: number; audio: number } | null;
  metaText: string;
  /** The meta line's data-* figures (data-ttft-ms -> ttftMs, ...), as the page rendered them. */
  meta: Record<string, string>;
}

export interface StreamObservation {
  answer: ProbeAnswer;
  /** Send click -> first token: the person's message is added and the request goes out. */
  sending: MainThreadWindow;
  /** First token -> answer done in the DOM. */
  streaming: MainThreadWindow;
}

/** How long the imported conversation took to appear (page clock: click in the chat list -> all answers in the DOM, then one frame). */
export interface OpenTiming {
  ms: number;
  answers: number;
}

interface Probe {
  readyAt: number;
  statusText: string;
  load: { engineLoadMs: number; downloadedFiles: number; device: string; dtype: string } | null;
  answer: ProbeAnswer | null;
  answersBefore: number;
  /** Every `draw` result the image model sent, with the page-clock time it reached the UI thread. */
  draws: ProbeDraw[];
}

/** One drawing as the worker reported it (src/worker/protocol.ts DrawResult, less the PNGs). */
export interface ProbeDraw {
  at: number;
  ms: number;
  imageTokens: number;
  imageTokensPerSecond: number;
}

/** Runs in the page before the app; keep it self-contained (it is serialised by Playwright). */
function installProbe(): void {
  const probe: Probe = { readyAt: 0, statusText: '', load: null, answer: null, answersBefore: 0, draws: [] };
  (window as unknown as { __benchProbe: Probe }).__benchProbe = probe;

  const NativeWorker = window.Worker;
  class ObservedWorker extends NativeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      this.addEventListener('message', (event: MessageEvent<unknown>) => {
        const at = performance.now();
        const msg = event.data as { kind?: string; type?: string; result?: Record<string, unknown>; event?: Record<string, unknown> } | null;
        if (!msg || typeof msg !== 'object') return;
        if (msg.kind === 'load' && msg.type === 'result' && msg.result) {
          const r = msg.result;
          probe.load = { engineLoadMs: Number(r.loadMs), downloadedFiles: Number(r.downloadedFiles), device: String(r.device), dtype: String(r.dtype) };
        }
        if (msg.kind === 'draw' && msg.type === 'result' && msg.result) {
          const r = msg.result;
          probe.draws.push({ at, ms: Number(r.ms), imageTokens: Number(r.imageTokens), imageTokensPerSecond: Number(r.imageTokensPerSecond) });
        }
        const answer = probe.answer;
        if (!answer || msg.kind !== 'generate') return;
        if (msg.type === 'event' && msg.event && Number(msg.event.tokens) > 0 && !answer.firstTokenAt) answer.firstTokenAt = at;
        if (msg.type === 'result' && msg.result) {
          const r = msg.result;
          answer.resultAt = at;
          answer.text = String(r.text);
          answer.tokens = Number(r.tokens);
          answer.engineTimeToFirstTokenMs = Number(r.timeToFirstTokenMs);
          answer.engineTokensPerSecond = Number(r.tokensPerSecond);
          answer.finishReason = String(r.finishReason);
          const runs = r.encoderRuns as { vision?: unknown; audio?: unknown } | undefined;
          answer.encoderRuns = runs ? { vision: Number(runs.vision), audio: Number(runs.audio) } : null;
        }
      });
    }
  }
  window.Worker = ObservedWorker;

  const check = () => {
    if (!probe.readyAt) {
      const status = document.querySelector('section[aria-label="Model"] [role="status"]');
      const text = status?.textContent ?? '';
      if (text.includes('ready')) {
        probe.readyAt = performance.now();
        probe.statusText = text.trim();
      }
    }
    const answer = probe.answer;
    if (!answer || answer.doneAt) return;
    const articles = document.querySelectorAll('article[aria-label="Sensa answered"]');
    if (articles.length <= probe.answersBefore) return;
    const last = articles[articles.length - 1];
    if (!answer.firstTextAt && (last?.querySelector('[data-testid="answer"]')?.textContent ?? '').trim()) answer.firstTextAt = performance.now();
    const status = last?.getAttribute('data-status') ?? '';
    if (status === 'done' || status === 'stopped' || status === 'error') {
      answer.doneAt = performance.now();
      const meta = last?.querySelector<HTMLElement>('[data-testid="answer-meta"]');
      answer.metaText = meta?.textContent ?? '';
      answer.meta = Object.fromEntries(Object.entries(meta?.dataset ?? {}).filter((e): e is [string, string] => e[1] !== undefined));
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-status'] });
}

/** Arms the answer probe and clicks Send in the same task, so sentAt is the click. */
function armAndSend(button: HTMLElement): void {
  const probe = (window as unknown as { __benchProbe: Probe }).__benchProbe;
  probe.answersBefore = document.querySelectorAll('article[aria-label="Sensa answered"]').length;
  probe.answer = {
    sentAt: performance.now(),
    firstTokenAt: 0,
    firstTextAt: 0,
    doneAt: 0,
    resultAt: 0,
    text: null,
    tokens: null,
    engineTimeToFirstTokenMs: null,
    engineTokensPerSecond: null,
    finishReason: null,
    encoderRuns: null,
    metaText: '',
    meta: {},
  };
  button.click();
}

/** Parses "… · 64 tokens · first token 812 ms · 9.8 tok/s" for when the worker listener saw nothing. */
function parseMeta(meta: string): { tokens: number | null; ttftMs: number | null; tps: number | null } {
  const tokens = /(\d+) tokens/.exec(meta);
  const ttft = /first token ([\d.]+) (ms|s)/.exec(meta);
  const tps = /([\d.]+) tok\/s/.exec(meta);
  return {
    tokens: tokens ? Number(tokens[1]) : null,
    ttftMs: ttft ? Number(ttft[1]) * (ttft[2] === 's' ? 1000 : 1) : null,
    tps: tps ? Number(tps[1]) : null,
  };
}

export class AppDriver {
  readonly page: Page;
  private readonly panel: Locator;

  private constructor(page: Page) {
    this.page = page;
    this.panel = page.getByRole('region', { name: 'Model' });
  }

  static async open(context: BrowserContext): Promise<AppDriver> {
    // tsx compiles with keepNames, which wraps inner functions in __name(); give the page a no-op one.
    await context.addInitScript({ content: `var __name = (f) => f;\n(${installProbe.toString()})();\n(${installMainThreadProbe.toString()})();` });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${BASE_URL}/`);
    await page.getByRole('heading', { name: 'Sensa' }).waitFor();
    return new AppDriver(page);
  }

  /** Picks the benchmark model and sets its answer settings through the UI, before loading. */
  async prepare(settings: { temperature: number; maxNewTokens: number }): Promise<void> {
    await this.panel.getByLabel('Model', { exact: true }).selectOption({ label: MODEL_NAME });
    await this.setAnswerSettings(settings);
  }

  async setAnswerSettings(settings: { temperature?: number; maxNewTokens?: number }): Promise<void> {
    const settingsButton = this.panel.getByRole('button', { name: 'Model settings' });
    if (await settingsButton.isVisible()) await settingsButton.click();
    // The code settings share the look (and the class) of the answer settings.
    const details = this.panel.locator('details.generation-settings').filter({ hasText: 'Answer settings' });
    if ((await details.getAttribute('open')) === null) await this.panel.getByText('Answer settings').click();
    if (settings.temperature !== undefined) await this.panel.getByLabel('Temperature', { exact: true }).fill(String(settings.temperature));
    if (settings.maxNewTokens !== undefined) await this.panel.getByLabel('Max new tokens', { exact: true }).fill(String(settings.maxNewTokens));
    const done = this.panel.getByRole('button', { name: 'Done' });
    if (await done.isVisible()) await done.click();
  }

  /** Clicks Load model; returns click -> "ready" on the page clock plus the engine's own figures. */
  async loadCold(): Promise<ProbeLoad & { clickedAt: number }> {
    const clickedAt = await this.panel.getByRole('button', { name: 'Load model' }).evaluate((button: HTMLElement) => {
      const at = performance.now();
      button.click();
      return at;
    });
    return { ...(await this.waitReady()), clickedAt };
  }

  /** Leaves the app for about:blank, so its memory can be given back before the warm load is measured. */
  async leave(): Promise<void> {
    await this.page.goto('about:blank');
  }

  /** Opens the app again after leave(): it loads the last model by itself; ready time is from navigation start. */
  async loadWarm(): Promise<ProbeLoad> {
    await this.page.goto(`${BASE_URL}/`);
    return this.waitReady();
  }

  private async waitReady(): Promise<ProbeLoad> {
    const handle = await this.page.waitForFunction(
      () => {
        const p = (window as unknown as { __benchProbe: Probe }).__benchProbe;
        const failed = document.querySelector('section[aria-label="Model"] [role="alert"]');
        if (failed) return { error: failed.textContent ?? 'load failed' };
        return p.readyAt && p.load ? { readyAt: p.readyAt, statusText: p.statusText, load: p.load } : null;
      },
      undefined,
      { polling: 250, timeout: 600_000 },
    );
    const value = (await handle.jsonValue()) as { error?: string; readyAt: number; statusText: string; load: Probe['load'] };
    if (value.error) throw new Error(`app load failed: ${value.error}`);
    return {
      readyAt: value.readyAt,
      statusText: value.statusText,
      engineLoadMs: value.load?.engineLoadMs ?? null,
      downloadedFiles: value.load?.downloadedFiles ?? null,
      device: value.load?.device ?? null,
      dtype: value.load?.dtype ?? null,
    };
  }

  /**
   * Picks another catalog model in the picker, clicks Load model and waits for the worker's load result and a
   * status line that names it as ready (the probe's first-load marks are cleared first).
   */
  async loadModel(name: string): Promise<void> {
    await this.page.evaluate(() => {
      const p = (window as unknown as { __benchProbe: Probe }).__benchProbe;
      p.load = null;
      p.readyAt = 0;
    });
    await this.panel.getByLabel('Model', { exact: true }).selectOption({ label: name });
    await this.panel.getByRole('button', { name: 'Load model' }).click();
    const handle = await this.page.waitForFunction(
      (model) => {
        const failed = document.querySelector('section[aria-label="Model"] [role="alert"]');
        if (failed) return { error: failed.textContent ?? 'load failed' };
        const p = (window as unknown as { __benchProbe: Probe }).__benchProbe;
        const status = document.querySelector('section[aria-label="Model"] [role="status"]')?.textContent ?? '';
        return p.load && status.includes(model) && status.includes('ready') ? { error: null } : null;
      },
      name,
      { polling: 250, timeout: 600_000 },
    );
    const { error } = (await handle.jsonValue()) as { error: string | null };
    if (error) throw new Error(`app load of ${name} failed: ${error}`);
  }

  /** Attaches a picture through the composer's picker and waits until it is ready to send. */
  async attachPicture(file: { name: string; buffer: Buffer }): Promise<void> {
    await this.page.getByLabel('Attach files').setInputFiles({ name: file.name, mimeType: 'image/png', buffer: file.buffer });
    await this.page.getByRole('listitem', { name: `Attachment ${file.name}` }).and(this.page.locator('[data-status="ready"]')).waitFor({ timeout: 120_000 });
  }

  async newChat(): Promise<void> {
    await this.page.getByRole('banner').getByRole('button', { name: 'New chat', exact: true }).click();
  }

  /** Types the message, clicks Send, waits until the answer is done; all times on the page clock. */
  async send(text: string): Promise<ProbeAnswer> {
    await this.page.getByRole('textbox', { name: 'Message' }).fill(text);
    await this.page.getByRole('button', { name: 'Send' }).evaluate(armAndSend);
    const handle = await this.page.waitForFunction(
      () => {
        const a = (window as unknown as { __benchProbe: Probe }).__benchProbe.answer;
        return a && a.doneAt && (a.resultAt || performance.now() - a.doneAt > 1000) ? a : null;
      },
      undefined,
      { polling: 250, timeout: 600_000 },
    );
    const answer = (await handle.jsonValue()) as ProbeAnswer;
    if (answer.engineTokensPerSecond === null) {
      // The worker listener saw no result (protocol changed?): fall back to the meta line's figures.
      const meta = parseMeta(answer.metaText);
      const data = (key: string) => (answer.meta[key] !== undefined && answer.meta[key] !== '' ? Number(answer.meta[key]) : null);
      answer.tokens = data('tokens') ?? meta.tokens;
      answer.engineTimeToFirstTokenMs = data('ttftMs') ?? meta.ttftMs;
      answer.engineTokensPerSecond = data('tokensPerSecond') ?? meta.tps;
    }
    return answer;
  }

  /**
   * Attaches a document through the picker and asks about it: the page-clock time from choosing the file to the first
   * answer token, and the library's own reading and embedding rates for that document.
   */
  async attachDocumentAndAsk(file: { name: string; buffer: Buffer }, question: string): Promise<{ attachToFirstTokenMs: number; pagesPerSecond: number | null; chunksPerSecond: number | null; answer: ProbeAnswer }> {
    const chosenAt = await this.page.evaluate(() => performance.now());
    await this.page.getByLabel('Attach files').setInputFiles({ name: file.name, mimeType: 'application/pdf', buffer: file.buffer });
    await this.page.getByRole('listitem', { name: `Attachment ${file.name}` }).and(this.page.locator('[data-status="ready"]')).waitFor({ timeout: 600_000 });
    const answer = await this.send(question);
    await this.page.getByRole('button', { name: 'Library' }).click();
    const timings = this.page.getByRole('dialog', { name: 'Document library' }).getByTestId('document-timings').first();
    await timings.waitFor();
    const figure = async (name: string) => {
      const value = await timings.getAttribute(name);
      return value === null ? null : Number(value);
    };
    const rates = { pagesPerSecond: await figure('data-pages-per-second'), chunksPerSecond: await figure('data-chunks-per-second') };
    await this.page.getByRole('dialog', { name: 'Document library' }).getByRole('button', { name: 'Close' }).click();
    return { attachToFirstTokenMs: answer.firstTokenAt - chosenAt, ...rates, answer };
  }

  /** Like send(), while main-thread.ts records long tasks, long animation frames and frame gaps. */
  async sendObservingMainThread(text: string): Promise<StreamObservation> {
    await this.page.evaluate(startFrames);
    const answer = await this.send(text);
    // Long-task and long-animation-frame entries are delivered after their task; give the last ones time to arrive.
    await this.page.waitForTimeout(500);
    const streaming = await this.page.evaluate(readWindow, [answer.firstTokenAt, answer.doneAt] as const);
    const sending = await this.page.evaluate(readWindow, [answer.sentAt, answer.firstTokenAt] as const);
    return { answer, sending, streaming };
  }

  /** Imports a Sensa export through the chat list's Import…, as a person picks a file. */
  async importChats(file: SeedFile): Promise<void> {
    await this.page.getByLabel('Import chats').setInputFiles({ name: file.name, mimeType: file.mimeType, buffer: file.buffer });
    await this.page.getByRole('status').filter({ hasText: 'Imported 1 chat' }).waitFor({ timeout: 120_000 });
  }

  /** Opens a chat from the chat list and waits until all its answers are in the DOM, rendered, and a frame was drawn. */
  async openChat(title: string, answers: number): Promise<OpenTiming> {
    const button = this.page.getByRole('navigation', { name: 'Chat list' }).getByRole('button', { name: title, exact: true });
    const ms = await button.evaluate(
      (element: HTMLElement, count) =>
        new Promise<number>((resolve) => {
          const at = performance.now();
          const observer = new MutationObserver(() => {
            if (document.querySelectorAll('article[aria-label="Sensa answered"]').length < count) return;
            // Answers show as plain text until the Markdown renderer's chunk arrives; the chat is open once they are rendered.
            if (document.querySelector('.markdown.pending')) return;
            observer.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - at));
          });
          observer.observe(document.body, { childList: true, subtree: true });
          element.click();
        }),
      answers,
    );
    return { ms, answers };
  }
}
