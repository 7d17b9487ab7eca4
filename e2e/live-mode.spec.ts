// Live mode end to end: Chromium's fake camera shows red, then blue, in a 16 s loop; the fake microphone asks its
// question inside the blue half of every other loop. The seeing oracle names the majority colour of the turn's
// pictures, so "blue" proves the frames came from while the person spoke, not from the start of the session (red) or
// after it (red again).

import { existsSync } from 'node:fs';
import { test, expect } from './fixtures/test';
import { TEST_BUILD_URL, gotoWithTestHooks } from './fixtures/test-build';
import { MODEL_NAMES } from './fixtures/repos';
import { SPEECH_TRANSCRIPT } from './fixtures/whisper/oracle';
import { smolVlmImageAnswer } from './fixtures/smolvlm/oracle';
import { LIVE_QUESTION_WAV } from '../playwright.config';

// Reads the turn's latency through window.sensaTest, which only the test build (npm run build:e2e) has.
test.use({ baseURL: TEST_BUILD_URL });

interface Hooks {
  sensaTest: {
    voiceLatency: () => { toFirstToken: number | null; toFirstAudio: number | null; withFrames: number; endDetected: number | null; detectorBehind: number | null };
  };
}

test('live mode: a spoken question is answered about the frames from while it was spoken', async ({ chat, page }, testInfo) => {
  expect(existsSync(LIVE_QUESTION_WAV), 'espeak-ng is not installed (apt-get install espeak-ng), so the fake microphone has no question').toBe(true);
  // A cold load of the seeing model, the recognizer, the voice and the detector side by side, on a shared 2-core machine.
  test.setTimeout(420_000);
  await gotoWithTestHooks(page);

  // With no model that sees, live mode says so and offers the smallest one.
  await page.getByRole('button', { name: 'Live mode' }).click();
  const advice = page.getByRole('alert').filter({ hasText: 'live mode needs a model that sees' });
  await expect(advice).toContainText(/No model is loaded: .*SmolVLM 256M Instruct \(over \d+ MB\)/);
  await advice.getByRole('button', { name: `Choose ${MODEL_NAMES.smolvlm}` }).click();
  await expect(chat.modelSelect.locator('option:checked')).toHaveText(MODEL_NAMES.smolvlm);
  await chat.loadButton.click();
  await chat.waitReady();

  await page.getByRole('button', { name: 'Live mode' }).click();
  const bar = page.getByRole('group', { name: 'Live mode' });
  await expect(bar.getByText('Camera on')).toBeVisible();
  await expect(bar.getByLabel(/^Camera preview/)).toBeVisible();
  // Chromium's fake device is one camera: there is nothing to switch to, so no switch is offered.
  await expect(bar.getByRole('button', { name: /Use (front|back) camera/ })).toHaveCount(0);

  // Whisper's oracle hears the question as "apple"; the turn carries camera frames as pictures.
  const said = chat.conversation.getByRole('article', { name: 'You said' }).first();
  // The detector hears nothing until it is loaded (the bar says Starting…), then the question of the next loop.
  await expect(said).toContainText(SPEECH_TRANSCRIPT, { timeout: 240_000 });
  await expect(said.getByRole('img', { name: /^Picture: Camera / }).first()).toBeVisible();
  // The looping microphone asks again every 32 s (LIVE_MIC_PERIODS) and may interrupt a slower answer (barge-in); one answer comes whole.
  const answer = chat.answers().filter({ hasText: smolVlmImageAnswer('blue') }).first();
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 120_000 });

  // Spoken too, with its delay from the end of the question measured in the page's clock.
  let latency = { toFirstToken: null as number | null, toFirstAudio: null as number | null, withFrames: 0, endDetected: null as number | null, detectorBehind: null as number | null };
  await expect
    .poll(
      async () => {
        latency = await page.evaluate(() => (window as unknown as Hooks).sensaTest.voiceLatency());
        return latency.toFirstAudio;
      },
      { timeout: 60_000 },
    )
    .not.toBeNull();
  expect(latency.withFrames).toBeGreaterThan(0);
  const figures = `end of speech → first token ${Math.round(latency.toFirstToken ?? 0)} ms, → first audio ${Math.round(latency.toFirstAudio ?? 0)} ms, with ${latency.withFrames} frames` +
    ` (end detected after ${Math.round(latency.endDetected ?? 0)} ms + ${Math.round(latency.detectorBehind ?? 0)} ms behind the microphone)`;
  testInfo.annotations.push({ type: 'latency', description: figures });
  console.log(`[${testInfo.project.name}] live latency: ${figures}`);

  // At phone width the live bar wraps and the message box stays on screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(chat.message).toBeInViewport();
  await expect(bar.getByText('Camera on')).toBeInViewport();
  await page.screenshot({ path: testInfo.outputPath('live-phone.png') });

  // One press stops it all: no camera mark, no live bar.
  await bar.getByRole('button', { name: 'End live mode' }).click();
  await expect(page.getByText('Camera on')).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Live mode' })).toHaveCount(0);
  // Every turn live mode sent was answered about the blue half, never the red.
  await expect(chat.answers().filter({ hasText: smolVlmImageAnswer('red') })).toHaveCount(0);
});
