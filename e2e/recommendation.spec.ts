// The recommendation for this device: the picker grouped by tier from a matmul measured on this GPU, the selected
// model's reason, the first-run suggestion per need, the filter, and the figure remembered across a reload.

import catalog from '../src/models/catalog.json' with { type: 'json' };
import { test, expect } from './fixtures/test';
import { MODEL_NAMES } from './fixtures/repos';

const TIERS = ['Runs well here', 'Runs, slowly', 'Too big for this device'];
// An entry without a task is a chat model (src/models/catalog.ts).
const CHAT_NAMES = catalog.models.filter((m) => !('task' in m) || m.task === 'chat').map((m) => m.name);

// @webgpu (playwright.config.ts): the micro-benchmark runs on the GPU adapter, SwiftShader here; no model loads.
test('suggests a model per need and groups the picker by tier from a matmul measured on this GPU', { tag: '@webgpu' }, async ({ chat, page }) => {
  await chat.open();
  const adapter = await page.evaluate(async () => (await navigator.gpu.requestAdapter())?.info.description ?? '');
  const suggestions = page.getByRole('region', { name: 'Suggested for this device' });
  const measured = suggestions.getByTestId('model-measured');
  await expect(measured).toContainText('GFLOP/s');
  if (adapter) await expect(measured).toContainText(adapter);
  const figure = (await measured.textContent())?.match(/at ([\d.]+) GFLOP\/s/)?.[1];
  expect(Number(figure), 'the measured GFLOP/s').toBeGreaterThan(0);

  // Every chat model of the catalog sits in exactly one tier group, labels unchanged.
  const groups = async () =>
    chat.modelSelect.evaluate((select: HTMLSelectElement) =>
      [...select.querySelectorAll('optgroup')].map((g) => ({ label: g.label, options: [...g.querySelectorAll('option')].map((o) => o.label) })),
    );
  const grouped = await groups();
  for (const g of grouped) expect(TIERS).toContain(g.label);
  expect(grouped.flatMap((g) => g.options).sort()).toEqual([...CHAT_NAMES].sort());
  const tierOf = (name: string) => grouped.find((g) => g.options.includes(name))?.label;

  // The suggestion for chat is a model that runs here, picked with its button; the facts say the same tier as its group.
  const first = suggestions.getByTestId('model-suggestion').first();
  await expect(first).toContainText(/^For chat/);
  const suggested = (await first.locator('strong').textContent()) ?? '';
  expect(['Runs well here', 'Runs, slowly']).toContain(tierOf(suggested));
  // Another model first, so that picking the suggestion changes something.
  await chat.pickModel(CHAT_NAMES.find((name) => name !== suggested) ?? '');
  await first.getByRole('button', { name: `Pick ${suggested}` }).click();
  await expect(chat.modelSelect.locator('option:checked')).toHaveText(suggested);
  await expect(first.getByRole('button', { name: 'Picked' })).toBeDisabled();
  // The tier line names the group the selected option sits in (a size the Hub lists on picking may move it).
  const tierLineMatchesGroup = async () => {
    const group = await chat.modelSelect.evaluate((select: HTMLSelectElement) => (select.selectedOptions[0]?.parentElement as HTMLOptGroupElement | null)?.label ?? '');
    const line = (await page.getByTestId('model-tier').textContent()) ?? '';
    return TIERS.includes(group) && line.startsWith(`${group}.`);
  };
  await expect.poll(tierLineMatchesGroup).toBe(true);
  // Picking by label, as other specs do, still works inside the groups; the reason follows the selection.
  await chat.pickModel(MODEL_NAMES.smolvlm);
  await expect(chat.modelSelect.locator('option:checked')).toHaveText(MODEL_NAMES.smolvlm);
  await expect.poll(tierLineMatchesGroup).toBe(true);

  // The filter leaves only models that take pictures, and the selected one.
  await page.getByLabel('Show models').selectOption({ label: 'Takes pictures' });
  const titles = await chat.modelSelect.evaluate((select: HTMLSelectElement) => [...select.options].filter((o) => !o.selected).map((o) => o.title));
  for (const title of titles) expect(title).toContain('images');
  expect(titles.length).toBeLessThan(CHAT_NAMES.length - 1);

  // Measured once: after a reload the same figure comes back from storage rather than a new measurement.
  await page.reload();
  await expect(page.getByRole('region', { name: 'Suggested for this device' }).getByTestId('model-measured')).toContainText(`at ${figure} GFLOP/s`);
});
