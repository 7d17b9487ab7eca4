// Cross-origin isolation where no header can be set: on a plain static host the service worker adds COOP/COEP to
// what it serves, the first visit reloads once to come through it, and then WASM runs on every core while downloads,
// workers and the code sandbox keep working. (Under vite preview the server sends the headers: chat.spec.ts checks that.)

import { resolve } from 'node:path';
import { test, expect } from './fixtures/test';
import { ECHO_HUB_ROOT } from './fixtures/echo/build';
import { FakeHub } from './fixtures/hub';
import { MODEL_NAMES } from './fixtures/repos';
import { serveStatic, type StaticHost } from './fixtures/static-host';
import { PORT } from './fixtures/test-build';
import { MAX_WASM_THREADS } from '../src/worker/engine/threads';

/** Past the two preview servers (PORT, PORT + 1). */
const PLAIN_PORT = PORT + 2;
const PLAIN_URL = `http://127.0.0.1:${PLAIN_PORT}`;

let host: StaticHost;
test.beforeAll(async () => {
  host = await serveStatic(resolve(import.meta.dirname, '../dist'), PLAIN_PORT);
});
test.afterAll(async () => {
  await host.close();
});

test.use({ baseURL: PLAIN_URL, serviceWorkers: 'allow' });

const fence = (language: string, code: string) => `\`\`\`${language}\n${code}\n\`\`\``;

// @once: whether a page is isolated does not depend on where models run; the model is put on WASM here explicitly.
test('on a host that sends no isolation headers, one reload isolates the page and WASM runs on every core', { tag: '@once' }, async ({ page, chat }) => {
  const documents: { coep: string | undefined; fromServiceWorker: boolean }[] = [];
  page.on('response', (response) => {
    if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) {
      documents.push({ coep: response.headers()['cross-origin-embedder-policy'], fromServiceWorker: response.fromServiceWorker() });
    }
  });
  await page.goto('/');
  const isolated = () => page.evaluate(() => crossOriginIsolated).catch(() => null);
  await expect.poll(isolated, { timeout: 90_000 }).toBe(true);
  // The host's page came without the headers, and the service worker's one reload with them.
  expect(documents).toEqual([
    { coep: undefined, fromServiceWorker: false },
    { coep: 'require-corp', fromServiceWorker: true },
  ]);

  // Everything still works isolated: the (fake) Hub's CORS downloads, the model worker and ONNX Runtime's threads.
  await new FakeHub(ECHO_HUB_ROOT).install(page.context());
  await expect(page.getByRole('heading', { name: 'Sensa' })).toBeVisible();
  await chat.deviceSelect.selectOption('wasm');
  await chat.loadModel(MODEL_NAMES.llama3);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const threads = Math.min(cores, MAX_WASM_THREADS);
  await expect(chat.modelStatus).toContainText(`on CPU (WASM), ${threads} thread${threads === 1 ? '' : 's'} ·`);

  // The code sandbox's frame is a navigation no service worker may serve (it is sandboxed), so it has no COEP here.
  await chat.send(fence('js', "console.log('isolated sandbox', 6 * 7)"));
  await chat.waitAnswerDone();
  const answer = chat.lastAnswer();
  await answer.getByRole('button', { name: 'Run this JavaScript code' }).click();
  await expect(answer.getByLabel('Output of the JavaScript code')).toContainText('isolated sandbox 42');

  // Later visits come through the service worker at once: isolated with no further reload.
  await page.reload();
  await expect.poll(isolated).toBe(true);
  await expect(page.getByRole('heading', { name: 'Sensa' })).toBeVisible();
  expect(documents).toHaveLength(3);
  expect(documents[2]).toEqual({ coep: 'require-corp', fromServiceWorker: true });
});
