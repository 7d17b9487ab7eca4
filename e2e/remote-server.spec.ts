// A server the person adds in Settings (here a local one that follows the OpenAI streaming contract): its model
// answers through the chat as a local one does, marked as leaving the device, stops on Stop, and the page's policy
// lets it reach that server and no other host.

import { test, expect } from './fixtures/test';
import { startOpenAiServer } from './fixtures/openai-server';
import { EXFIL_TEXT, XSS_TEXT, expectInert, watch } from './pages/hostile-output';

const KEY = 'sk-e2e-only-9c1d';
const MODEL = 'scout-e2e';

// @once, run on WASM only (playwright.config.ts): no model runs in the browser here; the device makes no difference.
test('a server the person added answers, streams and stops, and is the only new host the page may reach', { tag: '@once' }, async ({ chat, page, ownOrigins }) => {
  const server = await startOpenAiServer({
    model: MODEL,
    apiKey: KEY,
    reply: (text) => {
      if (text === 'Hello there') return { words: ['You', ' said', ': ', text], hold: false };
      // A long answer is streamed in part and then held open: only Stop can end it.
      if (text === 'Count, a long one') return { words: ['Counting', ' one,', ' two'], hold: true };
      // Anything else comes back as it was sent, in small pieces: the hostile corpus, as a server's output.
      return { words: text.match(/[\s\S]{1,16}/g) ?? [], hold: false };
    },
  });
  // A second server the person never added: the test's own guard lets it through, so only the page's policy can stop it.
  const stranger = await startOpenAiServer({ model: MODEL, apiKey: null, reply: () => ({ words: ['leaked'], hold: false }) });
  ownOrigins.push(server.origin, stranger.origin);
  const host = new URL(server.origin).host;
  const marker = `on ${host}: messages leave this device`;
  try {
    const { evil } = await watch(page);
    await chat.open();
    // Local-only is the default: no server, and nothing in the picker leaves the device. (The picker may group local
    // models by how well they run here, once the device is known; only the servers' group would leave the device.)
    await expect(chat.modelSelect.locator('option')).not.toHaveCount(0);
    await expect(chat.modelSelect.locator('optgroup[label="Your servers"]')).toHaveCount(0);
    await expect(chat.modelSelect).not.toContainText('leave this device');

    const servers = page.locator('details.remote-servers');
    await servers.locator('summary').click();
    await servers.getByLabel('Server address').fill(server.origin);
    await servers.getByLabel('API key (optional)').fill(KEY);
    // The page's connect-src is written at boot: adding a server reloads the page to allow it.
    await Promise.all([page.waitForEvent('load'), servers.getByRole('button', { name: 'Add server' }).click()]);
    await servers.locator('summary').click();
    const entry = servers.getByRole('listitem', { name: `Server ${host}` });
    await entry.getByRole('button', { name: 'List models' }).click();
    await entry.getByRole('checkbox', { name: MODEL }).check();
    await Promise.all([page.waitForEvent('load'), entry.getByRole('button', { name: 'Use these models' }).click()]);

    await chat.pickModel(`${MODEL} ${marker}`);
    await expect(page.getByTestId('model-facts')).toContainText(marker);
    await page.getByRole('region', { name: 'Model' }).getByRole('button', { name: 'Connect' }).click();
    await expect(chat.modelStatus).toContainText(`${MODEL} ready ${marker}`);

    await chat.send('Hello there');
    await chat.waitAnswerDone();
    await expect(chat.lastAnswer()).toHaveAttribute('data-status', 'done');
    await expect(chat.lastAnswer().getByTestId('answer')).toHaveText('You said: Hello there');
    // Every answer from the server says where it came from.
    await expect(chat.lastAnswer()).toContainText(marker);

    await chat.send('Count, a long one');
    // Shown while the answer is still open: it streamed, it did not arrive whole.
    await expect(chat.lastAnswer().getByTestId('answer')).toHaveText('Counting one, two');
    await expect(chat.lastAnswer()).toHaveAttribute('data-status', 'streaming');
    await chat.stopButton.click();
    await expect(chat.lastAnswer()).toHaveAttribute('data-status', 'stopped');
    await expect(chat.lastAnswer().getByTestId('answer')).toHaveText('Counting one, two');
    // Stop closed the connection; the server saw the client go.
    await expect.poll(() => server.dropped).toBe(1);

    // The XSS and exfiltration corpora, written by the server's model, render as inert as a local model's.
    for (const corpus of [XSS_TEXT, EXFIL_TEXT]) {
      await chat.send(corpus);
      await chat.waitAnswerDone();
      await expect(chat.lastAnswer()).toHaveAttribute('data-status', 'done');
      await expectInert(page, evil);
    }
    await expect(chat.lastAnswer().getByTestId('answer')).toContainText('https://evil.example/inline.png?q=SECRET');

    const chats = server.requests.filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions');
    expect(chats).toHaveLength(4);
    for (const request of chats) {
      expect(request.authorization).toBe(`Bearer ${KEY}`);
      expect(request.body).toMatchObject({ model: MODEL, stream: true });
    }
    // The key travels in the header only, and the page keeps it nowhere but its own server list.
    const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => (localStorage.getItem(k) ?? '').includes('sk-e2e-only')));
    expect(stored).toEqual(['sensa.remote-servers']);

    // The policy: the added server is reachable, a host not added is blocked before any byte leaves.
    const reach = (url: string) =>
      page.evaluate(async (target) => {
        try {
          const response = await fetch(target, { headers: { Authorization: 'Bearer x' } });
          return `reached ${response.status}`;
        } catch (error) {
          return `blocked: ${String(error)}`;
        }
      }, url);
    expect(await reach(`${server.origin}/v1/models`)).toBe('reached 401');
    expect(await reach(`${stranger.origin}/v1/models`)).toMatch(/^blocked: TypeError/);
    expect(stranger.requests).toEqual([]);
    const violations = await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
    expect(violations).toEqual([`connect-src ${stranger.origin}/v1/models`]);
  } finally {
    await Promise.all([server.close(), stranger.close()]);
  }
});
