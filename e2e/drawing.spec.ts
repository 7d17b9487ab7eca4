// Pictures out: the image model (the Janus-Pro oracle, e2e/fixtures/janus) draws in the conversation; its pictures are
// a known function of the prompt (colour) and the seed (shade), so the checks read the stored PNGs' pixels and bytes.

import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures/test';
import { JANUS_IMAGE_SIZE } from './fixtures/janus/oracle';
import { MODEL_NAMES, REPOS } from './fixtures/repos';
import { smolVlmImageAnswer } from './fixtures/smolvlm/oracle';
import { readStoredData } from './pages/stored-data';

interface PictureFacts {
  sha256: string;
  width: number;
  height: number;
  /** Share of pixels whose red channel leads the others by more than 60. */
  red: number;
}

/** The PNG behind a drawn picture, as stored (the img shows the media store's blob): its hash, size and red share. */
async function pictureFacts(page: Page, img: Locator): Promise<PictureFacts> {
  const src = await img.getAttribute('src');
  if (!src) throw new Error('the picture has no source');
  return page.evaluate(async (url) => {
    const bytes = await (await fetch(url)).arrayBuffer();
    const hash = [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    let red = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! - Math.max(data[i + 1]!, data[i + 2]!) > 60) red++;
    return { sha256: hash, width: bitmap.width, height: bitmap.height, red: red / (data.length / 4) };
  }, src);
}

function drawings(page: Page): Locator {
  return page.getByRole('article', { name: 'Sensa drew' });
}

async function waitDrawn(page: Page, n: number): Promise<Locator> {
  const answer = drawings(page).nth(n - 1);
  await expect(answer).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  return answer;
}

/**
 * Clicks Stop from inside the page at the first progress line of a `total`-token drawing, and records that line. A
 * 64-token drawing of the oracle takes about half a second on WASM: a click from the test process can arrive after the
 * last token, while an observer in the page stops it within a few tokens (the worker reads the cancel between steps).
 */
async function stopAtFirstToken(page: Page, total: number): Promise<void> {
  await page.evaluate((total) => {
    const w = window as unknown as { __stoppedAt?: string };
    delete w.__stoppedAt;
    const observer = new MutationObserver(() => {
      const line = [...document.querySelectorAll('.drawing-progress [role="status"]')].map((e) => e.textContent ?? '').find((t) => t.includes(`of ${total} image tokens`));
      if (!line) return;
      const stop = [...document.querySelectorAll<HTMLButtonElement>('form[aria-label="Compose"] button')].find((b) => b.textContent?.trim() === 'Stop');
      if (!stop) return;
      observer.disconnect();
      w.__stoppedAt = line;
      stop.click();
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  }, total);
}

// @webgpu: the image model's sessions on a GPU adapter (SwiftShader here), kept to a red square and its seed. The whole
// flow below runs on WASM; on SwiftShader it would add minutes to CI.
test('on WebGPU, "Draw a red square" draws a red picture, and the same seed the same bytes', { tag: '@webgpu' }, async ({ chat, page }) => {
  await chat.open();
  await chat.message.fill('Draw a red square');
  await page.getByRole('button', { name: 'Draw', exact: true }).click();
  const first = await waitDrawn(page, 1);
  const a = await pictureFacts(page, first.getByRole('img', { name: 'Drawn: a red square' }));
  expect([a.width, a.height]).toEqual([JANUS_IMAGE_SIZE, JANUS_IMAGE_SIZE]);
  expect(a.red).toBeGreaterThan(0.9);
  // The picture says where it was drawn.
  await expect(first).toContainText(/Same seed, same picture\. .* · WebGPU /);
  await first.getByRole('button', { name: 'Regenerate' }).click();
  const second = await waitDrawn(page, 2);
  expect((await pictureFacts(page, second.getByRole('img', { name: 'Drawn: a red square' }))).sha256).toBe(a.sha256);
});

// @once, for CI's time: this whole flow takes about 30 s on WASM; the WebGPU test above covers the device.
test('"Draw a red square": red pixels, same seed same bytes, Stop keeps no half picture, SmolVLM sees red, export/clear/import keeps the PNG', { tag: '@once' }, async ({ chat, hub, page, context }) => {
  await chat.open();
  // No chat model is needed: the image model loads on first use.
  await chat.message.fill('Draw a red square');
  await page.getByRole('button', { name: 'Draw', exact: true }).click();
  const first = await waitDrawn(page, 1);
  expect(hub.requestsFor(REPOS.janus).map((r) => r.file)).toContain('onnx/image_decode.onnx');
  const a = await pictureFacts(page, first.getByRole('img', { name: 'Drawn: a red square' }));
  expect([a.width, a.height]).toEqual([JANUS_IMAGE_SIZE, JANUS_IMAGE_SIZE]);
  expect(a.red).toBeGreaterThan(0.9);
  const seed = await first.getByLabel('Seed').inputValue();

  // Regenerate with the seed as shown: byte-identical.
  await first.getByRole('button', { name: 'Regenerate' }).click();
  const second = await waitDrawn(page, 2);
  const b = await pictureFacts(page, second.getByRole('img', { name: 'Drawn: a red square' }));
  expect(b.sha256).toBe(a.sha256);

  // Another seed: other shades, still red.
  await second.getByLabel('Seed').fill(String(Number(seed) + 1));
  await second.getByRole('button', { name: 'Regenerate' }).click();
  const third = await waitDrawn(page, 3);
  const c = await pictureFacts(page, third.getByRole('img', { name: 'Drawn: a red square' }));
  expect(c.sha256).not.toBe(a.sha256);
  expect(c.red).toBeGreaterThan(0.9);
  await expect(third.getByLabel('Seed')).toHaveValue(String(Number(seed) + 1));
  const mediaBefore = Object.keys((await readStoredData(page)).media).sort();
  expect(mediaBefore).toHaveLength(3);

  // Stop in the middle of four pictures (4 x 16 image tokens): no picture of the four is kept, none reaches the store.
  await third.getByLabel('Pictures').selectOption('4');
  await stopAtFirstToken(page, 64);
  await third.getByRole('button', { name: 'Regenerate' }).click();
  const stopped = drawings(page).nth(3);
  await expect(stopped).toHaveAttribute('data-status', 'stopped');
  await expect(stopped).toContainText('No picture was kept.');
  await expect(stopped.getByRole('img')).toHaveCount(0);
  const stoppedAt = await page.evaluate(() => (window as unknown as { __stoppedAt?: string }).__stoppedAt ?? '');
  expect(Number(/^(\d+) of 64/.exec(stoppedAt)?.[1])).toBeLessThan(64);
  expect(Object.keys((await readStoredData(page)).media).sort()).toEqual(mediaBefore);
  // The composer works again at once.
  await chat.message.fill('Draw a green square');
  await expect(page.getByRole('button', { name: 'Draw', exact: true })).toBeEnabled();
  await chat.message.fill('');

  // "Ask about this picture": the drawn PNG goes to the next turn, for a model that sees.
  await first.getByRole('button', { name: 'Ask about this picture' }).click();
  await chat.loadModel(MODEL_NAMES.smolvlm);
  await chat.send('What colour is this picture?');
  await chat.waitAnswerDone();
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(smolVlmImageAnswer('red'));

  // With a chat model loaded, a picture prompt says whether the image model fits beside it (Janus' size is not known
  // yet, so it says that) and offers to unload the chat model, or the image model while the worker holds it.
  await page.getByRole('button', { name: 'Picture', exact: true }).click();
  const memoryNote = page.getByRole('note').filter({ hasText: 'fits in memory beside SmolVLM 256M Instruct' });
  await expect(memoryNote).toBeVisible();
  // The image model is loaded (it drew): it can go instead, and the offer goes with it.
  await memoryNote.getByRole('button', { name: 'Unload Janus-Pro 1B' }).click();
  await expect(memoryNote.getByRole('button', { name: 'Unload Janus-Pro 1B' })).toHaveCount(0);
  await memoryNote.getByRole('button', { name: 'Unload SmolVLM 256M Instruct' }).click();
  await expect(memoryNote).toHaveCount(0);
  await expect(chat.loadButton).toBeVisible();
  await page.getByRole('button', { name: 'Picture', exact: true }).click();

  // Export everything, wipe the site as "Clear site data" does, import: the same records and the same PNG bytes.
  const before = await readStoredData(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all' }).click()]);
  const file = (await download.path())!;
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin: new URL(page.url()).origin, storageTypes: 'all' });
  await page.reload();
  expect(await readStoredData(page)).toEqual({ conversations: {}, media: {} });
  await page.getByLabel('Import chats').setInputFiles(file);
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 chat' })).toBeVisible();
  await expect.poll(async () => Object.keys((await readStoredData(page)).conversations).length).toBe(1);
  expect(await readStoredData(page)).toEqual(before);
  await page.getByRole('navigation', { name: 'Chat list' }).getByRole('button', { name: 'a red square', exact: true }).click();
  const imported = drawings(page).first();
  await expect(imported.getByLabel('Seed')).toHaveValue(seed);
  expect((await pictureFacts(page, imported.getByRole('img', { name: 'Drawn: a red square' }))).sha256).toBe(a.sha256);
});
