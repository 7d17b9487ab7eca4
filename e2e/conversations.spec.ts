// Conversations that last: saved in IndexedDB across reloads, listed, searched, renamed, deleted with undo, edited and re-run.

import { test, expect } from './fixtures/test';
import { expectedReply } from './fixtures/oracle';
import { mediaFixturePath } from './fixtures/media/index';
import { omniImageAudioAnswer } from './fixtures/omni/oracle';
import { MODEL_NAMES } from './fixtures/repos';
import { readStoredData } from './pages/stored-data';

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

  // Once the rename and the undone delete are in IndexedDB, a reload shows them.
  const storedTitles = async () =>
    Object.values((await readStoredData(page)).conversations).map((record) => (record as { conversation?: { title?: string } }).conversation?.title);
  await expect.poll(storedTitles).toContain('Rivers');
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
  // The question before the edit is kept as a version, with its own answer.
  const question = chat.conversation.getByRole('article', { name: 'You said' });
  await expect(question.getByRole('group', { name: 'Versions' })).toContainText('2 of 2');
  await question.getByRole('button', { name: 'Previous version' }).click();
  await expect(question.getByRole('group', { name: 'Versions' })).toContainText('1 of 2');
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('apple'));
});

test('regenerating keeps each answer as a version: ‹ › shows each, a reload keeps the one viewed, export and import carry all three', { tag: '@once' }, async ({ chat, page }, testInfo) => {
  await page.setViewportSize({ width: 1200, height: 800 });
  await chat.open();
  await chat.loadModel(LLAMA);
  await chat.send('cherry pie');
  await chat.waitAnswerDone();
  const text = chat.lastAnswer().getByTestId('answer');
  const versions = chat.lastAnswer().getByRole('group', { name: 'Versions' });
  const full = expectedReply('cherry');
  await expect(text).toHaveText(full);

  // The oracle is greedy, so a regenerate alone would repeat it: a smaller Max new tokens makes each version differ.
  await chat.openModelSettings();
  await page.getByText('Answer settings').click();
  const shown = [full];
  for (const [max, label] of [['2', '2 of 2'], ['3', '3 of 3']] as const) {
    await page.getByLabel('Max new tokens').fill(max);
    await chat.lastAnswer().getByRole('button', { name: 'Regenerate' }).click();
    await expect(versions).toContainText(label);
    shown.push((await text.textContent()) ?? '');
  }
  expect(new Set(shown).size).toBe(3);
  expect(full.startsWith(shown[2]!) && shown[2]!.startsWith(shown[1]!) && shown[1]!.length > 0).toBe(true);
  await expect(chat.answers()).toHaveCount(1);

  // Each version by its buttons, then back to the second.
  await chat.lastAnswer().getByRole('button', { name: 'Previous version' }).click();
  await expect(versions).toContainText('2 of 3');
  await expect(text).toHaveText(shown[1]!);
  await chat.lastAnswer().getByRole('button', { name: 'Previous version' }).click();
  await expect(versions).toContainText('1 of 3');
  await expect(text).toHaveText(full);
  await expect(chat.lastAnswer().getByRole('button', { name: 'Previous version' })).toBeDisabled();
  await chat.lastAnswer().getByRole('button', { name: 'Next version' }).click();
  await expect(versions).toContainText('2 of 3');
  await expect(text).toHaveText(shown[1]!);

  // Markdown is the branch on screen.
  const [markdown] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
  const md = await (await import('node:fs/promises')).readFile((await markdown.path())!, 'utf8');
  expect(md).toContain(`## Sensa\n\n${shown[1]}\n`);
  expect(md).not.toContain(full);

  // The viewed branch is stored: a reload shows it.
  await expect.poll(async () => JSON.stringify(await readStoredData(page))).toContain('"viewedChild"');
  await page.reload();
  await chat.waitReady();
  await expect(versions).toContainText('2 of 3');
  await expect(text).toHaveText(shown[1]!);

  // Export, delete, import: the same three versions, the second viewed.
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all' }).click()]);
  const list = page.getByRole('navigation', { name: 'Chat list' });
  await list.getByRole('button', { name: 'Delete cherry pie' }).click();
  await expect(list.getByRole('button', { name: 'cherry pie', exact: true })).toHaveCount(0);
  await page.getByLabel('Import chats').setInputFiles((await json.path())!);
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 chat' })).toBeVisible();
  await list.getByRole('button', { name: 'cherry pie', exact: true }).click();
  await expect(versions).toContainText('2 of 3');
  await expect(text).toHaveText(shown[1]!);
  await chat.lastAnswer().getByRole('button', { name: 'Next version' }).click();
  await expect(versions).toContainText('3 of 3');
  await expect(text).toHaveText(shown[2]!);
  await page.screenshot({ path: testInfo.outputPath('branch-desktop.png') });

  // At phone width the ‹ 3/3 › and the message box stay on screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await chat.lastAnswer().getByRole('button', { name: 'Previous version' }).click();
  await expect(versions).toContainText('2 of 3');
  await expect(versions).toBeInViewport();
  await expect(chat.message).toBeInViewport();
  await page.screenshot({ path: testInfo.outputPath('branch-phone.png') });
});

test('a system prompt reaches the model; saved prompts fill their variables, reach it too, and survive a reload', async ({ chat, page }) => {
  await chat.open();
  await chat.loadModel(LLAMA);
  await page.getByText('System prompt', { exact: true }).click();
  // The oracle counts words in everything it sees, the system prompt included.
  const systemPrompt = page.getByLabel('System prompt for this chat');
  await systemPrompt.fill('cherry cherry cherry');
  await chat.send('apple');
  await chat.waitAnswerDone();
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('cherry'));

  // A system prompt saved with a variable, used in a new chat: the variable is asked for and filled in.
  await systemPrompt.fill('{{fruit}} {{fruit}} {{fruit}}');
  await page.getByRole('button', { name: 'Save as system prompt…' }).click();
  await page.getByRole('group', { name: 'Save as system prompt' }).getByLabel('Name').fill('Fruit');
  await page.getByRole('group', { name: 'Save as system prompt' }).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved “Fruit”.' })).toBeVisible();
  await page.getByRole('button', { name: 'New chat', exact: true }).click();
  // The header is the same element for the new chat, so its System prompt fold may still be open.
  if (!(await systemPrompt.isVisible())) await page.getByText('System prompt', { exact: true }).click();
  await expect(systemPrompt).toHaveValue('');
  await page.getByLabel('Saved system prompts').selectOption({ label: 'Fruit' });
  await page.getByRole('group', { name: 'Fill in Fruit' }).getByLabel('fruit').fill('banana');
  await page.getByRole('group', { name: 'Fill in Fruit' }).getByLabel('fruit').press('Enter');
  await expect(systemPrompt).toHaveValue('banana banana banana');

  // A starter with a variable fills the message box; four rivers outweigh the system prompt's three bananas.
  await page.getByRole('button', { name: 'Prompts' }).click();
  await chat.message.fill('{{topic}} {{topic}} {{topic}} {{topic}}');
  await page.getByRole('button', { name: 'Save as starter…' }).click();
  // Nameless is refused with a reason, and nothing is saved.
  await page.getByRole('group', { name: 'Save as starter' }).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Give the prompt a name.' })).toBeVisible();
  await page.getByRole('group', { name: 'Save as starter' }).getByLabel('Name').fill('Topic');
  await page.getByRole('group', { name: 'Save as starter' }).getByLabel('Name').press('Enter');
  await chat.message.fill('');
  await page.getByLabel('Saved starters').selectOption({ label: 'Topic' });
  await page.getByRole('group', { name: 'Fill in Topic' }).getByLabel('topic').fill('river');
  await page.getByRole('group', { name: 'Fill in Topic' }).getByRole('button', { name: 'Use' }).click();
  await expect(chat.message).toHaveValue('river river river river');
  await chat.sendButton.click();
  await chat.waitAnswerDone();
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('river'));

  // Saved prompts are kept with the preferences: after a reload both are still offered, and one can be deleted.
  await page.reload();
  await chat.open();
  await page.getByRole('button', { name: 'Prompts' }).click();
  await expect(page.getByLabel('Saved starters').getByRole('option', { name: 'Topic' })).toHaveCount(1);
  await page.getByLabel('Saved starters').selectOption({ label: 'Topic' });
  await page.getByRole('group', { name: 'Fill in Topic' }).getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Delete “Topic”' }).click();
  await expect(page.getByLabel('Saved starters')).toBeDisabled();
  await page.locator('summary', { hasText: /^System prompt/ }).click();
  await expect(page.getByLabel('Saved system prompts').getByRole('option', { name: 'Fruit' })).toHaveCount(1);
});

test('two tabs editing: each sees the other’s changes, and neither overwrites them with an older copy', async ({ chat, context }) => {
  await chat.open();
  await chat.loadModel(LLAMA);
  const other = await context.newPage();
  await other.goto('/');
  await expect(other.getByRole('region', { name: 'Model' }).getByRole('status')).toContainText('ready');
  const listIn = (page: typeof other) => page.getByRole('navigation', { name: 'Chat list' });

  // Tab A writes a chat; tab B sees it and opens it.
  await chat.send('river and river');
  await chat.waitAnswerDone();
  const entry = listIn(other).getByRole('button', { name: 'river and river', exact: true });
  await expect(entry).toBeVisible();
  await entry.click();
  await expect(other.getByRole('log', { name: 'Conversation' }).getByTestId('answer')).toHaveText(expectedReply('river'));

  // Tab A renames it; tab B sees the new title.
  await listIn(chat.page).getByRole('button', { name: 'Rename river and river' }).click();
  await listIn(chat.page).getByRole('textbox', { name: 'Chat title' }).fill('Renamed in A');
  await listIn(chat.page).getByRole('textbox', { name: 'Chat title' }).press('Enter');
  await expect(listIn(other).getByRole('button', { name: 'Renamed in A', exact: true })).toBeVisible();

  // Tab B continues the same chat; tab A gets the new turn and keeps its title.
  await other.getByRole('textbox', { name: 'Message' }).fill('cherry cherry cherry cherry');
  await other.getByRole('button', { name: 'Send' }).click();
  await expect(other.getByRole('log', { name: 'Conversation' }).getByTestId('answer').last()).toHaveText(expectedReply('cherry'));
  await expect(chat.answers()).toHaveCount(2);
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('cherry'));
  await expect(listIn(chat.page).getByRole('button', { name: 'Renamed in A', exact: true })).toBeVisible();

  // What is stored is the union of both tabs' edits, whichever tab saved last.
  await other.close();
  await chat.page.reload();
  await listIn(chat.page).getByRole('button', { name: 'Renamed in A', exact: true }).click();
  await expect(chat.answers()).toHaveCount(2);
  await expect(chat.conversation.getByRole('article', { name: 'You said' })).toHaveText([/^river and river/, /^cherry cherry cherry cherry/]);
});

test('works by keyboard, and a screen reader hears whole sentences', async ({ chat, page }) => {
  await chat.open();
  await chat.loadModel(LLAMA);
  await page.evaluate(() => {
    const w = window as unknown as { __spoken: string[] };
    w.__spoken = [];
    const region = document.querySelector('[data-testid="announcer"]');
    if (!region) throw new Error('no live region');
    new MutationObserver(() => w.__spoken.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
  });
  await page.keyboard.press('Shift+Escape');
  await expect(chat.message).toBeFocused();
  await page.keyboard.type('banana');
  await page.keyboard.press('Enter');
  await chat.waitAnswerDone();
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('banana'));
  const spoken = await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken.filter(Boolean));
  expect(spoken.join(' ')).toBe(expectedReply('banana'));
  expect(spoken.length, 'far fewer announcements than tokens').toBeLessThanOrEqual(3);

  await page.keyboard.press('Control+Shift+O');
  await expect(chat.answers()).toHaveCount(0);
  await page.keyboard.press('Shift+Escape');
  await page.keyboard.type('say forever');
  await page.keyboard.press('Enter');
  await expect(chat.lastAnswer().getByTestId('answer')).toContainText('forever and forever');
  await page.keyboard.press('Escape');
  await expect(chat.lastAnswer()).toHaveAttribute('data-status', /stopped|done/);

  // Search, and open what it found, without the mouse.
  await page.keyboard.press('Control+K');
  const search = page.getByRole('searchbox', { name: 'Search chats' });
  await expect(search).toBeFocused();
  await page.keyboard.type('banana');
  const found = page.getByRole('navigation', { name: 'Chat list' }).getByRole('button', { name: /^banana/ });
  await expect(found).toHaveCount(1);
  await expect(page.getByRole('navigation', { name: 'Chat list' }).locator('mark')).toContainText(['banana']);
  await page.keyboard.press('Tab');
  await expect(found).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('banana'));
});

test('exports chats as JSON and Markdown, and imports them back with nothing lost', async ({ chat, page }) => {
  await page.setViewportSize({ width: 1200, height: 800 });
  await chat.open();
  await chat.loadModel(LLAMA);
  await chat.send('cherry pie');
  await chat.waitAnswerDone();

  const [markdown] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
  const md = await (await import('node:fs/promises')).readFile((await markdown.path())!, 'utf8');
  expect(md).toContain('## You\n\ncherry pie');
  expect(md).toContain(expectedReply('cherry'));

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all' }).click()]);
  const file = (await json.path())!;
  const list = page.getByRole('navigation', { name: 'Chat list' });
  await list.getByRole('button', { name: 'Delete cherry pie' }).click();
  await expect(list.getByRole('button', { name: 'cherry pie', exact: true })).toHaveCount(0);

  await page.getByLabel('Import chats').setInputFiles(file);
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 chat' })).toBeVisible();
  await list.getByRole('button', { name: 'cherry pie', exact: true }).click();
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('cherry'));
  await expect(chat.lastAnswer().getByTestId('answer-meta')).toContainText('Llama 3.2 1B Instruct · q4');
});

test('export everything, wipe the site, import: the same chats and the same attachment bytes, and the model still sees them', async ({ chat, page, context }) => {
  await page.setViewportSize({ width: 1200, height: 800 });
  await chat.open();
  await chat.loadModel(MODEL_NAMES.omni);
  await chat.attach(mediaFixturePath('red-64.png'), mediaFixturePath('low-220hz-2s.wav'));
  await chat.send('What is this?');
  await chat.waitAnswerDone();
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(omniImageAudioAnswer('red', 'low'));
  await page.getByRole('button', { name: 'New chat' }).click();
  await chat.send('banana bread banana');
  await chat.waitAnswerDone();

  const before = await readStoredData(page);
  expect(Object.keys(before.conversations)).toHaveLength(2);
  // A picture (prepared image + thumbnail) and a clip (16 kHz samples) are stored.
  expect(Object.values(before.media).map((m) => m.images.length + (m.pcm ? 1 : 0)).sort()).toEqual([1, 1]);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all' }).click()]);
  const file = (await download.path())!;

  // Wipe the origin as "Clear site data" does: IndexedDB, the service worker and its caches, local storage.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin: new URL(page.url()).origin, storageTypes: 'all' });
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Chat list' }).getByRole('button', { name: 'What is this?', exact: true })).toHaveCount(0);
  expect(await readStoredData(page)).toEqual({ conversations: {}, media: {} });

  await page.getByLabel('Import chats').setInputFiles(file);
  await expect(page.getByRole('status').filter({ hasText: 'Imported 2 chats, 2 attachments.' })).toBeVisible();
  await expect.poll(async () => Object.keys((await readStoredData(page)).conversations).length).toBe(2);
  expect(await readStoredData(page)).toEqual(before);

  // The bytes are the model's input again: a follow-up in the imported chat is answered from the imported picture and clip.
  await page.getByRole('navigation', { name: 'Chat list' }).getByRole('button', { name: 'What is this?', exact: true }).click();
  await expect(page.getByRole('img', { name: /red-64\.png/ }).first()).toBeVisible();
  await chat.loadModel(MODEL_NAMES.omni);
  await chat.send('Tell me again.');
  await chat.waitAnswerDone();
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(omniImageAudioAnswer('red', 'low'));
});
