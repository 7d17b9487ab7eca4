// Sensa as an installed app: what the system share sheet sends opens a new chat with it attached, online and offline.

import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/test';
import { BASE_URL } from './fixtures/test-build';
import { mediaFixturePath } from './fixtures/media/index';
import { exportUpload } from './pages/export-file';
import { readStoredData } from './pages/stored-data';
import { goOffline } from './pages/offline';

test.use({ serviceWorkers: 'allow' });

const PICTURE = { name: 'red-64.png', mimeType: 'image/png', buffer: readFileSync(mediaFixturePath('red-64.png')) };

/**
 * What the share sheet does: a top-level POST navigation to the manifest's share_target, multipart, with the picture
 * under the manifest's file field and the text under `text`. It starts from a blank page, as a share comes from
 * outside the app (Sensa's own policy says form-action 'none': it posts no forms itself).
 */
async function shareFromAnotherApp(page: Page, text: string) {
  const manifest = JSON.parse(readFileSync('public/manifest.webmanifest', 'utf8')) as { share_target: { action: string; params: { files: { name: string }[] } } };
  await page.goto('about:blank');
  await page.setContent(
    `<form method="post" enctype="multipart/form-data" action="${BASE_URL}${manifest.share_target.action}">
       <input type="file" name="${manifest.share_target.params.files[0]!.name}"><input name="text"></form>`,
  );
  await page.locator('input[type=file]').setInputFiles(PICTURE);
  await page.locator('input[name=text]').fill(text);
  await page.locator('form').evaluate((form: HTMLFormElement) => form.submit());
}

// @once, run on WASM only, the cheaper run (playwright.config.ts): receiving a share involves no model at all.
test('a picture and a text shared from another app open a new chat with both, also offline; so do the shortcuts', { tag: '@once' }, async ({ chat, page, context }) => {
  await chat.open();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // Chromium's own reading of the manifest: no errors, and each member understood as meant.
  const cdp = await context.newCDPSession(page);
  const read = await cdp.send('Page.getAppManifest');
  expect(read.errors).toEqual([]);
  // The protocol reports Chromium's enum names (kPost, kNavigateExisting); its enctype field repeats the action (Chromium 156).
  expect(read.manifest).toMatchObject({
    shareTarget: { action: `${BASE_URL}/share-target`, method: expect.stringMatching(/post/i) },
    launchHandler: { clientMode: expect.stringMatching(/navigate-?existing/i) },
    shortcuts: [{ name: 'New chat', url: `${BASE_URL}/?action=new-chat` }, { name: 'Voice mode', url: `${BASE_URL}/?action=voice` }],
  });
  // file_handlers is not asserted: Chromium 156 headless on Linux leaves it out of this report (no error either).
  await cdp.detach();
  // A chat from before: on opening, Sensa shows the latest stored chat, so only a new chat hides it.
  await page.getByLabel('Import chats').setInputFiles(
    exportUpload([{ id: 'earlier', title: 'Earlier chat', messages: [{ id: 'u1', role: 'user', content: 'An earlier question' }, { id: 'a1', role: 'assistant', content: 'An earlier answer' }] }]),
  );
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 chat' })).toBeVisible();
  await expect.poll(async () => Object.keys((await readStoredData(page)).conversations)).toContain('earlier');

  const expectSharedChat = async (text: string) => {
    await expect(chat.draftAttachment(PICTURE.name)).toHaveAttribute('data-status', 'ready');
    await expect(chat.message).toHaveValue(text);
    // A new chat, not the earlier one, which is still there.
    await expect(chat.conversation).not.toContainText('An earlier answer');
    const list = page.getByRole('navigation', { name: 'Chat list' });
    await expect(list.getByRole('button', { name: 'Earlier chat', exact: true })).toBeVisible();
    // The address lost its marker: a reload does not attach the picture again.
    await expect(page).toHaveURL(`${BASE_URL}/`);
    await expect(page.getByRole('alert').filter({ hasText: /shared/i })).toHaveCount(0);
  };

  // Only the service worker can answer this POST with the share kept for the app: the preview server knows no such route.
  await shareFromAnotherApp(page, 'What is in this picture?');
  await expectSharedChat('What is in this picture?');

  const offline = await goOffline(context);
  await shareFromAnotherApp(page, 'And this one, offline?');
  await expectSharedChat('And this one, offline?');
  expect(offline.reached()).toEqual([]);
  // Taken when the chat opened: nothing waits in the share cache.
  expect(await page.evaluate(async () => (await caches.keys()).includes('sensa-share'))).toBe(false);

  // The app's shortcuts, still offline. Opened plainly, Sensa shows the latest stored chat…
  const list = page.getByRole('navigation', { name: 'Chat list' });
  await page.goto('/');
  await expect(chat.conversation).toContainText('An earlier answer');
  // …and from New chat, an empty one (the list showing the earlier chat means the stored chats were merged).
  await page.goto('/?action=new-chat');
  await expect(list.getByRole('button', { name: 'Earlier chat', exact: true })).toBeVisible();
  await expect(chat.conversation).not.toContainText('An earlier answer');
  await expect(page).toHaveURL(`${BASE_URL}/`);
  // Voice mode with no model loaded says what to do first, and does not listen.
  await page.goto('/?action=voice');
  await expect(page.getByRole('alert').filter({ hasText: 'Voice mode needs a model: load one above, then press Voice mode.' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Voice mode' })).toHaveCount(0);
});
