// End-to-end tests: the production build in real Chromium, once on WebGPU and once on WASM, with the Hub served from fixtures.
// The specs that need test hooks (fault injection, the audio output's level) run on the test build instead (TEST_BUILD_URL).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, defineConfig } from '@playwright/test';
import { mediaFixturePath } from './e2e/fixtures/media/index';
import { BASE_URL, PORT, TEST_BUILD_PORT, TEST_BUILD_URL } from './e2e/fixtures/test-build';

/**
 * Playwright's own Chromium where it is installed; otherwise Debian's (npx playwright install
 * cannot download browsers on CI machines without internet). SENSA_CHROMIUM overrides both.
 */
function chromiumExecutable(): string | undefined {
  if (process.env.SENSA_CHROMIUM) return process.env.SENSA_CHROMIUM;
  let bundled: string;
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = '';
  }
  if (bundled && existsSync(bundled)) return undefined;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

const executablePath = chromiumExecutable();
/** Spoken sentences (espeak-ng, npm run fixtures) for the voice-mode project's fake microphone. */
export const SPEECH_WAV = join(import.meta.dirname, 'e2e/fixtures/out/speech/two-sentences.wav');
/** Voice mode's Spanish question (espeak-ng's Spanish voice with the Whisper oracle's language marker, npm run fixtures). */
export const SPANISH_QUESTION_WAV = join(import.meta.dirname, 'e2e/fixtures/out/speech/spanish-question.wav');
/** Live mode's question (espeak-ng, npm run fixtures), timed against the red-then-blue camera clip (LIVE_CLIP). */
export const LIVE_QUESTION_WAV = join(import.meta.dirname, 'e2e/fixtures/out/speech/live-question.wav');

const LAUNCH_ARGS = [
  // V8 compiles ONNX Runtime's 27 MB WebAssembly with its baseline compiler only. Each test is a fresh context with no
  // code cache, so the optimizing tier's compile (on two cores) cost more than it saved: a tiny model's load went from
  // 8-17 s to 5-13 s and its answer got faster too, measured in pairs here. Results are the same; only speed differs.
  '--js-flags=--liftoff-only',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
];
const COMMON_ARGS = [
  ...LAUNCH_ARGS,
  // Chromium's fake capture devices, fed generated files (npm run fixtures): a low tone for the
  // microphone and a solid green picture for the camera, so the oracle models' answers are known.
  `--use-file-for-fake-video-capture=${mediaFixturePath('green-320x240.y4m')}`,
];
const BASE_ARGS = [...COMMON_ARGS, `--use-file-for-fake-audio-capture=${mediaFixturePath('mic-low-220hz-48k.wav')}`];

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Room for a cold Gemma 4 load from its external-data replicas plus an encoder fetch on a shared 2-core CI machine;
  // a test that passes does not wait for it.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  // The JSON report feeds CI's closing summary (scripts/test-summary.ts); it lives outside test-results, which Playwright empties.
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }], ...(process.env.CI ? [] : [['html', { open: 'never' }] as const])],
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    serviceWorkers: 'block',
    // The suite finds elements by their English names: the UI follows the browser's language (e2e/i18n.spec.ts).
    locale: 'en-US',
  },
  projects: [
    {
      name: 'webgpu',
      // Conversations (storage, search, tabs, export) do not depend on where the model runs: the wasm run covers them.
      testIgnore: ['**/voice-mode.spec.ts', '**/live-mode.spec.ts', '**/conversations.spec.ts'],
      // Tests tagged @cpu need the CPU backend (every variant runs there); tests tagged @once check what does not depend
      // on the device (each says why beside its tag). Both run on WASM only: SwiftShader's WebGPU is several times slower
      // at loading and answering than WASM on these machines, and the suite's time is mostly model loads.
      grepInvert: /@cpu|@once/,
      use: {
        browserName: 'chromium',
        launchOptions: { ...(executablePath ? { executablePath } : {}), args: [...BASE_ARGS, '--enable-unsafe-webgpu'] },
      },
    },
    {
      name: 'wasm',
      testIgnore: ['**/voice-mode.spec.ts', '**/live-mode.spec.ts'],
      // Tests tagged @webgpu check what only a GPU has (a device to lose, no shader-f16): the webgpu run covers them.
      grepInvert: /@webgpu/,
      use: {
        browserName: 'chromium',
        launchOptions: { ...(executablePath ? { executablePath } : {}), args: [...BASE_ARGS, '--disable-webgpu'] },
      },
    },
    {
      // Hands-free voice needs a microphone that speaks; the fake one plays real speech here, looped. The models run on
      // WASM: voice mode does not depend on the device, and on SwiftShader the chat model wrote about a token a second
      // on a loaded machine, too slow for answers to fit between the looped sentences.
      name: 'voice',
      testMatch: '**/voice-mode.spec.ts',
      use: {
        browserName: 'chromium',
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          args: [...COMMON_ARGS, `--use-file-for-fake-audio-capture=${SPEECH_WAV}`, '--disable-webgpu'],
        },
      },
    },
    {
      // Live mode: a camera that is red for 8 s then blue for 8 s, and a microphone that asks its question 11.5 s
      // into the same 16 s loop (measured: Chromium starts both with the one getUserMedia call and loops each on
      // its own length, so they stay in step). WASM, as for voice mode: the turn does not depend on the device.
      name: 'live',
      testMatch: '**/live-mode.spec.ts',
      use: {
        browserName: 'chromium',
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          args: [
            ...LAUNCH_ARGS,
            `--use-file-for-fake-video-capture=${mediaFixturePath('red-then-blue-16s.y4m')}`,
            `--use-file-for-fake-audio-capture=${LIVE_QUESTION_WAV}`,
            '--disable-webgpu',
          ],
        },
      },
    },
  ],
  webServer: [
    {
      // The production build (npm run build): what people get.
      command: `npx vite preview --port ${PORT} --strictPort --host 127.0.0.1`,
      url: BASE_URL,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      // The test build (npm run build:e2e), with fault injection and window.sensaTest: only specs that ask for it.
      command: `npx vite preview --outDir dist-e2e --port ${TEST_BUILD_PORT} --strictPort --host 127.0.0.1`,
      url: TEST_BUILD_URL,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
