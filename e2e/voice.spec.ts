// Answers read aloud by the local voice model, measured on the page's own audio graph; Stop silences within 200 ms.

import { test, expect } from './fixtures/test';
import { expectedReply } from './fixtures/oracle';
import { MODEL_NAMES, REPOS } from './fixtures/repos';
import { SUPERTONIC_VOICE_PITCH_HZ, supertonicExpectedSeconds, supertonicTokenCount } from './fixtures/supertonic/oracle';

interface Hooks {
  sensaTest: { outputLevel: () => number; outputPitch: () => number; firstAudioAt: () => number | null };
}

test('an answer is read aloud, and Stop silences it within 200 ms', async ({ chat, hub, page }) => {
  await page.goto('/?test-hooks');
  await chat.loadModel(MODEL_NAMES.qwen3);
  await page.getByLabel('Think first').uncheck();
  await chat.send('apple banana apple');
  await chat.waitAnswerDone();
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('apple'));

  await chat.lastAnswer().getByRole('button', { name: /Read aloud/ }).click();
  const controls = chat.lastAnswer().getByRole('group', { name: 'Reading aloud' });
  await expect(controls).toBeVisible();
  // The voice model and the chosen voice's style file came from the (fake) Hub.
  await expect.poll(() => hub.requestsFor(REPOS.supertonic).map((r) => r.file)).toContain('voices/F1.bin');
  await expect(controls).toHaveAttribute('data-player', 'playing', { timeout: 60_000 });
  // The fixture voice is a 0.3-peak tone (RMS ≈ 0.21) for as long as the text is.
  await expect.poll(() => page.evaluate(() => (window as unknown as Hooks).sensaTest.outputLevel())).toBeGreaterThan(0.1);

  const silencedAfterMs = await page.evaluate(async () => {
    const hooks = (window as unknown as Hooks).sensaTest;
    const stop = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Stop reading');
    if (!stop) throw new Error('no Stop reading button');
    const clickedAt = performance.now();
    stop.click();
    while (performance.now() - clickedAt < 2000) {
      if (hooks.outputLevel() < 0.005) return performance.now() - clickedAt;
      await new Promise((r) => setTimeout(r, 5));
    }
    return Infinity;
  });
  expect(silencedAfterMs).toBeLessThan(200);
  await expect(chat.lastAnswer().getByRole('button', { name: /Read aloud/ })).toBeVisible();
});

test('longer text gives longer speech: the answer is synthesized per sentence', async () => {
  // The oracle's law, checked here so the read-aloud test above relies on a model whose output follows its input.
  const short = supertonicExpectedSeconds(supertonicTokenCount('You said apple most.'), 1);
  const long = supertonicExpectedSeconds(supertonicTokenCount('You said apple most. And then some more words.'), 1);
  expect(long).toBeGreaterThan(short * 2);
});

// @once, skipped on wasm (playwright.config.ts): Voices do not depend on the chat model’s device; one run is enough.
test('the voice picker changes the voice: the fixture speaks each voice at its own pitch', { tag: '@once' }, async ({ chat, page }) => {
  await page.goto('/?test-hooks');
  await chat.loadModel(MODEL_NAMES.qwen3);
  await page.getByLabel('Think first').uncheck();
  await chat.send('cherry');
  await chat.waitAnswerDone();
  const pitchNear = async (hz: number) =>
    expect
      .poll(() => page.evaluate(() => (window as unknown as Hooks).sensaTest.outputPitch()), { timeout: 60_000, intervals: [20] })
      .toBeGreaterThan(hz * 0.85)
      .then(() => page.evaluate(() => (window as unknown as Hooks).sensaTest.outputPitch()));

  await chat.lastAnswer().getByRole('button', { name: /Read aloud/ }).click();
  const first = await pitchNear(SUPERTONIC_VOICE_PITCH_HZ.F1);
  expect(first).toBeLessThan(SUPERTONIC_VOICE_PITCH_HZ.F1 * 1.15);
  const controls = chat.lastAnswer().getByRole('group', { name: 'Reading aloud' });
  await controls.getByLabel('Voice').selectOption({ label: 'Male 1' });
  await controls.getByRole('button', { name: 'Stop reading' }).click();

  await chat.lastAnswer().getByRole('button', { name: /Read aloud/ }).click();
  const second = await pitchNear(SUPERTONIC_VOICE_PITCH_HZ.M1);
  expect(second).toBeLessThan(SUPERTONIC_VOICE_PITCH_HZ.M1 * 1.15);
});
