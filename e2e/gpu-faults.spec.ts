// Device faults: a GPU that goes away mid-answer (the partial answer stays and Sensa recovers), and a load that runs out of memory.

import { test, expect } from './fixtures/test';
import { TEST_BUILD_URL, gotoWithTestHooks } from './fixtures/test-build';
import { expectedReply } from './fixtures/oracle';

// Needs window.sensaTest, which only the test build (npm run build:e2e) has.
test.use({ baseURL: TEST_BUILD_URL });

// @webgpu (playwright.config.ts): only a WebGPU run has a GPU device to lose.
test('losing the GPU device mid-answer keeps the partial answer and reloads the model', { tag: '@webgpu' }, async ({ chat, page }) => {
  await gotoWithTestHooks(page);
  await chat.loadModel('Llama 3.2 1B Instruct');
  await chat.openModelSettings();
  await page.getByText('Answer settings').click();
  await page.getByLabel('Max new tokens').fill('100000');
  await chat.send('say forever');
  const answer = chat.lastAnswer().getByTestId('answer');
  await expect(answer).toContainText('You said forever and forever');

  const lost = await page.evaluate(() => (window as unknown as { sensaTest: { loseGpuDevice(): Promise<{ done: boolean }> } }).sensaTest.loseGpuDevice());
  expect(lost.done).toBe(true);
  await expect(chat.lastAnswer()).toHaveAttribute('data-status', 'error');
  await expect(chat.lastAnswer().getByRole('alert')).toContainText('The GPU was lost');
  await expect(answer).toContainText('You said forever and forever');

  // Recovered without a click: a fresh engine on a new device, and the conversation continues.
  await chat.waitReady();
  await page.getByRole('button', { name: 'New chat' }).click();
  await chat.send('cherry');
  await chat.waitAnswerDone();
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('cherry'));
});

// @once, run on WASM only, the cheaper run (playwright.config.ts): The message does not depend on the device; one run is enough.
test('a load that runs out of memory says so in words, suggests a smaller model, and Retry works', { tag: '@once' }, async ({ chat, page }) => {
  await gotoWithTestHooks(page);
  // What ONNX Runtime throws when a session's buffers cannot be allocated.
  await page.evaluate(() =>
    (window as unknown as { sensaTest: { failNextLoad(m: string): Promise<unknown> } }).sensaTest.failNextLoad('RangeError: Array buffer allocation failed'),
  );
  await chat.pickModel('Qwen3 0.6B');
  await chat.loadButton.click();
  await expect(chat.loadError).toContainText('Not enough memory for this model');
  await expect(chat.loadError).toContainText('Try a smaller variant or a smaller model.');
  await chat.loadError.getByRole('button', { name: 'Retry' }).click();
  await chat.waitReady();
});
