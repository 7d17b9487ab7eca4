// An axe-core scan of the main views: no serious or critical accessibility violations.

import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/test';
import { ECHO_HUB_ROOT } from './fixtures/echo/build';
import { FakeHub } from './fixtures/hub';
import { MODEL_NAMES, REPOS } from './fixtures/repos';

/** Serious or critical violations on the page as it is now, each named with where it was seen. */
async function seriousViolations(page: Page, label: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  return bad.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// @once, run on WASM only, the cheaper run (playwright.config.ts): The DOM does not depend on the device; one scan is enough.
test('the chat, a conversation, the settings and the phone drawer pass axe without serious violations', { tag: '@once' }, async ({ chat, page }) => {
  const scan = async (label: string) => expect(await seriousViolations(page, label)).toEqual([]);
  await chat.open();
  await scan('empty chat');
  await chat.loadModel('Qwen3 0.6B');
  await chat.send('apple apple');
  await chat.waitAnswerDone();
  await scan('conversation');
  await chat.openModelSettings();
  await chat.openVariants();
  await page.getByText('Answer settings').click();
  await page.getByText('System prompt', { exact: true }).click();
  await page.getByText('Storage', { exact: true }).click();
  // The storage panel with its contents: the quota line and the stored model with its Delete button.
  await expect(page.getByRole('list', { name: 'Stored models' }).getByRole('button', { name: `Delete ${MODEL_NAMES.qwen3} from this device` })).toBeVisible();
  await scan('settings and the storage panel open');
  await page.getByRole('button', { name: 'Theme: system' }).click();
  await page.getByRole('button', { name: 'Theme: light' }).click();
  await scan('dark theme');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Show chats' }).click();
  await scan('phone with the chat list open');
});

/** What models write: a picture from the web (shown as a placeholder with a link), code, a table and maths. */
const RICH_ANSWER = [
  'Here is a chart: ![sales chart](https://example.com/chart.png)',
  '',
  '```ts',
  '// counts the words',
  "const words = (text: string): number => text.split(' ').length; // returns 42",
  'export default class Counter { static readonly limit = 10; }',
  '```',
  '',
  '| fruit | count |',
  '| --- | ---: |',
  '| apple | 3 |',
  '',
  'and $e^{i\\pi} + 1 = 0$ with',
  '',
  '$$',
  '\\int_0^1 x^2 \\, dx = \\frac{1}{3}',
  '$$',
].join('\n');

// @once: the DOM and its colours do not depend on the device; the WASM run covers it.
test('an answer with a picture placeholder, code, a table and maths passes axe in both themes', { tag: '@once' }, async ({ chat, page, context }) => {
  // The echo model answers with the message it was sent, so the answer is exactly this Markdown.
  await new FakeHub(ECHO_HUB_ROOT).install(context);
  await chat.open();
  await chat.loadModel(MODEL_NAMES.llama3);
  await chat.send(RICH_ANSWER);
  await chat.waitAnswerDone();
  const answer = chat.lastAnswer().getByTestId('answer');
  await expect(answer.getByRole('img', { name: 'Image not loaded: sales chart' })).toBeVisible();
  await expect(answer.getByRole('link', { name: 'Open in a new tab' })).toBeVisible();
  await expect(answer.locator('pre code .hljs-keyword').first()).toBeVisible();
  await expect(answer.getByRole('table')).toBeVisible();
  await expect(answer.locator('.katex').first()).toBeVisible();
  const light = await seriousViolations(page, 'light');
  await page.getByRole('button', { name: 'Theme: system' }).click();
  await page.getByRole('button', { name: 'Theme: light' }).click();
  expect([...light, ...(await seriousViolations(page, 'dark'))]).toEqual([]);
});

// @once: the DOM does not depend on the device. No model loads here: the load fails at its first weights file, and voice
// mode opens on Chromium's fake microphone (BASE_ARGS in playwright.config.ts) with no chat model.
test('a failed model load and open voice mode pass axe without serious violations', { tag: '@once' }, async ({ chat, hub, page }) => {
  const scan = async (label: string) => expect(await seriousViolations(page, label)).toEqual([]);
  hub.setFault(REPOS.qwen3, 'onnx/model_q4.onnx', 'not-found');
  await chat.open();
  await chat.pickModel(MODEL_NAMES.qwen3);
  await chat.loadButton.click();
  await expect(chat.loadError).toContainText('could not be found');
  await scan('failed load');
  await page.getByRole('button', { name: /Voice mode/ }).click();
  const bar = page.getByRole('group', { name: 'Voice mode' });
  // Scanned as it opens: on this runner the voice detector may take a while to report Listening; the bar, its state
  // and End are all there from the start.
  await expect(bar.getByRole('status')).toHaveText(/Starting the microphone|Listening|Hearing you/);
  await expect(bar.getByRole('button', { name: 'End voice mode' })).toBeVisible();
  await scan('voice mode open');
  await bar.getByRole('button', { name: 'End voice mode' }).click();
});
