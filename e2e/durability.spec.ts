// Killing the page while it saves: what was saved before survives, every chat is whole or absent, and no attachment is left behind.

import { createHash, randomBytes } from 'node:crypto';
import { test, expect } from './fixtures/test';
import { exportJson, exportUpload } from './pages/export-file';
import { readStoredData } from './pages/stored-data';

/** Chats of `messages` messages each, a few kB per message so the write takes long enough to be cut into. */
function bulkChats(chats: { id: string; title: string; messages: number }[]) {
  return exportUpload(
    chats.map(({ id, title, messages }) => ({
      id,
      title,
      messages: Array.from({ length: messages }, (_, i) => ({
        id: `${id}-${i}`,
        role: i % 2 ? ('assistant' as const) : ('user' as const),
        content: `${title} message ${i}: ${'lorem ipsum dolor sit amet '.repeat(80)}`,
      })),
    })),
  );
}

// @once, run on WASM only, the cheaper run (playwright.config.ts): Storage does not depend on where models run; one run is enough.
test('killing the renderer right after importing 200 chats loses nothing saved before, and the import lands all or none', { tag: '@once' }, async ({ page, context }, testInfo) => {
  await page.goto('/');
  const list = page.getByRole('navigation', { name: 'Chat list' });
  await page.getByLabel('Import chats').setInputFiles(bulkChats([{ id: 'keep', title: 'Keep me', messages: 4 }]));
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 chat' })).toBeVisible();
  await page.reload();
  await expect(list.getByRole('button', { name: 'Keep me', exact: true })).toBeVisible();

  const many = Array.from({ length: 200 }, (_, i) => ({ id: `bulk-${i}`, title: `Bulk ${i}`, messages: 6 }));
  await page.getByLabel('Import chats').setInputFiles(bulkChats(many));
  await expect(page.getByRole('status').filter({ hasText: 'Imported 200 chats' })).toBeVisible();
  // The import is written at once, as one transaction: kill the renderer while it may still be running.
  await page.goto('chrome://crash').catch(() => undefined);
  // The renderer is really gone, not just navigated away.
  await expect(page.evaluate(() => 1)).rejects.toThrow();

  const again = await context.newPage();
  await again.goto('/');
  const listAgain = again.getByRole('navigation', { name: 'Chat list' });
  await expect(listAgain.getByRole('button', { name: 'Keep me', exact: true })).toBeVisible();
  const bulk = listAgain.getByRole('button', { name: /^Bulk \d+$/ });
  const count = await bulk.count();
  testInfo.annotations.push({ type: 'saved before the crash', description: `${count} of 200` });
  console.log(`[${testInfo.project.name}] chats saved before the crash: ${count} of 200`);
  // One transaction: all of the import or none of it, never some.
  expect([0, 200]).toContain(count);
  await listAgain.getByRole('button', { name: 'Keep me', exact: true }).click();
  await expect(again.getByRole('article', { name: 'You said' })).toHaveCount(2);
  if (count === 200) {
    await listAgain.getByRole('button', { name: 'Bulk 137', exact: true }).click();
    await expect(again.getByRole('article', { name: 'Sensa answered' })).toHaveCount(3);
  }
});

/** One chat with a picture attached, as an export file: the import writes the picture, then the chat. */
function chatWithPicture(i: number): { json: string; sha256: string; content: string } {
  // 24 KiB of noise per picture: enough that each pair of writes takes a while to land.
  const bytes = randomBytes(24 * 1024);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const content = `Picture ${i}: ${'what is in it? '.repeat(40)}`;
  const json = exportJson(
    [
      {
        id: `pic-${i}`,
        title: `Picture ${i}`,
        messages: [
          { id: `pic-${i}-q`, role: 'user', content, attachments: [{ id: `att-${i}`, kind: 'image', name: `pic-${i}.png`, format: 'png', bytes: bytes.length }] },
          { id: `pic-${i}-a`, role: 'assistant', content: `Answer ${i}.` },
        ],
      },
    ],
    { [`att-${i}`]: { images: [{ type: 'image/png', sha256, base64: bytes.toString('base64') }] } },
  );
  return { json, sha256, content };
}

// @once, run on WASM only, the cheaper run (playwright.config.ts): Storage does not depend on where models run; one run is enough.
test('killing the renderer during 200 saves: every chat is whole or absent, and no attachment is orphaned', { tag: '@once' }, async ({ page, context }, testInfo) => {
  await page.goto('/');
  await page.getByLabel('Import chats').setInputFiles(bulkChats([{ id: 'keep', title: 'Keep me', messages: 4 }]));
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 chat' })).toBeVisible();

  const chats = Array.from({ length: 200 }, (_, i) => chatWithPicture(i));
  // 200 imports through the app's own file input, one every 10 ms, each writing a picture and then its chat.
  await page.evaluate((files) => {
    const input = document.querySelector<HTMLInputElement>('input[aria-label="Import chats"]')!;
    const w = window as unknown as { importsStarted: number };
    w.importsStarted = 0;
    void (async () => {
      for (const [i, json] of files.entries()) {
        const transfer = new DataTransfer();
        transfer.items.add(new File([json], `chat-${i}.json`, { type: 'application/json' }));
        input.files = transfer.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
        w.importsStarted = i + 1;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
  }, chats.map((c) => c.json));
  await expect.poll(() => page.evaluate(() => (window as unknown as { importsStarted: number }).importsStarted)).toBeGreaterThanOrEqual(100);
  await page.goto('chrome://crash').catch(() => undefined);
  await expect(page.evaluate(() => 1)).rejects.toThrow();

  const again = await context.newPage();
  await again.goto('/');
  await expect(again.getByRole('navigation', { name: 'Chat list' }).getByRole('button', { name: 'Keep me', exact: true })).toBeVisible();
  // Start-up removes attachments that no chat references (an import cut between its two writes leaves one).
  await expect
    .poll(async () => {
      const { conversations, media } = await readStoredData(again);
      const referenced = new Set(Object.values(conversations).flatMap((r) => (r as { conversation: { messages: { attachments?: { id: string }[] }[] } }).conversation.messages.flatMap((m) => (m.attachments ?? []).map((a) => a.id))));
      return Object.keys(media).filter((id) => !referenced.has(id));
    }, { message: 'attachments no chat references' })
    .toEqual([]);

  const { conversations, media } = await readStoredData(again);
  const saved = chats.flatMap((c, i) => (conversations[`pic-${i}`] ? [i] : []));
  console.log(`[${testInfo.project.name}] chats saved before the crash: ${saved.length} of 200 (imports started: 100+)`);
  testInfo.annotations.push({ type: 'saved before the crash', description: `${saved.length} of 200` });
  // The kill landed during the saves, not after them.
  expect(saved.length).toBeLessThan(200);
  for (const i of saved) {
    const { conversation } = conversations[`pic-${i}`] as { conversation: { messages: { content: string; attachments?: { id: string }[] }[] } };
    // Whole: both messages, the question's exact text, and the picture it points at, byte for byte.
    expect(conversation.messages.map((m) => m.content)).toEqual([chats[i]!.content, `Answer ${i}.`]);
    expect(conversation.messages[0]?.attachments?.map((a) => a.id)).toEqual([`att-${i}`]);
    expect(media[`att-${i}`]?.images.map((b) => b.sha256)).toEqual([chats[i]!.sha256]);
  }
  const keep = conversations.keep as { conversation: { messages: unknown[] } };
  expect(keep.conversation.messages).toHaveLength(4);
});
