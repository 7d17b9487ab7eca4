// The recommendation for this device on SwiftShader: the first-run suggestion in the empty conversation (the message
// box stays on a phone's screen), the guide that measures the GPU when opened, its tiers, reasons and filters, and the
// figure remembered across a reload instead of measured again.

import catalog from '../src/models/catalog.json' with { type: 'json' };
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures/test';

// An entry without a task is a chat model (src/models/catalog.ts).
const CHAT = catalog.models.filter((m) => !('task' in m) || m.task === 'chat');
const CHAT_NAMES = CHAT.map((m) => m.name);
const SHOTS = process.env.SENSA_SHOTS;

// @webgpu (playwright.config.ts): the micro-benchmark runs on the GPU adapter, SwiftShader here; no model loads.
test('suggests a model per need at phone width, and the guide measures this GPU once and sorts every model into a tier', { tag: '@webgpu' }, async ({ chat, page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await chat.open();
  const card = page.getByRole('region', { name: 'Suggested for this device' });
  await expect(card.getByTestId('model-suggestion').first()).toContainText(/^For chat/);
  await expect(chat.message).toBeInViewport();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/first-run-phone.png` });

  // Opening the guide runs the speed test; its figure is GFLOP/s on this adapter, and no tokens/s appears anywhere.
  await card.getByRole('button', { name: 'Measure speed and see all models' }).click();
  const guide = page.getByRole('dialog', { name: 'Models for this device' });
  const measured = guide.getByTestId('model-measured');
  await expect(measured).toContainText('GFLOP/s', { timeout: 30_000 });
  const adapter = await page.evaluate(async () => (await navigator.gpu.requestAdapter())?.info.description ?? '');
  if (adapter) await expect(measured).toContainText(adapter, { ignoreCase: true });
  const line = (await measured.textContent()) ?? '';
  const figure = line.match(/at ([\d.]+) GFLOP\/s/)?.[1];
  expect(Number(figure), 'the measured GFLOP/s').toBeGreaterThan(0);
  expect(await guide.textContent()).not.toMatch(/tokens\/s/);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/guide-phone.png` });

  // Every chat model of the catalog sits in exactly one tier, with its reason.
  const entries = guide.getByTestId('model-tier-entry');
  await expect(entries).toHaveCount(CHAT_NAMES.length);
  const names = await entries.locator('strong').allTextContents();
  expect([...names].sort()).toEqual([...CHAT_NAMES].sort());
  for (const reason of await entries.locator('.model-tier-reason').allTextContents()) expect(reason.length).toBeGreaterThan(10);
  // Where each catalog entry lands on this adapter, for the record (docs/models.md quotes it).
  for (const group of await guide.getByTestId('model-tier-group').all()) {
    console.log(`[tier] ${await group.getAttribute('aria-label')}: ${(await group.getByTestId('model-tier-entry').locator('strong').allTextContents()).join(', ')}`);
  }
  // SwiftShader's figure is far below reading pace: nothing that fits is promised to run well.
  await expect(guide.getByRole('region', { name: 'Runs well here' }).getByTestId('model-tier-entry')).toHaveCount(0);

  // The input filter leaves only models that take pictures.
  await guide.getByLabel('Takes').selectOption({ label: 'Takes pictures' });
  const pictureNames = CHAT.filter((m) => m.inputs.includes('image')).map((m) => m.name);
  const shown = await entries.locator('strong').allTextContents();
  expect(shown.length).toBeGreaterThan(0);
  for (const name of shown) expect(pictureNames).toContain(name);
  await guide.getByLabel('Takes').selectOption({ label: 'Any input' });

  // The chat suggestion is picked with its button (another model first, so that picking it changes something): the
  // guide closes and the picker holds it. The panel's own button opens the guide again.
  const chatSuggestion = guide.getByTestId('model-suggestion').filter({ hasText: /^For chat/ });
  const suggested = (await chatSuggestion.locator('strong').textContent()) ?? '';
  expect(CHAT_NAMES).toContain(suggested);
  await guide.getByRole('button', { name: 'Close' }).click();
  await chat.pickModel(CHAT_NAMES.find((name) => name !== suggested) ?? '');
  await page.getByRole('region', { name: 'Model' }).getByRole('button', { name: 'Models for this device' }).click();
  await chatSuggestion.getByRole('button', { name: `Pick ${suggested}` }).click();
  await expect(guide).toBeHidden();
  await expect(chat.modelSelect.locator('option:checked')).toHaveText(suggested);
  await expect(chat.message).toBeInViewport();

  // Measured once: after a reload the same figure comes back from storage, before any guide is opened.
  await page.reload();
  await expect(page.getByRole('region', { name: 'Suggested for this device' })).toContainText(`From ${figure} GFLOP/s measured here`);
  await page.getByRole('region', { name: 'Suggested for this device' }).getByRole('button', { name: 'All models for this device' }).click();
  await expect(page.getByRole('dialog', { name: 'Models for this device' }).getByTestId('model-measured')).toHaveText(line);
});

// @once (playwright.config.ts): the dialogs' DOM does not depend on the device; the WASM run's speed test is a few ms.
test('the model guide and the comparison dialog pass axe without serious violations, and Escape closes the guide', { tag: '@once' }, async ({ chat, page }) => {
  const scan = async (label: string) => {
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  };
  await chat.open();
  const suggestions = page.getByRole('region', { name: 'Suggested for this device' });
  await suggestions.getByRole('button', { name: 'Measure speed and see all models' }).click();
  const guide = page.getByRole('dialog', { name: 'Models for this device' });
  await expect(guide.getByTestId('model-measured')).toContainText('GFLOP/s');
  await scan('model guide');
  // Escape closes the dialog (the app's Esc shortcut stands aside while a modal is open).
  await page.keyboard.press('Escape');
  await expect(guide).toBeHidden();
  await page.getByRole('region', { name: 'Model' }).getByRole('button', { name: 'Compare two models' }).click();
  const compare = page.getByRole('dialog', { name: 'Compare two models' });
  await expect(compare).toBeVisible();
  await scan('model comparison');
});
