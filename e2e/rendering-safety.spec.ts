// Model output is untrusted: XSS and exfiltration payloads, fed through a model that echoes them and through an
// imported conversation, render as inert text, run nothing and fetch nothing.

import { test, expect } from './fixtures/test';
import { ECHO_HUB_ROOT } from './fixtures/echo/build';
import { echoReply } from './fixtures/echo/oracle';
import { FakeHub } from './fixtures/hub';
import { MODEL_NAMES } from './fixtures/repos';
import { exportUpload } from './pages/export-file';
import { readStoredData } from './pages/stored-data';
import { EXFIL_TEXT, XSS_TEXT, expectInert, watch } from './pages/hostile-output';

// @once, run on WASM only, the cheaper run (playwright.config.ts): Rendering does not depend on where the model runs; one run is enough.
test('payloads the model writes render as inert text: nothing runs, nothing is fetched', { tag: '@once' }, async ({ chat, page, context }) => {
  test.setTimeout(180_000);
  const { evil } = await watch(page);
  // Served in place of the Llama repo: a model whose answer is the person's last message, token for token.
  await new FakeHub(ECHO_HUB_ROOT).install(context);
  await chat.open();
  await chat.loadModel(MODEL_NAMES.llama3);

  await chat.send(XSS_TEXT);
  await chat.waitAnswerDone();
  await expect(chat.lastAnswer()).toHaveAttribute('data-status', 'done');
  // The whole corpus really was the model's output, not something the app made up.
  const stored = Object.values((await readStoredData(page)).conversations)[0] as { conversation: { messages: { role: string; content: string }[] } };
  expect(stored.conversation.messages.at(-1)?.content).toBe(echoReply(XSS_TEXT));
  const answer = chat.lastAnswer().getByTestId('answer');
  // Dangerous links keep their text and lose their target.
  await expect(answer.getByText('a javascript link')).toBeVisible();
  await expect(answer.getByRole('link', { name: 'a javascript link' })).toHaveCount(0);
  await expect(answer.getByRole('link', { name: 'a data link' })).toHaveCount(0);
  await expectInert(page, evil);

  await chat.send(EXFIL_TEXT);
  await chat.waitAnswerDone();
  await expect(chat.lastAnswer()).toHaveAttribute('data-status', 'done');
  const exfilAnswer = chat.lastAnswer().getByTestId('answer');
  // Markdown images become placeholders that show their URL; the raw HTML ones are dropped altogether.
  await expect(exfilAnswer.getByRole('img', { name: /^Image not loaded/ })).toHaveCount(2);
  await expect(exfilAnswer).toContainText('https://evil.example/inline.png?q=SECRET');
  await expect(exfilAnswer).toContainText('https://evil.example/reference.png?q=SECRET');
  // Links show their full destination and open elsewhere, without opener or referrer.
  const autolink = exfilAnswer.getByRole('link', { name: 'https://evil.example/autolink?q=SECRET' });
  await expect(autolink).toHaveAttribute('rel', /noopener/);
  await expect(autolink).toHaveAttribute('rel', /noreferrer/);
  await expect(autolink).toHaveAttribute('target', '_blank');
  await expectInert(page, evil);
});

// @once, run on WASM only, the cheaper run (playwright.config.ts): Rendering does not depend on where the model runs; one run is enough.
test('the same payloads in an imported conversation are just as inert', { tag: '@once' }, async ({ page }) => {
  const { evil } = await watch(page);
  await page.goto('/');
  const hostile = exportUpload([
    {
      id: 'hostile',
      // Titles and system prompts are shown too: they get payloads of their own.
      title: '<img src=x onerror="window.__pwned = 30">Hostile',
      systemPrompt: '<script>window.__pwned = 31</script>',
      messages: [
        { id: 'q', role: 'user', content: XSS_TEXT },
        { id: 'a1', role: 'assistant', content: XSS_TEXT },
        { id: 'a2', role: 'assistant', content: EXFIL_TEXT },
        { id: 'a3', role: 'assistant', content: `<think>${XSS_TEXT}</think>\n\n${EXFIL_TEXT}` },
      ],
    },
  ]);
  await page.getByLabel('Import chats').setInputFiles(hostile);
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 chat' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Chat list' }).getByRole('button', { name: '<img src=x onerror="window.__pwned = 30">Hostile', exact: true }).click();
  await expect(page.getByRole('article', { name: 'Sensa answered' })).toHaveCount(3);
  await page.getByText('Thought process').first().click();
  await expect(page.getByRole('img', { name: /^Image not loaded/ })).toHaveCount(4);
  await expectInert(page, evil);
  // Search highlights matches inside the hostile text without turning it into markup.
  await page.getByRole('searchbox', { name: 'Search chats' }).fill('onerror');
  await expect(page.getByRole('navigation', { name: 'Chat list' })).toContainText('onerror');
  await expectInert(page, evil);
});
