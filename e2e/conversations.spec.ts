// Conversations that last: saved in IndexedDB across reloads, listed, searched, renamed, deleted with undo, edited and re-run.

import { test, expect } from './fixtures/test';
import { expectedReply } from './fixtures/oracle';

const LLAMA = 'Llama 3.2 1B Instruct';

test('chats survive a reload and can be searched, renamed, deleted and restored', async ({ chat, page }) => {
  await page.setViewportSize({ width: 1200, height: 800 });
  await chat.open();
  await chat.loadModel(LLAMA);
  await chat.send('I saw a river');
  await chat.waitAnswerDone();
  await page.getByRole('button', { name: 'New chat' }).click();
  await chat.send('a mountain and a mountain');
  await chat.waitAnswerDone();
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('mountain'));

  await page.reload();
  await chat.waitReady();
  const list = page.getByRole('navigation', { name: 'Chat list' });
  await expect(list.getByRole('button', { name: 'I saw a river', exact: true })).toBeVisible();
  // The newest chat reopens, with its answer intact.
  await expect(page.getByRole('heading', { level: 2, name: 'a mountain and a mountain' })).toBeVisible();
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('mountain'));

  await page.getByLabel('Search chats').fill('river');
  await expect(list.locator('mark')).toHaveText(['river']);
  await expect(list.getByRole('button', { name: 'a mountain and a mountain', exact: true })).toHaveCount(0);
  await page.getByLabel('Search chats').fill('');

  await list.getByRole('button', { name: 'Rename I saw a river' }).click();
  await list.getByLabel('Chat title').fill('Rivers');
  await list.getByLabel('Chat title').press('Enter');
  await list.getByRole('button', { name: 'Delete Rivers' }).click();
  await expect(list.getByRole('button', { name: 'Rivers', exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Rivers' })).toBeVisible();
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('river'));

  // After the writes settle, a reload shows the rename and the undone delete.
  await page.waitForTimeout(800);
  await page.reload();
  await chat.waitReady();
  await expect(list.getByRole('button', { name: 'Rivers', exact: true })).toBeVisible();
});

test('editing a sent message re-runs the answer from there', async ({ chat, page }) => {
  await chat.open();
  await chat.loadModel(LLAMA);
  await chat.send('apple');
  await chat.waitAnswerDone();
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('apple'));
  await chat.conversation.getByRole('article', { name: 'You said' }).getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Edit message').fill('banana');
  await page.getByRole('button', { name: 'Save and answer again' }).click();
  await chat.waitAnswerDone();
  await expect(chat.answers()).toHaveCount(1);
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('banana'));
});

test('a system prompt reaches the model', async ({ chat, page }) => {
  await chat.open();
  await chat.loadModel(LLAMA);
  await page.getByText('System prompt', { exact: true }).click();
  // The oracle counts words in everything it sees, the system prompt included.
  await page.getByLabel('System prompt for this chat').fill('cherry cherry cherry');
  await chat.send('apple');
  await chat.waitAnswerDone();
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('cherry'));
});
