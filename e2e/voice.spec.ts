// Answers read aloud by the local voice model, measured on the page's own audio graph; Stop silences within 200 ms.

import { test, expect } from './fixtures/test';
import { TEST_BUILD_URL, gotoWithTestHooks } from './fixtures/test-build';
import { expectedReply } from './fixtures/oracle';
import { MODEL_NAMES, REPOS } from './fixtures/repos';
import { SUPERTONIC_LANGUAGES, SUPERTONIC_VOICE_PITCH_HZ, supertonicLevel } from './fixtures/supertonic/oracle';
import { exportUpload } from './pages/export-file';
import { recordSpeakRequests } from './pages/speak-requests';

// Needs window.sensaTest, which only the test build (npm run build:e2e) has.
test.use({ baseURL: TEST_BUILD_URL });

interface Hooks {
  sensaTest: { outputLevel: () => number; outputPitch: () => number; firstAudioAt: () => number | null };
}

test('an answer is read aloud, and Stop silences it within 200 ms', async ({ chat, hub, page }) => {
  await gotoWithTestHooks(page);
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

test('an answer is synthesized per sentence, and playback starts before the last sentence is synthesized', async ({ chat, page }) => {
  // (That the fixture voice's length follows its text is the fixture's own law: e2e/fixtures/supertonic/supertonic.test.ts.)
  const speakRequests = await recordSpeakRequests(page);
  await gotoWithTestHooks(page);
  // An answer of five sentences, imported: no chat model is needed to read it. With three, a loaded 2-core machine once
  // had all three asked for 2 ms before the first audio was scheduled; five leaves room without weakening the claim.
  const sentences = ['Apples are red.', 'Rivers run far.', 'Stars shine bright tonight.', 'Bread is warm.', 'Snow falls softly.'];
  await page.getByLabel('Import chats').setInputFiles(
    exportUpload([{ id: 'five', title: 'Five sentences', messages: [{ id: 'q', role: 'user', content: 'Tell me five things.' }, { id: 'a', role: 'assistant', content: sentences.join(' ') }] }]),
  );
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 chat' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Chat list' }).getByRole('button', { name: 'Five sentences', exact: true }).click();

  await chat.lastAnswer().getByRole('button', { name: /Read aloud/ }).click();
  await expect(chat.lastAnswer().getByRole('group', { name: 'Reading aloud' })).toHaveAttribute('data-player', 'playing', { timeout: 60_000 });
  // One speak request per sentence, in order, each answered.
  await expect.poll(async () => (await speakRequests()).filter((r) => r.answeredAt !== null).map((r) => r.text), { timeout: 60_000 }).toEqual(sentences);
  const requests = await speakRequests();
  const firstAudioAt = await page.evaluate(() => (window as unknown as Hooks).sensaTest.firstAudioAt());
  expect(firstAudioAt, 'the first audio was scheduled').not.toBeNull();
  // The first sentence's audio was under way before the last sentence was even asked for, let alone synthesized.
  expect(firstAudioAt).toBeLessThan(requests.at(-1)?.sentAt ?? 0);
});

// @once, run on WASM only, the cheaper run (playwright.config.ts): Voices do not depend on the chat model’s device; one run is enough.
test('the voice picker changes the voice: the fixture speaks each voice at its own pitch', { tag: '@once' }, async ({ chat, page }) => {
  await gotoWithTestHooks(page);
  await chat.loadModel(MODEL_NAMES.qwen3);
  await page.getByLabel('Think first').uncheck();
  await chat.send('cherry');
  await chat.waitAnswerDone();
  // One reading of level and pitch, judged whole: silence (level and pitch 0) or another voice's pitch never passes.
  const speaksAt = (hz: number) =>
    expect
      .poll(
        async () => {
          const { level, pitch } = await page.evaluate(() => {
            const hooks = (window as unknown as Hooks).sensaTest;
            return { level: hooks.outputLevel(), pitch: hooks.outputPitch() };
          });
          return level > 0.1 && Math.abs(pitch - hz) < hz * 0.15 ? 'speaking at that pitch' : `level ${level.toFixed(3)}, pitch ${pitch.toFixed(0)} Hz`;
        },
        { message: `audible speech at ${hz} Hz ± 15 %`, timeout: 60_000, intervals: [20] },
      )
      .toBe('speaking at that pitch');

  await chat.lastAnswer().getByRole('button', { name: /Read aloud/ }).click();
  await speaksAt(SUPERTONIC_VOICE_PITCH_HZ.F1);
  const controls = chat.lastAnswer().getByRole('group', { name: 'Reading aloud' });
  await controls.getByLabel('Voice').selectOption({ label: 'Male 1' });
  await controls.getByRole('button', { name: 'Stop reading' }).click();

  await chat.lastAnswer().getByRole('button', { name: /Read aloud/ }).click();
  await speaksAt(SUPERTONIC_VOICE_PITCH_HZ.M1);
});

// @once, run on WASM only (playwright.config.ts): the language is chosen before synthesis and reaches the model as a
// tag; neither depends on the device.
test('a Spanish answer is read in Spanish, and a German one is refused with a clear message', { tag: '@once' }, async ({ chat, page }) => {
  const speakRequests = await recordSpeakRequests(page);
  await gotoWithTestHooks(page);
  const spanish = 'La manzana es roja y el río corre lejos. Las estrellas brillan esta noche.';
  const german = 'Der Apfel ist rot und der Fluss fließt weit. Die Sterne leuchten heute Nacht.';
  await page.getByLabel('Import chats').setInputFiles(
    exportUpload([
      { id: 'es', title: 'En español', messages: [{ id: 'q-es', role: 'user', content: '¿Qué ves?' }, { id: 'a-es', role: 'assistant', content: spanish }] },
      { id: 'de', title: 'Auf Deutsch', messages: [{ id: 'q-de', role: 'user', content: 'Was siehst du?' }, { id: 'a-de', role: 'assistant', content: german }] },
    ]),
  );
  await expect(page.getByRole('status').filter({ hasText: 'Imported 2 chats' })).toBeVisible();
  const chats = page.getByRole('navigation', { name: 'Chat list' });

  // German: Supertonic 2 has no German voice, so nothing is synthesized and the answer says why.
  await chats.getByRole('button', { name: 'Auf Deutsch', exact: true }).click();
  await chat.lastAnswer().getByRole('button', { name: /Read aloud/ }).click();
  await expect(chat.lastAnswer().getByRole('status').filter({ hasText: 'Read-aloud is not available in German' })).toHaveText(
    'Read-aloud is not available in German: Supertonic 2 speaks English, Korean, Spanish, Portuguese, and French only.',
  );
  expect(await speakRequests()).toEqual([]);

  // Spanish: every sentence goes to the voice model with the language, and the oracle's level proves that the <es>
  // tag reached it (the fixture speaks each language at its own level; English would be louder, a lost tag quieter).
  await chats.getByRole('button', { name: 'En español', exact: true }).click();
  await chat.lastAnswer().getByRole('button', { name: /Read aloud/ }).click();
  const spanishLevel = supertonicLevel('es');
  const others = SUPERTONIC_LANGUAGES.filter((l) => l !== 'es').map(supertonicLevel);
  expect(Math.min(...others.map((l) => Math.abs(l - spanishLevel)))).toBeGreaterThan(0.03);
  await expect
    .poll(
      async () => {
        const { level, pitch } = await page.evaluate(() => {
          const hooks = (window as unknown as Hooks).sensaTest;
          return { level: hooks.outputLevel(), pitch: hooks.outputPitch() };
        });
        const f1 = SUPERTONIC_VOICE_PITCH_HZ.F1;
        return Math.abs(level - spanishLevel) < 0.015 && Math.abs(pitch - f1) < f1 * 0.15 ? 'Spanish, voice F1' : `level ${level.toFixed(3)}, pitch ${pitch.toFixed(0)} Hz`;
      },
      { message: `the Spanish level ${spanishLevel.toFixed(3)} at F1's pitch`, timeout: 60_000, intervals: [20] },
    )
    .toBe('Spanish, voice F1');
  await expect.poll(async () => (await speakRequests()).map((r) => [r.text, r.language]), { timeout: 60_000 }).toEqual([
    ['La manzana es roja y el río corre lejos.', 'es'],
    ['Las estrellas brillan esta noche.', 'es'],
  ]);
});
