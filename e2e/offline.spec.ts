// The promise of the PWA: after one visit with a model, Sensa opens, loads the model and answers with the network gone.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures/test';
import { expectedReply, loopReplyPrefix } from './fixtures/oracle';
import { goOffline } from './pages/offline';

test.use({ serviceWorkers: 'allow' });

const SW_FILE = path.resolve(import.meta.dirname, '../dist/sw.js');

test('after the first visit it works offline: opens, loads the model from IndexedDB and answers', async ({ chat, page, context, hub }) => {
  await chat.open();
  await chat.loadModel('Llama 3.2 1B Instruct');
  await expect(page.getByRole('status').filter({ hasText: 'offline ready' })).toBeVisible();
  // The service worker claimed this page: reloads now come from its cache.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const manifest = await page.evaluate(async () => (await fetch('/manifest.webmanifest')).json() as Promise<{ name: string; icons: unknown[] }>);
  expect(manifest.icons.length).toBeGreaterThanOrEqual(2);

  const hubBefore = hub.requests.length;
  const offline = await goOffline(context);

  await page.reload();
  await chat.waitReady();
  await expect(chat.modelStatus).toContainText('from this device’s cache');
  await chat.send('river');
  await chat.waitAnswerDone();
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('river'));
  expect(hub.requests.slice(hubBefore)).toEqual([]);
  // The browser's own update check for sw.js is the only request that may try the network.
  expect(offline.reached()).toEqual([]);
});

// @once, run on WASM only, the cheaper run (playwright.config.ts): The service worker does not depend on where models run; one run is enough.
test('a new version deployed while an answer is being written is offered, and applied only after the answer', { tag: '@once' }, async ({ chat, page }) => {
  await chat.open();
  await chat.loadModel('Llama 3.2 1B Instruct');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const shellCaches = () => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('sensa-shell-')));
  const [oldCache] = await shellCaches();
  const oldVersion = oldCache!.slice('sensa-shell-'.length);
  const newVersion = [...oldVersion].reverse().join('');
  // Marks this document: a reload would lose it.
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

  // The looping answer runs to its length limit: long enough for the new version to arrive while it streams.
  await chat.openModelSettings();
  await page.getByText('Answer settings').click();
  await page.getByLabel('Max new tokens').fill('600');
  await chat.send('say forever');
  await expect(chat.lastAnswer().getByTestId('answer')).toContainText(loopReplyPrefix(3));

  const deployed = readFileSync(SW_FILE, 'utf8');
  try {
    // Deploy: the server's sw.js becomes a new build. Its version (and so its cache name) differs; the length stays the
    // same because the preview server measured the file at start-up. (The browser fetches sw.js itself, out of reach of page.route.)
    writeFileSync(SW_FILE, deployed.replaceAll(oldVersion, newVersion));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const notice = page.getByRole('status').filter({ hasText: 'A new version of Sensa is ready.' });
    await expect(notice).toBeVisible({ timeout: 30_000 });
    // Offered while the answer is still being written, and it cannot be applied yet.
    await expect(chat.lastAnswer()).toHaveAttribute('data-status', 'streaming');
    await expect(notice.getByRole('button', { name: 'Update after this answer' })).toBeDisabled();

    await expect(chat.lastAnswer()).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
    const answer = (await chat.lastAnswer().getByTestId('answer').textContent()) ?? '';
    expect(answer.startsWith(loopReplyPrefix(20))).toBe(true);
    // The whole answer was written in this same document: nothing reloaded it.
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(await shellCaches()).toEqual(expect.arrayContaining([`sensa-shell-${oldVersion}`, `sensa-shell-${newVersion}`]));

    await notice.getByRole('button', { name: 'Update now' }).click();
    await page.waitForFunction(() => (window as unknown as { sameDocument?: boolean }).sameDocument === undefined);
    // The new version runs, the old one's cache is gone, and the conversation came through.
    await expect.poll(shellCaches).toEqual([`sensa-shell-${newVersion}`]);
    await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(answer);
  } finally {
    writeFileSync(SW_FILE, deployed);
  }
});
