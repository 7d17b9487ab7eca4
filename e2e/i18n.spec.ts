// The UI in the person's language: Arabic lays out right to left with nothing left in English, the language changes
// at run time without a reload, axe passes in Arabic and Japanese. No model loads: the views a first visit shows.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/test';

const LOCALES = join(import.meta.dirname, '../src/i18n/locales');

function flatten(tree: Record<string, unknown>, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else if (value && typeof value === 'object') flatten(value as Record<string, unknown>, `${prefix}${key}.`, out);
  }
  return out;
}

function messages(language: string): Map<string, string> {
  const all = new Map<string, string>();
  for (const file of readdirSync(join(LOCALES, language)).filter((f) => f.endsWith('.json'))) {
    const ns = file.replace(/\.json$/, '');
    for (const [key, value] of flatten(JSON.parse(readFileSync(join(LOCALES, language, file), 'utf8')) as Record<string, unknown>)) all.set(`${ns}:${key}`, value);
  }
  return all;
}

/**
 * English message values that must not be seen in `language`: those the language words differently, without
 * placeholders (a filled-in message cannot be matched as written), and long enough to be words, not "Top-p".
 */
function englishOnly(language: string): string[] {
  const english = messages('en');
  const translated = messages(language);
  const plural = /_(zero|one|two|few|many|other)$/;
  return [...english]
    .filter(([key, value]) => !value.includes('{{') && value.length >= 4 && ![...translated].some(([k, v]) => k.replace(plural, '') === key.replace(plural, '') && v === value))
    .map(([, value]) => value);
}

/**
 * English messages with placeholders that `language` words differently, as patterns of a whole text ("Running on the
 * CPU (WASM), which is slower." with any WebGPU problem before it): words built in .ts logic (a variant's reason, the
 * fit line) are filled-in messages, which englishOnly cannot match as written. Only those with enough words of their
 * own to be unmistakable.
 */
function englishTemplates(language: string): string[] {
  const english = messages('en');
  const translated = messages(language);
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [...english]
    .filter(([key, value]) => value.includes('{{') && value.replace(/\{\{\w+\}\}/g, '').replace(/[^\p{L}]/gu, '').length >= 16 && translated.get(key) !== value)
    .map(([, value]) => `^${value.split(/\{\{\w+\}\}/).map(escape).join('[^]*')}$`);
}

/** Every text node and user-facing attribute on the page that is, or holds, an English message. */
async function englishOnPage(page: Page, values: string[], templates: string[] = []): Promise<string[]> {
  return page.evaluate(({ values, templates }) => {
    const seen: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    // What a person can see: a closed dialog's words (the captions tool's, not yet translated) are not on screen.
    const shown = (el: Element | null) => !!el && el.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.textContent?.trim() && shown(node.parentElement)) seen.push(node.textContent.trim());
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt], optgroup[label]')) {
      if (!shown(el) && el.tagName !== 'OPTGROUP') continue;
      for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'label']) {
        const v = el.getAttribute(name);
        if (v) seen.push(v.trim());
      }
    }
    // A whole string that is an English message, or a long English message inside a longer string; or a whole string
    // that is a filled-in English message.
    const patterns = templates.map((t) => new RegExp(t, 'u'));
    return [
      ...values.filter((value) => seen.some((text) => text === value || (value.length >= 16 && text.includes(value)))),
      ...seen.filter((text) => patterns.some((p) => p.test(text))),
    ];
  }, { values, templates });
}

/** The main views of a first visit: chat, model picker, chat list, and every settings panel opened. */
async function openEverything(page: Page): Promise<void> {
  await expect(page.locator('details.generation-settings')).toHaveCount(3);
  await expect(page.locator('details.storage')).toHaveCount(1);
  await page.locator('details').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.describe('in Arabic, from the browser’s language', () => {
  test.use({ locale: 'ar-EG' });

  // @once, run on WASM only: the words and the layout do not depend on the device.
  test('the app is right to left, nothing English is left in the main views, and axe passes', { tag: '@once' }, async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(page.locator('header').getByRole('button', { name: 'محادثة جديدة', exact: true })).toBeVisible();
    await openEverything(page);
    // Words built in .ts logic too: the model's summary (catalog data), the WebGPU notice (the WASM project has none) and
    // the variant's reason that repeats it, the fit line; no model is loaded for them.
    const ar = messages('ar');
    const summaries = [...ar].filter(([key]) => key.startsWith('catalog:')).map(([, value]) => value);
    await expect.poll(async () => summaries.includes((await page.getByTestId('model-summary').textContent()) ?? '')).toBe(true);
    // Chromium with --disable-webgpu has no navigator.gpu, or one without an adapter.
    const problem = new RegExp([ar.get('models:webgpu.absent'), ar.get('models:webgpu.noAdapter')].map((p) => (p ?? 'missing').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
    await expect(page.locator('.notice[role=note]')).toContainText(problem);
    await expect(page.locator('.model-reason')).toContainText(problem);
    expect(await englishOnPage(page, englishOnly('ar'), englishTemplates('ar'))).toEqual([]);
    // The chat list is on the right and the conversation to its left.
    const sidebar = await page.locator('aside.sidebar').boundingBox();
    const main = await page.locator('main').boundingBox();
    expect(sidebar && main && sidebar.x > main.x).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
  });
});

// @once: as above.
test('switching the language in the top bar changes the UI at once, without a reload, and is remembered', { tag: '@once' }, async ({ page }) => {
  await page.goto('/');
  const newChat = (name: string) => page.locator('header').getByRole('button', { name, exact: true });
  await expect(newChat('New chat')).toBeVisible();
  await page.evaluate(() => ((window as { stillHere?: boolean }).stillHere = true));
  await page.getByLabel('Language').selectOption('es');
  await expect(newChat('Nuevo chat')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await page.getByLabel('Idioma').selectOption('ja');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(newChat('新しいチャット')).toBeVisible();
  expect(await page.evaluate(() => (window as { stillHere?: boolean }).stillHere)).toBe(true);
  await openEverything(page);
  expect(await seriousViolations(page)).toEqual([]);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await page.getByLabel('言語').selectOption('');
  await expect(newChat('New chat')).toBeVisible();
});

// Screenshots for docs/i18n/: only when asked (SENSA_I18N_SCREENSHOTS=1), so CI never writes into docs.
test('a screenshot of each language', { tag: '@once' }, async ({ page }) => {
  test.skip(!process.env.SENSA_I18N_SCREENSHOTS, 'set SENSA_I18N_SCREENSHOTS=1 to write docs/i18n/<lng>.png');
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const language of readdirSync(LOCALES)) {
    await page.goto('/');
    await page.evaluate((l) => localStorage.setItem('sensa.language', l), language);
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await expect(page.locator('details.storage')).toHaveCount(1);
    await page.screenshot({ path: join(import.meta.dirname, `../docs/i18n/${language}.png`), type: 'png', scale: 'css' });
  }
});
