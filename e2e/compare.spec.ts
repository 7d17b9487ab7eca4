// Model comparison: one prompt to two local models, one after the other, answers side by side with their rates.

import { test, expect } from './fixtures/test';
import { oracleAnswer, THINKING_TEXT } from './fixtures/oracle';
import { MODEL_NAMES } from './fixtures/repos';

const SHOTS = process.env.SENSA_SHOTS;

// @once (playwright.config.ts): loading one model after another and reading their rates is the same on every device;
// the WASM run is the cheaper one.
test('answers one prompt with two models in turn, side by side with each one’s tokens per second', { tag: '@once' }, async ({ chat, page }) => {
  // Two model loads in one test.
  test.slow();
  await chat.open();
  await page.getByRole('region', { name: 'Model' }).getByRole('button', { name: 'Compare two models' }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare two models' });
  await expect(dialog).toContainText('Sensa holds one model at a time');
  await dialog.getByLabel('First').selectOption({ label: MODEL_NAMES.qwen3 });
  await dialog.getByLabel('Second').selectOption({ label: MODEL_NAMES.llama3 });
  const prompt = 'cherry river cherry';
  await dialog.getByLabel('Prompt for both models').fill(prompt);
  await dialog.getByRole('button', { name: 'Compare' }).click();

  const qwen = dialog.getByRole('region', { name: `Answer of ${MODEL_NAMES.qwen3}` });
  const llama = dialog.getByRole('region', { name: `Answer of ${MODEL_NAMES.llama3}` });
  // One at a time: while the first loads or answers, the second waits.
  await expect(llama.getByTestId('compare-status')).toHaveText(/^Waiting for the first model/);
  await expect(llama.getByTestId('compare-status')).toHaveText(/^Done/, { timeout: 240_000 });
  await expect(qwen.getByTestId('compare-status')).toHaveText(/^Done/);

  // Both oracles name the prompt's most frequent word; the answers are each model's own: Qwen3 thinks first (its
  // template's default) and Llama never does, and each has its own token count and rate.
  const qwenExpected = oracleAnswer('qwen3', [prompt]);
  const llamaExpected = oracleAnswer('llama3', [prompt]);
  expect(qwenExpected.word).toBe('cherry');
  await expect(qwen.getByTestId('compare-text')).toHaveText(qwenExpected.reply);
  await expect(llama.getByTestId('compare-text')).toHaveText(llamaExpected.reply);
  await expect(qwen.getByTestId('compare-thinking')).toHaveText(THINKING_TEXT);
  await expect(llama.getByTestId('compare-thinking')).toHaveCount(0);
  const tokens = async (answer: typeof qwen) => Number((await answer.getByTestId('compare-status').textContent())?.match(/(\d+) tokens$/)?.[1]);
  expect(await tokens(qwen)).toBeGreaterThan(await tokens(llama));
  for (const answer of [qwen, llama]) {
    const rate = Number((await answer.getByTestId('compare-rate').textContent())?.match(/([\d.]+) tokens\/s/)?.[1]);
    expect(rate).toBeGreaterThan(0);
  }
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/compare-desktop.png` });

  // Side by side here, stacked at phone width.
  const boxes = async () => Promise.all([qwen.boundingBox(), llama.boundingBox()]);
  let [a, b] = await boxes();
  expect(a && b && Math.abs(a.y - b.y) < 2 && b.x > a.x).toBe(true);
  await page.setViewportSize({ width: 390, height: 844 });
  [a, b] = await boxes();
  expect(a && b && b.y >= a.y + a.height && Math.abs(a.x - b.x) < 2).toBe(true);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/compare-phone.png` });

  // The chat was not touched, and the second model stays loaded.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(chat.conversation.getByRole('article')).toHaveCount(0);
  await expect(chat.modelStatus).toContainText(`${MODEL_NAMES.llama3} ready`);
});
