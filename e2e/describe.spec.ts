// Describe for me by keyboard alone: Tab to it, Enter, and the camera's picture is described in the chat, announced
// politely and spoken aloud; "More detail" asks about the same picture; axe finds nothing serious in the mode.

import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/test';
import { TEST_BUILD_URL, gotoWithTestHooks } from './fixtures/test-build';
import { MODEL_NAMES } from './fixtures/repos';
import { smolVlmImageAnswer } from './fixtures/smolvlm/oracle';

// Reads the speakers' level through window.sensaTest, which only the test build (npm run build:e2e) has.
test.use({ baseURL: TEST_BUILD_URL });

interface Hooks {
  sensaTest: { outputLevel: () => number };
}

/** Presses Tab until the focused element is the button with this name, as a keyboard user would; fails if it never is. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return el instanceof HTMLButtonElement ? (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() : '';
    });
    if (focused === name) return;
  }
  throw new Error(`Tab never reached the "${name}" button`);
}

// @once, run on WASM only, the cheaper run (playwright.config.ts): keyboard, announcements and speech do not depend on
// where the model runs; the seeing model's own answers are proven on both devices by multimodal.spec.ts.
test('Describe for me: keyboard only, the description is written, announced politely and spoken', { tag: '@once' }, async ({ chat, page }, testInfo) => {
  // A cold SmolVLM load plus two answers and a voice load, on a shared 2-core machine.
  test.setTimeout(300_000);
  await gotoWithTestHooks(page);
  await chat.loadModel(MODEL_NAMES.smolvlm);
  // From here on, only the keyboard.
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  await tabTo(page, 'Describe for me');
  await page.keyboard.press('Enter');
  const mode = page.getByRole('region', { name: 'Describe for me' });
  const main = mode.getByRole('button', { name: 'Describe what the camera sees' });
  // Opening the mode moves the keyboard to its one large button.
  await expect(main).toBeFocused();
  await page.keyboard.press('Enter');

  // The fake camera is solid green (playwright.config.ts), so the seeing oracle says green.
  const description = chat.answers().filter({ hasText: smolVlmImageAnswer('green') }).first();
  await expect(description).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await expect(chat.conversation.getByRole('img', { name: /^Picture: Camera / })).toHaveCount(1);
  // Announced politely, as text, to a screen reader…
  const announcer = page.getByTestId('announcer');
  await expect(announcer).toHaveAttribute('aria-live', 'polite');
  await expect(announcer).toHaveText(smolVlmImageAnswer('green'));
  // …and spoken: the page's own audio graph carries the voice.
  await expect.poll(() => page.evaluate(() => (window as unknown as Hooks).sensaTest.outputLevel()), { timeout: 60_000, intervals: [50] }).toBeGreaterThan(0.1);
  await expect(mode.getByRole('status')).toHaveText(/Speaking the description|Ready/);

  const serious = (await new AxeBuilder({ page }).include('main').analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // "More detail" is about the same picture: no new one is taken.
  await tabTo(page, 'More detail');
  await page.keyboard.press('Enter');
  await expect(chat.answers()).toHaveCount(2, { timeout: 30_000 });
  await expect(chat.answers().nth(1)).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await expect(chat.answers().nth(1)).toContainText(smolVlmImageAnswer('green'));
  await expect(chat.conversation.getByRole('img', { name: /^Picture: Camera / })).toHaveCount(1);

  // At phone width the large button and the message box both stay on screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(main).toBeInViewport();
  await expect(chat.message).toBeInViewport();
  await page.screenshot({ path: testInfo.outputPath('describe-phone.png') });
});
