// Documents: a 60-page PDF made in the test is read, embedded and retrieved; the echo model shows what reached the
// prompt; the citation opens its page; after a reload the library answers without reading or embedding again.
// Then every hostile input, each with its own message while the rest of the turn survives.

import { closeSync, openSync, ftruncateSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './fixtures/test';
import { ECHO_HUB_ROOT } from './fixtures/echo/build';
import { FakeHub } from './fixtures/hub';
import { MODEL_NAMES, REPOS } from './fixtures/repos';
import { LOCKED, PLANTED, damagedPdf, encryptedPdf, scannedPdf, latin1Text, longPdf, reportPdf, scriptedPdf, zipBytes } from './fixtures/documents/pdfs';
import type { ChatPage } from './pages/chat-page';
import { watch } from './pages/hostile-output';
import { smolVlmImageAnswer } from './fixtures/smolvlm/oracle';

const pdf = (name: string, buffer: Uint8Array) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(buffer) });
const TITLE = 'Harbour annual report';

async function openWithEcho(chat: ChatPage, hub: FakeHub, context: Parameters<FakeHub['install']>[0]): Promise<void> {
  await hub.install(context);
  await chat.open();
  await chat.loadModel(MODEL_NAMES.llama3);
}

test('a 60-page PDF: the page-41 fact reaches the prompt, its citation opens page 41, and after a reload the library answers without reading or embedding again', async ({ chat, page, context }) => {
  test.setTimeout(480_000);
  const hub = new FakeHub(ECHO_HUB_ROOT);
  await openWithEcho(chat, hub, context);
  // The echo answers with the whole turn it received, passages and all; its first 200 tokens hold passage [1],
  // which is what this test reads, and keep the echo of about 1,500 tokens of passages from taking minutes.
  await chat.openModelSettings();
  await page.getByText('Answer settings').click();
  await page.getByLabel('Max new tokens').fill('200');

  const report = pdf('report.pdf', await reportPdf());
  const attachedAt = Date.now();
  // Not chat.attach(): its 30 s wait is for pictures; here the embedding model loads first (slow on SwiftShader).
  await page.getByLabel('Attach files').setInputFiles(report);
  const card = chat.draftAttachment('report.pdf');
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 180_000 });
  await expect(card).toContainText(/PDF · 60 pages · [\d,]+ words/);
  // The embedder came from the fake Hub, like any model.
  expect(hub.requestsFor(REPOS.embedder).length).toBeGreaterThan(0);

  await chat.send(PLANTED.question);
  await expect(chat.lastAnswer().getByTestId('answer')).not.toBeEmpty({ timeout: 120_000 });
  test.info().annotations.push({ type: 'figures', description: `attach to first answer text: ${Date.now() - attachedAt} ms` });
  await chat.waitAnswerDone();
  const answer = chat.lastAnswer();
  await expect(answer).toHaveAttribute('data-status', 'done');
  // The echo model answers with the turn it received: the passages are in it, page 41's first.
  const text = answer.getByTestId('answer');
  await expect(text).toContainText(`[1] (${TITLE}, page ${PLANTED.page})`);
  await expect(text).toContainText(PLANTED.fact);
  await expect(text).not.toContainText(`[1] (${TITLE}, page ${PLANTED.decoyPage})`);

  // The "[1]" the answer wrote is a chip where it stands; the chips under the answer open the same view.
  const sourceOne = `Source 1: ${TITLE}, page ${PLANTED.page}`;
  const passage = page.getByRole('dialog', { name: sourceOne });
  for (const chip of [text.getByRole('button', { name: sourceOne }).first(), answer.getByLabel('Citations').getByRole('button', { name: sourceOne })]) {
    await chip.click();
    await expect(passage.getByTestId('passage-page')).toHaveText(`Page ${PLANTED.page}`);
    await expect(passage.getByTestId('passage-highlight')).toContainText(PLANTED.fact);
    // The highlight sits in the page's whole text, not alone.
    await expect(passage.getByTestId('passage-text')).toContainText(`Section ${PLANTED.page}.`);
    // The page itself, drawn by pdf.js from the stored PDF, with the fact's line marked where pdf.js placed it.
    const drawn = passage.getByTestId('rendered-page');
    await expect(drawn).toHaveAttribute('data-status', 'drawn', { timeout: 30_000 });
    await expect(drawn).toHaveAttribute('data-page', String(PLANTED.page));
    await expect(drawn).toHaveAttribute('data-marked-text', new RegExp(PLANTED.fact.replace(/[.]/g, '\\.')));
    await expect(drawn.getByTestId('page-highlight').first()).toBeVisible();
    // Ink on the canvas: text was drawn, not a blank sheet.
    const dark = await drawn.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 128 && (data[i + 3] ?? 0) > 0) n++;
      return n;
    });
    expect(dark).toBeGreaterThan(500);
    test.info().annotations.push({ type: 'figures', description: `page drawn by pdf.js in ${await drawn.getAttribute('data-draw-ms')} ms` });
    await passage.getByRole('button', { name: 'Close' }).click();
    await expect(passage).toBeHidden();
  }

  await answer.getByText(/^Sources \(\d+\)$/).click();
  await expect(answer.getByRole('button', { name: `[1] ${TITLE}, page ${PLANTED.page}` })).toBeVisible();
  await expect(answer.getByText(/score 0\.\d{3}/).first()).toBeVisible();

  // A fresh page: new workers, nothing in memory. The stored document goes into a new chat from the library.
  await page.reload();
  // The last model loads again by itself, from this device.
  await chat.waitReady();
  const embedderFilesBefore = hub.requestsFor(REPOS.embedder).length;
  await page.getByRole('button', { name: 'New chat' }).click();
  await page.getByRole('button', { name: 'Library' }).click();
  const library = page.getByRole('dialog', { name: 'Document library' });
  const entry = library.getByRole('listitem', { name: `Document ${TITLE}` });
  await expect(entry).toContainText(/60 pages .* stored [\d.]+ (kB|MB)/);
  // Figures, not assertions: how fast this device read and embedded the report (see docs/documents.md).
  const timings = entry.getByTestId('document-timings');
  test.info().annotations.push({
    type: 'figures',
    description: `pages/s ${await timings.getAttribute('data-pages-per-second')}, passages embedded/s ${await timings.getAttribute('data-chunks-per-second')}`,
  });
  await library.getByRole('searchbox', { name: 'Search documents' }).fill('zinc ledger');
  await expect(entry).toBeVisible();
  await library.getByRole('searchbox', { name: 'Search documents' }).fill('no such words anywhere');
  await expect(entry).toBeHidden();
  await library.getByRole('searchbox', { name: 'Search documents' }).fill('');
  await entry.getByRole('button', { name: 'Attach' }).click();
  await expect(chat.draftAttachment(TITLE)).toHaveAttribute('data-status', 'ready');

  await chat.send(PLANTED.question);
  await chat.waitAnswerDone();
  const again = chat.lastAnswer();
  await expect(again.getByTestId('answer')).toContainText(`[1] (${TITLE}, page ${PLANTED.page})`);
  // The engine's own count since this page opened: one call, one text (the question). No page was read.
  const figures = again.getByTestId('retrieval-figures');
  await expect(figures).toHaveAttribute('data-engine-texts', '1');
  await expect(figures).toHaveAttribute('data-embedded-texts', '1');
  await expect(figures).toHaveAttribute('data-pages-read', '0');
  // The embedder itself loaded from IndexedDB, not the Hub.
  expect(hub.requestsFor(REPOS.embedder).length).toBe(embedderFilesBefore);

  // The export carries the document with its vectors (deleted below, then brought back from this file).
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all' }).click()]);
  const exported = (await download.path())!;

  // Deleting the document takes its vectors with it; the chat still shows the passage it was given.
  await page.getByRole('button', { name: 'Library' }).click();
  await library.getByRole('button', { name: `Delete ${TITLE}` }).click();
  await expect(library.getByText('No documents yet.')).toBeVisible();
  const stores = await page.evaluate(
    () =>
      new Promise<number[]>((resolve, reject) => {
        const open = indexedDB.open('sensa');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['documents', 'document-vectors']);
          const a = tx.objectStore('documents').count();
          const b = tx.objectStore('document-vectors').count();
          tx.oncomplete = () => resolve([a.result, b.result]);
        };
      }),
  );
  expect(stores).toEqual([0, 0]);
  await library.getByRole('button', { name: 'Close' }).click();

  // Imported back: the same question in this chat gets the same answer from the imported vectors, with nothing
  // read or embedded but the question, and no vectors rebuilt.
  await page.getByLabel('Import chats').setInputFiles(exported);
  await expect(page.getByRole('status').filter({ hasText: '1 document with its vectors' })).toBeVisible();
  await chat.send(PLANTED.question);
  await chat.waitAnswerDone();
  const imported = chat.lastAnswer();
  await expect(imported.getByTestId('answer')).toHaveText((await again.getByTestId('answer').textContent()) ?? '');
  const importedFigures = imported.getByTestId('retrieval-figures');
  await expect(importedFigures).toHaveAttribute('data-embedded-texts', '1');
  await expect(importedFigures).toHaveAttribute('data-pages-read', '0');
  await expect(importedFigures).toHaveAttribute('data-rebuilt', '0');
});

// @once: a document is read and refused before any model sees it; the WASM run covers it.
test('hostile documents each get their own message, nothing in them runs, and the rest of the turn survives', { tag: '@once' }, async ({ chat, page, context }) => {
  test.setTimeout(240_000);
  // Dialogs, CSP violations and requests to evil.example: what would show that something in a document ran.
  const { evil } = await watch(page);
  await openWithEcho(chat, new FakeHub(ECHO_HUB_ROOT), context);

  // Over 200 MB is refused from its size: a sparse file, so the test writes almost nothing.
  const huge = join(tmpdir(), `sensa-huge-${process.pid}.pdf`);
  const fd = openSync(huge, 'w');
  writeSync(fd, Buffer.from('%PDF-1.7\n'));
  ftruncateSync(fd, 201_000_000);
  closeSync(fd);

  await chat.message.fill('Keep these words.');
  await page.getByLabel('Attach files').setInputFiles([
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Tide tables for the harbour: high water at six.') },
    pdf('locked.pdf', await encryptedPdf()),
    pdf('broken.pdf', damagedPdf()),
    pdf('archive.pdf', zipBytes()),
    pdf('long.pdf', await longPdf()),
    { name: 'old.txt', mimeType: 'text/plain', buffer: Buffer.from(latin1Text()) },
    pdf('scripted.pdf', await scriptedPdf()),
  ]);
  await page.getByLabel('Attach files').setInputFiles(huge);

  const refused: [string, RegExp][] = [
    ['broken.pdf', /“broken.pdf” is a damaged PDF/],
    ['archive.pdf', /“archive.pdf” is named like a PDF but is a ZIP archive/],
    ['long.pdf', /“long.pdf” has 2,001 pages; documents up to 2,000 pages are accepted/],
    ['old.txt', /“old.txt” is not UTF-8 text/],
    [`sensa-huge-${process.pid}.pdf`, /is 201 MB; documents up to 200 MB are accepted/],
  ];
  for (const [name, message] of refused) {
    const item = chat.draftAttachment(name);
    await expect(item).toHaveAttribute('data-status', 'error', { timeout: 180_000 });
    await expect(item.getByRole('alert')).toHaveText(message);
  }
  // The encrypted PDF asks for its password, refuses a wrong one, and opens with the right one.
  const locked = chat.draftAttachment('locked.pdf');
  await expect(locked.getByRole('alert')).toHaveText('“locked.pdf” is protected by a password.', { timeout: 180_000 });
  const password = locked.getByLabel('Password for locked.pdf');
  await password.fill('not-it');
  await password.press('Enter');
  await expect(locked.getByRole('alert')).toHaveText('That is not the password of “locked.pdf”.');
  await locked.getByLabel('Password for locked.pdf').fill(LOCKED.password);
  await locked.getByRole('button', { name: 'Open' }).click();
  await expect(locked).toHaveAttribute('data-status', 'ready', { timeout: 180_000 });

  // The PDF with a script and an embedded file is read for its text only, and says what it left alone.
  const scripted = chat.draftAttachment('scripted.pdf');
  await expect(scripted).toHaveAttribute('data-status', 'ready', { timeout: 180_000 });
  await expect(scripted).toContainText('its scripts and 1 embedded file ignored: never run or extracted');
  await expect(chat.draftAttachment('notes.txt')).toHaveAttribute('data-status', 'ready', { timeout: 180_000 });
  await expect(chat.message).toHaveValue('Keep these words.');

  // Removing the refused files lets the turn go with everything else in it.
  for (const [name] of refused) await chat.draftAttachment(name).getByRole('button', { name: `Remove ${name}` }).click();
  await chat.sendButton.click();
  await chat.waitAnswerDone();
  const answer = chat.lastAnswer().getByTestId('answer');
  await expect(answer).toContainText('Keep these words.');
  await expect(answer).toContainText('high water at six');
  await expect(answer).toContainText('tide tables');
  await expect(answer).toContainText(LOCKED.sentence);
  await expect(answer).not.toContainText('embedded secret payload');

  // Nothing deferred has a signal to wait for; this gives a late script time to fire before looking.
  await page.waitForTimeout(500);
  expect(evil, 'dialogs and requests to evil.example').toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { canary?: unknown }).canary), 'the canary').toBeUndefined();
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations), 'CSP violations').toEqual([]);
});

// @once: the page is drawn in the page by pdf.js and goes the picture path, whatever device the model uses.
test('a scanned page has no text to read, but drawn as a picture it reaches a model that sees', { tag: '@once' }, async ({ chat, page }) => {
  await chat.open();
  await chat.loadModel(MODEL_NAMES.smolvlm);
  await page.getByLabel('Attach files').setInputFiles([pdf('receipt.pdf', await scannedPdf())]);
  const card = chat.draftAttachment('receipt.pdf');
  await expect(card).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  await expect(card).toContainText('1 page scanned, no text');
  await card.getByRole('button', { name: 'Add the scanned page as a picture' }).click();
  // The page arrives as any picture does: checked, previewed, and counted against what the model takes.
  const picture = chat.draftAttachment('receipt, page 2.png');
  await expect(picture).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await expect(card).toContainText('Scanned page added as a picture');
  await chat.send('What colour is this page?');
  await chat.waitAnswerDone();
  // The SmolVLM oracle names the picture's dominant colour: the red of the drawn page, which no text said.
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(smolVlmImageAnswer('red'));
});
