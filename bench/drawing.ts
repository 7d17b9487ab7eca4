// The bench's drawing rows (issue 19): time per picture and image tokens per second, the app (driven through its
// composer: "Draw a red square" and the Draw button, as e2e/drawing.spec.ts does) next to the bare page calling
// transformers.js' `generate_images` on the same Janus-Pro replica (e2e/fixtures/janus: the oracle's 16 image tokens
// per 64 x 64 picture, so the figures are the pipeline's, not the real model's 576 tokens).
//
// Each side draws with the same seed (the app's, read from the picture's Seed field): the PNGs must be byte-identical,
// which says both ran the same model, variant and sampling.

import type { BrowserContext, Page } from '@playwright/test';
import { AppDriver, type ProbeDraw } from './app-driver';
import type { BareBench, BareDrawTiming, BareLoadTiming } from './bare/main';
import { BASE_URL } from './serve';
import { writeJanusFixture } from '../e2e/fixtures/janus/build';
import { REPOS } from '../e2e/fixtures/repos';
import catalog from '../src/models/catalog.json' with { type: 'json' };

export const DRAW_PROMPT = 'Draw a red square';
/** What the app sends the image model for DRAW_PROMPT (it drops the leading "Draw"), and what the bare page sends. */
const BARE_PROMPT = 'a red square';
/** The app's default guidance (src/chat/store/drawing-slice.ts DEFAULT_GUIDANCE: Janus' authors' cfg_weight). */
const GUIDANCE = 5;

export interface AppDrawing {
  /** Page clock: the Draw click -> the answer marked done (the picture is shown). */
  clickToDoneMs: number;
  seed: number;
  sha256: string;
  engine: ProbeDraw;
}

export interface DrawingFigures {
  /** The app's variant on WASM (catalog: the one without a device restriction) and its per-session dtypes. */
  variant: string;
  sessions: Record<string, string>;
  /** Picture 1 includes loading the image model (the app loads it on first use). */
  app: AppDrawing[];
  bareLoad: BareLoadTiming;
  bare: BareDrawTiming[];
}

/** Writes the Janus oracle beside the bench model, so the bench's fake Hub serves it. */
export function writeDrawingFixture(hubDir: string): void {
  writeJanusFixture(hubDir, REPOS.janus);
}

/** The catalog's WASM variant of the image model: what the app asks for on the CPU. */
function wasmVariant(): { variant: string; sessions: Record<string, string> } {
  const entry = catalog.models.find((m) => m.repo === REPOS.janus) as unknown as { dtypes: Record<string, { sessions?: Record<string, string>; devices?: string[] }> } | undefined;
  const found = Object.entries(entry?.dtypes ?? {}).find(([, d]) => !d.devices || d.devices.includes('wasm'));
  if (!found?.[1].sessions) throw new Error(`catalog.json has no WASM variant with sessions for ${REPOS.janus}`);
  return { variant: found[0], sessions: found[1].sessions };
}

/** Types the prompt, clicks Draw (timed in the page), waits for answer n to be done and reads its seed and PNG hash. */
async function appDraw(page: Page, n: number): Promise<AppDrawing> {
  await page.getByRole('textbox', { name: 'Message' }).fill(DRAW_PROMPT);
  const clickedAt = await page.getByRole('button', { name: 'Draw', exact: true }).evaluate((button: HTMLElement) => {
    const at = performance.now();
    button.click();
    return at;
  });
  const answer = page.getByRole('article', { name: 'Sensa drew' }).nth(n - 1);
  await answer.and(page.locator('[data-status="done"]')).waitFor({ timeout: 300_000 });
  const doneAt = await page.evaluate(() => performance.now());
  const src = await answer.getByRole('img').first().getAttribute('src');
  if (!src) throw new Error('the drawn picture has no source');
  const sha256 = await page.evaluate(async (url) => {
    const digest = await crypto.subtle.digest('SHA-256', await (await fetch(url)).arrayBuffer());
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }, src);
  const seed = Number(await answer.getByLabel('Seed').inputValue());
  const engine = await page.evaluate((i) => (window as unknown as { __benchProbe: { draws: ProbeDraw[] } }).__benchProbe.draws[i] ?? null, n - 1);
  if (!engine) throw new Error(`the worker's result for picture ${n} was not seen`);
  return { clickToDoneMs: doneAt - clickedAt, seed, sha256, engine };
}

/**
 * `pictures` drawings on each side, in two browsers (WASM) the caller launched: the app first (picture 1 loads the
 * image model), then the bare page loads the same variant and draws with the app's seeds.
 */
export async function measureDrawing(appContext: BrowserContext, bareContext: BrowserContext, pictures: number, threads: number | null): Promise<DrawingFigures> {
  const { variant, sessions } = wasmVariant();
  const app = await AppDriver.open(appContext);
  const drawn: AppDrawing[] = [];
  for (let n = 1; n <= pictures; n++) drawn.push(await appDraw(app.page, n));

  const bare = bareContext.pages()[0] ?? (await bareContext.newPage());
  await bare.goto(`${BASE_URL}/bare/`);
  await bare.waitForFunction(() => 'bareBench' in window);
  const bareLoad = await bare.evaluate(
    ([s, t]) => (window as unknown as { bareBench: BareBench }).bareBench.loadPainter('wasm', s, t ?? undefined),
    [sessions, threads] as const,
  );
  const bareDrawn: BareDrawTiming[] = [];
  for (const a of drawn) {
    bareDrawn.push(
      await bare.evaluate(([p, seed, g]) => (window as unknown as { bareBench: BareBench }).bareBench.draw(p, seed, g), [BARE_PROMPT, a.seed, GUIDANCE] as const),
    );
  }
  return { variant, sessions, app: drawn, bareLoad, bare: bareDrawn };
}
