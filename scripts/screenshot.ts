// Takes the README's screenshots: the production build in Chromium, a tiny fixture model, desktop light and phone dark.

import { chromium, type BrowserContext } from '@playwright/test';
import { existsSync } from 'node:fs';
import { FakeHub } from '../e2e/fixtures/hub';
import { mediaFixturePath } from '../e2e/fixtures/media/index';

const BASE = process.env.SENSA_URL ?? 'http://127.0.0.1:4173';
const executablePath = process.env.SENSA_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

async function chatIn(context: BrowserContext, theme: 'light' | 'dark', file: string) {
  await new FakeHub().install(context);
  const page = await context.newPage();
  await page.goto(BASE);
  await page.evaluate((t) => localStorage.setItem('sensa.preferences', JSON.stringify({ theme: t })), theme);
  await page.reload();
  await page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'Qwen3 0.6B' });
  await page.getByRole('button', { name: 'Load model' }).click();
  await page.getByRole('region', { name: 'Model' }).getByRole('status').filter({ hasText: 'ready' }).waitFor({ timeout: 120_000 });
  await page.getByRole('textbox', { name: 'Message' }).fill('Which fruit did I mention most: apple, banana, apple?');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('[data-status="done"]').waitFor({ timeout: 120_000 });
  await page.locator('details.thinking').evaluate((d) => ((d as HTMLDetailsElement).open = true));
  await page.screenshot({ path: file });
}

/** Gemma with a picture sent and answered, and a voice memo waiting in the composer. */
async function multimodalIn(context: BrowserContext, file: string) {
  await new FakeHub().install(context);
  const page = await context.newPage();
  await page.goto(BASE);
  await page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'Gemma 4 E2B' });
  await page.getByRole('button', { name: 'Load model' }).click();
  await page.getByRole('region', { name: 'Model' }).getByRole('status').filter({ hasText: 'ready' }).waitFor({ timeout: 120_000 });
  await page.getByLabel('Attach files').setInputFiles([mediaFixturePath('green-red-60-40.png'), mediaFixturePath('blue-red-60-40.png')]);
  await page.locator('[data-status="ready"]').nth(1).waitFor();
  await page.getByRole('textbox', { name: 'Message' }).fill('Which colour covers the most, over both pictures?');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('article[data-status="done"]').waitFor({ timeout: 120_000 });
  await page.getByLabel('Attach files').setInputFiles([mediaFixturePath('low-220hz-2s.wav')]);
  await page.locator('li[data-status="ready"]').waitFor();
  await page.getByRole('textbox', { name: 'Message' }).fill('And what do you hear?');
  await page.screenshot({ path: file });
}

/** The model panel with the variant list open, on a GPU without shader-f16 (SwiftShader), a non-default variant chosen. */
async function variantPickerIn(context: BrowserContext, file: string) {
  await new FakeHub().install(context);
  const page = await context.newPage();
  await page.goto(BASE);
  const panel = page.getByRole('region', { name: 'Model' });
  await panel.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'Llama 3.2 1B Instruct' });
  await panel.getByRole('button', { name: /^Variant:/ }).click();
  await panel.getByRole('radio', { name: 'q8', exact: true }).check();
  await panel.screenshot({ path: file });
}

// `npm run screenshot -- variant-picker` takes just that one.
const only = process.argv[2];
const browser = await chromium.launch({
  ...(executablePath ? { executablePath } : {}),
  args: ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const shots: Record<string, () => Promise<void>> = {
  desktop: async () => chatIn(await browser.newContext({ viewport: { width: 1180, height: 760 } }), 'light', 'docs/screenshot-desktop.png'),
  phone: async () => chatIn(await browser.newContext({ viewport: { width: 390, height: 780 }, deviceScaleFactor: 2 }), 'dark', 'docs/screenshot-phone.png'),
  multimodal: async () => multimodalIn(await browser.newContext({ viewport: { width: 1180, height: 760 } }), 'docs/screenshot-multimodal.png'),
  'variant-picker': async () => variantPickerIn(await browser.newContext({ viewport: { width: 1180, height: 900 } }), 'docs/screenshot-variant-picker.png'),
};
for (const [name, take] of Object.entries(shots)) {
  if (only && only !== name) continue;
  await take();
  console.log(`wrote the ${name} screenshot`);
}
await browser.close();
