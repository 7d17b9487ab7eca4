// The storage view: what is cached, how big it is against the files on disk, and Delete really frees it.

import { readdirSync, statSync } from 'node:fs';
import catalog from '../src/models/catalog.json' with { type: 'json' };
import path from 'node:path';
import { test, expect } from './fixtures/test';
import { FIXTURE_ROOT } from './fixtures/hub';
import { REPOS } from './fixtures/repos';
import { formatBytes } from '../src/shared/format';
import { expectedReply } from './fixtures/oracle';
import { exportUpload } from './pages/export-file';
import { cachedModelFile, readStoredData } from './pages/stored-data';

// @once, run on WASM only (playwright.config.ts): what is stored, and what Delete frees, do not depend on the device.
test('lists the cached model with its true size, and Delete frees it', { tag: '@once' }, async ({ chat, page, hub }) => {
  await page.setViewportSize({ width: 1200, height: 800 });
  await chat.open();
  // Before any download: the catalog's size for the chosen variant, weighed against this origin's free quota.
  await chat.pickModel('Llama 3.2 1B Instruct');
  await expect(page.getByTestId('model-fit')).toContainText(/needs 1\.7 GB/);
  // The catalog leaves SmolVLM's q4 vision encoder size open: the panel asks the Hub's API listing for it, keeps the
  // sizes the catalog knows, and can then weigh the whole variant too.
  await chat.pickModel('SmolVLM 256M Instruct');
  const smolQ4 = catalog.models.find((m) => m.repo === REPOS.smolvlm)?.dtypes.q4?.files ?? [];
  expect(smolQ4.some((f) => f.bytes === null)).toBe(true);
  const smolBytes = smolQ4.reduce((sum, f) => sum + (f.bytes ?? statSync(path.join(FIXTURE_ROOT, REPOS.smolvlm, f.path)).size), 0);
  await expect(page.getByTestId('model-facts')).toContainText(`Downloads ${formatBytes(smolBytes)}`);
  await expect(page.getByTestId('model-fit')).toContainText(/^Fits: needs/);
  expect(hub.apiRequests).toContain(`/api/models/${REPOS.smolvlm}/tree/main/onnx`);
  await chat.loadModel('Llama 3.2 1B Instruct');

  // What the app fetched for q4: the configs, the tokenizer and the q4 graph.
  const root = path.join(FIXTURE_ROOT, REPOS.llama3);
  const files = ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_q4.onnx'];
  expect(readdirSync(root).length).toBeGreaterThan(0);
  const onDisk = files.reduce((sum, f) => sum + statSync(path.join(root, f)).size, 0);

  await page.getByText('Storage', { exact: true }).click();
  const stored = page.getByRole('list', { name: 'Stored models' }).getByRole('listitem');
  await expect(stored).toHaveCount(1);
  await expect(stored).toContainText(`Llama 3.2 1B Instruct · ${formatBytes(onDisk)} · q4`);
  await expect(stored).not.toContainText('incomplete');
  await expect(page.locator('.storage-body')).toContainText(/Using .* of .* this browser allows/);

  await stored.getByRole('button', { name: 'Delete Llama 3.2 1B Instruct from this device' }).click();
  await expect(page.locator('.storage-body')).toContainText('No models are stored.');
  expect(await chat.cachedFiles()).toEqual([]);

  // Next visit: it has to come from the network again.
  const before = hub.requests.length;
  await page.reload();
  await chat.waitReady();
  await expect(chat.modelStatus).toContainText('downloaded 5 files');
  expect(hub.requests.length).toBeGreaterThan(before);
});

// @once, run on WASM only, the cheaper run (playwright.config.ts): Storage does not depend on where models run; one run is enough.
test('a full disk while storing a model: it still answers, says how much could not be kept, and stores it once there is room', { tag: '@once' }, async ({ chat, page, context }) => {
  // A real quota, enforced by the browser, set on a page of the origin that runs no app code before the app first opens
  // its database: made while the database existed, the override did not refuse the model's writes here. Its size: the
  // new database takes about 440 kB (measured with the app's stores), so 750 kB leaves room for a chat and the small
  // model files, and none for the 530 kB weights file or the 9 MB tokenizer.
  await page.goto('/manifest.webmanifest');
  const cdp = await context.newCDPSession(page);
  const origin = new URL(page.url()).origin;
  const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage + 750_000 });
  await chat.open();
  const list = page.getByRole('navigation', { name: 'Chat list' });
  // A chat saved before the disk fills up: the import says so only once it is on disk.
  await page.getByLabel('Import chats').setInputFiles(
    exportUpload([
      {
        id: 'before',
        title: 'Saved before',
        messages: [
          { id: 'b1', role: 'user', content: 'kept safe' },
          { id: 'b2', role: 'assistant', content: 'Indeed.' },
        ],
      },
    ]),
  );
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 chat' })).toBeVisible();
  await expect(page.getByText('Storage is full: new messages are not being saved')).toHaveCount(0);

  await chat.loadModel('Llama 3.2 1B Instruct');
  const notStored = page.getByTestId('not-stored');
  await expect(notStored).toContainText(/Storage is full: [\d.]+ [kM]B of this model \(\d+ files?\) could not be kept on this device/);
  await expect(notStored).toContainText('will download again next time');
  const refused = await notStored.textContent();
  expect((await chat.cachedFiles()).some((url) => url.endsWith('.onnx')), 'weights stored despite the quota').toBe(false);
  // The model works for this visit.
  await chat.send('river');
  await chat.waitAnswerDone();
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('river'));

  // With room again, the next load stores it, the warning is gone, and what was saved before is intact.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await page.reload();
  await chat.waitReady();
  await expect(chat.modelStatus).toContainText(/downloaded \d+ files/);
  await expect(page.getByTestId('not-stored')).toHaveCount(0);
  expect((await chat.cachedFiles()).some((url) => url.endsWith('onnx/model_q4.onnx'))).toBe(true);
  await list.getByRole('button', { name: 'Saved before', exact: true }).click();
  await expect(chat.conversation.getByRole('article', { name: 'You said' })).toHaveText([/^kept safe/]);
  console.log(`[quota] ${refused}`);
});

// @once: storage does not depend on where models run; the WASM run covers it.
test('what the previous release kept in five databases moves into the one database, and the five go', { tag: '@once' }, async ({ chat, page }) => {
  // A page of the origin that runs no app code: the old databases are written before the app first starts.
  await page.goto('/manifest.webmanifest');
  const modelUrl = 'https://huggingface.co/onnx-community/old-download/resolve/main/config.json';
  await page.evaluate(async (modelUrl) => {
    // A 1×1 PNG, so the thumbnail really draws.
    const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
    const picture = new Blob([png], { type: 'image/png' });
    const conversation = {
      id: 'c-old',
      title: 'Kept by the previous release',
      createdAt: Date.now() - 1000,
      updatedAt: Date.now() - 1000,
      systemPrompt: '',
      messages: [
        {
          id: 'm1', role: 'user', content: 'What is this?', status: 'done', createdAt: Date.now() - 1000,
          attachments: [{ id: 'a-old', kind: 'image', name: 'dot.png', format: 'png', bytes: png.length, width: 1, height: 1 }],
        },
      ],
    };
    // As that release wrote them: idb-keyval's createStore, a database per concern opened with no version.
    const old: [string, string, [string, unknown][]][] = [
      ['sensa-conversations', 'conversations', [['c-old', { schema: 1, conversation }]]],
      ['sensa-media', 'media', [['a-old', { images: [picture], thumbnail: picture, storedAt: Date.now() }]]],
      ['sensa-model-files', 'files', [[modelUrl, { blob: new Blob(['{}']), contentType: 'application/json', bytes: 2, storedAt: Date.now() }]]],
      ['sensa-partial-downloads', 'partials', [[`${modelUrl}#0`, new Blob(['{'])]]],
      ['sensa-revision-pins', 'pins', [['onnx-community/old-download@main', 'c'.repeat(40)]]],
    ];
    for (const [name, store, records] of old) {
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onupgradeneeded = () => open.result.createObjectStore(store);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(store, 'readwrite');
          for (const [key, value] of records) tx.objectStore(store).put(value, key);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      });
    }
  }, modelUrl);

  await chat.open();
  const list = page.getByRole('navigation', { name: 'Chat list' });
  await list.getByRole('button', { name: 'Kept by the previous release', exact: true }).click();
  await expect(page.getByRole('img', { name: 'Picture: dot.png' })).toBeVisible();
  // Both threads open the database (the model worker for its files); the old ones go once each is copied.
  await expect.poll(() => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).sort())).toEqual(['sensa']);
  const stored = await readStoredData(page);
  expect(Object.keys(stored.conversations)).toEqual(['c-old']);
  expect(stored.media['a-old']?.images).toHaveLength(1);
  expect(await cachedModelFile(page, modelUrl)).toMatchObject({ bytes: 2 });
  const counts = await page.evaluate(
    () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const open = indexedDB.open('sensa');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['partial-downloads', 'revision-pins']);
          const partials = tx.objectStore('partial-downloads').count();
          const pins = tx.objectStore('revision-pins').count();
          tx.oncomplete = () => {
            open.result.close();
            resolve({ partials: partials.result, pins: pins.result });
          };
        };
      }),
  );
  expect(counts).toEqual({ partials: 1, pins: 1 });
});
