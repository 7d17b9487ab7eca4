// Killing the page right after 200 chats were imported: what was saved before survives, and the new chats land all or none.

import { test, expect } from './fixtures/test';

function exportFile(conversations: { id: string; title: string; messages: number }[]): { name: string; mimeType: string; buffer: Buffer } {
  const now = Date.now();
  const file = {
    format: 'sensa-export',
    version: 1,
    exportedAt: new Date(now).toISOString(),
    conversations: conversations.map(({ id, title, messages }, n) => ({
      schema: 1,
      conversation: {
        id,
        title,
        titleSetByPerson: true,
        createdAt: now - n,
        updatedAt: now - n,
        systemPrompt: '',
        messages: Array.from({ length: messages }, (_, i) => ({
          id: `${id}-${i}`,
          role: i % 2 ? 'assistant' : 'user',
          // A few kB per message, so the write takes long enough to be cut into.
          content: `${title} message ${i}: ${'lorem ipsum dolor sit amet '.repeat(80)}`,
          status: 'done',
          createdAt: now - n,
        })),
      },
    })),
  };
  return { name: 'chats.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) };
}

test('killing the renderer right after importing 200 chats loses nothing saved before, and the import lands all or none', async ({ page, context }, testInfo) => {
  test.skip(testInfo.project.name !== 'webgpu', 'Storage does not depend on where models run; one run is enough.');
  await page.goto('/');
  const list = page.getByRole('navigation', { name: 'Chat list' });
  await page.getByLabel('Import chats').setInputFiles(exportFile([{ id: 'keep', title: 'Keep me', messages: 4 }]));
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 chat' })).toBeVisible();
  await page.reload();
  await expect(list.getByRole('button', { name: 'Keep me', exact: true })).toBeVisible();

  const many = Array.from({ length: 200 }, (_, i) => ({ id: `bulk-${i}`, title: `Bulk ${i}`, messages: 6 }));
  await page.getByLabel('Import chats').setInputFiles(exportFile(many));
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
