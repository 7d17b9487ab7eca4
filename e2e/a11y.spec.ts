// An axe-core scan of the main views: no serious or critical accessibility violations.

import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures/test';

// @once, skipped on wasm (playwright.config.ts): The DOM does not depend on the device; one scan is enough.
test('the chat, a conversation, the settings and the phone drawer pass axe without serious violations', { tag: '@once' }, async ({ chat, page }) => {
  const scan = async (label: string) => {
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  };
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
  await scan('settings open');
  await page.getByRole('button', { name: 'Theme: system' }).click();
  await page.getByRole('button', { name: 'Theme: light' }).click();
  await scan('dark theme');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Show chats' }).click();
  await scan('phone with the chat list open');
});
