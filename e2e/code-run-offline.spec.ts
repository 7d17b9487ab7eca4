// Python after the first visit: Pyodide is kept by the service worker on first use, so a block runs with the network gone.

import { test, expect } from './fixtures/test';
import { ECHO_HUB_ROOT } from './fixtures/echo/build';
import { FakeHub } from './fixtures/hub';
import { MODEL_NAMES } from './fixtures/repos';
import { goOffline } from './pages/offline';

test.use({ serviceWorkers: 'allow' });

// @once, run on WASM only, the cheaper run (playwright.config.ts): the service worker and the sandbox don't depend on where models run.
// The sandbox page itself must come from the service worker too: its frame is sandboxed by the page's policy header
// rather than by the iframe's attribute, because Chromium never lets a service worker serve the navigation of a frame
// sandboxed by its attribute (docs/tools.md).
test('a Python block that ran once runs again offline, from the service worker’s copy of Pyodide', { tag: '@once' }, async ({ chat, page, context }) => {
  await new FakeHub(ECHO_HUB_ROOT).install(context);
  await chat.open();
  await chat.loadModel(MODEL_NAMES.llama3);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // A JavaScript block too, run only offline: it checks the origin of the sandbox page that the service worker served.
  await chat.send("```python\nprint('offline', 6 * 7)\n```\n\n```js\nlet idb; try { indexedDB.open('sensa'); idb = 'open' } catch { idb = 'refused' }\n`origin ${self.origin}, idb ${idb}`\n```");
  await chat.waitAnswerDone();
  const run = () => chat.lastAnswer().getByRole('button', { name: /Run (again|this Python code)/ }).first().click();
  const output = () => chat.lastAnswer().getByLabel('Output of the Python code');
  await run();
  await expect(output()).toContainText('offline 42', { timeout: 120_000 });
  const kept = await page.evaluate(async () => (await (await caches.open('sensa-python')).keys()).map((request) => new URL(request.url).pathname));
  expect(kept.some((name) => name.includes('pyodide.asm'))).toBe(true);

  const offline = await goOffline(context);
  await page.reload();
  const started = Date.now();
  await run();
  await expect(output()).toContainText('offline 42', { timeout: 120_000 });
  console.log(`[code-run-offline] print() after an offline reload, Pyodide from the service worker: ${Date.now() - started} ms`);
  expect(offline.reached()).toEqual([]);
  // Still an opaque origin when the service worker served the page: the code can't reach the app's storage.
  await chat.lastAnswer().getByRole('button', { name: 'Run this JavaScript code' }).click();
  await expect(chat.lastAnswer().getByLabel('Output of the JavaScript code')).toContainText('origin null, idb refused', { timeout: 60_000 });
});
