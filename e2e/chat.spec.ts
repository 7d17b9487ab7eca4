// A person's first chat: load a real model from the (fake) Hub, watch the answer stream, stop it, reload from cache, survive broken files.

import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { FakeHub, FIXTURE_ROOT } from './fixtures/hub';
import { test, expect } from './fixtures/test';
import { expectedReply, oracleAnswer, loopReplyPrefix, THINKING_TEXT } from './fixtures/oracle';
import { REPOS } from './fixtures/repos';
import { cachedModelFile } from './pages/stored-data';
import { MAX_WASM_THREADS } from '../src/worker/engine/threads';

const QWEN = 'Qwen3 0.6B';
const LLAMA = 'Llama 3.2 1B Instruct';
/** Without shader-f16 (SwiftShader here) and on WASM the app must ask for the q4 file. */
const Q4_FILE = 'onnx/model_q4.onnx';

test('first load shows what downloads and its progress, then the exact answer streams in steps', async ({ chat, hub }, testInfo) => {
  hub.onnxDelayMs = 1500;
  await chat.open();
  await chat.pickModel(QWEN);
  const facts = chat.page.getByTestId('model-facts');
  await expect(facts).toContainText('variant q4');
  await expect(facts).toContainText(testInfo.project.name === 'webgpu' ? 'WebGPU' : 'CPU (WASM)');
  // Without a GPU adapter the person is told, once, that the CPU is used instead.
  await expect(chat.page.getByRole('note')).toHaveCount(testInfo.project.name === 'webgpu' ? 0 : 1);

  await chat.loadButton.click();
  await expect(chat.downloadProgress).toBeVisible();
  await expect(chat.downloadProgress.getByLabel(`Download of ${Q4_FILE}`)).toBeVisible();
  await chat.waitReady();
  await expect(chat.modelStatus).toContainText(testInfo.project.name === 'webgpu' ? 'q4 on WebGPU' : 'q4 on CPU (WASM)');
  // vite preview sends COOP/COEP (vite.config.ts): the page is cross-origin isolated, so WASM runs on every core (capped).
  expect(await chat.page.evaluate(() => crossOriginIsolated)).toBe(true);
  if (testInfo.project.name === 'wasm') {
    const threads = Math.min(await chat.page.evaluate(() => navigator.hardwareConcurrency), MAX_WASM_THREADS);
    await expect(chat.modelStatus).toContainText(`q4 on CPU (WASM), ${threads} thread${threads === 1 ? '' : 's'} ·`);
  }
  expect(hub.requestsFor(REPOS.qwen3).filter((r) => r.method === 'GET' && !r.range).map((r) => r.file)).toContain(Q4_FILE);
  // The catalog says "main"; the first answer names the commit, and every other file comes from that same commit.
  const [first, ...rest] = hub.requestsFor(REPOS.qwen3);
  expect(first?.revision).toBe('main');
  expect(new Set(rest.map((r) => r.revision))).toEqual(new Set([FakeHub.commitOf(REPOS.qwen3)]));

  // Thinking off first: Qwen3's template then closes an empty think block itself and the answer streams directly.
  await chat.page.getByLabel('Think first').uncheck();
  await chat.recordStreaming();
  const prompt = 'I like apple and apple and banana';
  await chat.send(prompt);
  await chat.waitAnswerDone();
  const expected = oracleAnswer('qwen3', [prompt], { thinking: false });
  expect(expected.word).toBe('apple');
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expected.reply);
  await expect(chat.lastAnswer().getByTestId('thinking')).toHaveCount(0);
  await expect(chat.lastAnswer().getByTestId('answer-meta')).toContainText('q4');

  const steps = await chat.streamedSteps();
  expect(steps.length, `streamed steps: ${JSON.stringify(steps)}`).toBeGreaterThan(1);
  for (const step of steps) expect(expected.reply.startsWith(step), `step "${step}" is a prefix of the answer`).toBe(true);
  expect(steps.at(-1)).toBe(expected.reply);
  expect(steps.every((s) => !s.includes('\uFFFD')), 'no half-decoded emoji bytes while streaming').toBe(true);

  // A second turn with a different dominant word gets a different answer: the prompt really reached the model.
  // Thinking on this time: the reasoning shows apart from the answer.
  await chat.page.getByLabel('Think first').check();
  const second = 'river river cherry river river';
  await chat.send(second);
  await chat.waitAnswerDone();
  const secondAnswer = oracleAnswer('qwen3', [prompt, expected.reply, second]);
  expect(secondAnswer.word).toBe('river');
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('river'));
  await expect(chat.lastAnswer().getByTestId('thinking')).toHaveText(THINKING_TEXT);
});

test('Stop ends the answer at once, keeps the partial text, and the composer works again', async ({ chat }) => {
  await chat.open();
  await chat.loadModel(LLAMA);
  // The looping answer only ends at the length limit; raise it so the tiny model cannot finish before Stop.
  await chat.openModelSettings();
  await chat.page.getByText('Answer settings').click();
  await chat.page.getByLabel('Max new tokens').fill('100000');
  await chat.recordStreaming();
  await chat.send('say forever');
  const answer = chat.lastAnswer().getByTestId('answer');
  await expect(answer).toContainText(loopReplyPrefix(5));
  await chat.stopButton.click();
  const steps = await chat.streamedSteps();
  expect(steps.length, 'the answer streamed in several steps').toBeGreaterThan(1);
  for (const step of steps) expect(step.startsWith('You said forever') || 'You said forever'.startsWith(step)).toBe(true);
  await expect(chat.lastAnswer()).toHaveAttribute('data-status', 'stopped');
  await expect(chat.lastAnswer()).toContainText('Stopped.');
  const partial = (await answer.textContent()) ?? '';
  expect(partial.startsWith('You said forever and forever')).toBe(true);
  // Nothing more arrives after Stop. Absence has no signal to wait for, so this wait is the test: the looping model
  // would keep streaming up to its 100000-token limit, so 500 ms would show more words had Stop not stopped it.
  await chat.page.waitForTimeout(500);
  await expect(answer).toHaveText(partial);

  // Words in earlier answers count for the oracle, and the stopped one is full of "forever": ask in a new chat.
  await chat.page.getByRole('button', { name: 'New chat' }).click();
  await chat.send('apple banana banana');
  await chat.waitAnswerDone();
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('banana'));
});

// @once, run on WASM only (playwright.config.ts): where the bytes come from is the download path's business, the same on
// every device; offline.spec.ts loads a model from IndexedDB on WebGPU too.
test('after a reload the model comes from IndexedDB with zero Hub requests', { tag: '@once' }, async ({ chat, hub }) => {
  await chat.open();
  await chat.loadModel(LLAMA);
  await chat.send('cherry');
  await chat.waitAnswerDone();
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('cherry'));
  const cached = await chat.cachedFiles();
  expect(cached).toContain(`https://huggingface.co/${REPOS.llama3}/resolve/main/${Q4_FILE}`);

  const before = hub.requests.length;
  await chat.page.reload();
  await chat.waitReady();
  await expect(chat.modelStatus).toContainText('from this device’s cache');
  // The conversation came back too, and all of it reaches the model: "cherry" (twice) still outweighs "mountain".
  await chat.send('mountain');
  await chat.waitAnswerDone();
  const expected = oracleAnswer('llama3', ['cherry', expectedReply('cherry'), 'mountain']);
  expect(expected.word).toBe('cherry');
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expected.reply);
  expect(hub.requests.slice(before), 'Hub requests after reload').toEqual([]);
});

const FAULT_MESSAGE = {
  'not-found': 'could not be found',
  garbage: 'does not match its published sha256',
  abort: 'download failed',
  html: 'came back as a web page',
  truncated: 'is incomplete',
} as const;

for (const fault of ['not-found', 'garbage', 'abort', 'html', 'truncated'] as const) {
  test(`a ${fault} model file shows an error with retry, and leaves nothing broken in the cache`, { tag: '@once' }, async ({ chat, hub }) => {
    // @once, run on WASM only (playwright.config.ts): download faults, a wrong sha256 included, are caught in the download
    // path before any byte reaches a device.
    hub.setFault(REPOS.qwen3, Q4_FILE, fault);
    await chat.open();
    await chat.pickModel(QWEN);
    await chat.loadButton.click();
    await expect(chat.loadError).toBeVisible();
    await expect(chat.loadError).toContainText(FAULT_MESSAGE[fault]);
    const url = `https://huggingface.co/${REPOS.qwen3}/resolve/main/${Q4_FILE}`;
    expect(await chat.cachedFiles()).not.toContain(url);

    // The app stays usable: fix the "network" and retry without clearing anything.
    hub.setFault(REPOS.qwen3, Q4_FILE, null);
    await chat.loadError.getByRole('button', { name: 'Retry' }).click();
    await chat.waitReady();
    expect(await chat.cachedFiles()).toContain(url);
    if (fault === 'truncated') {
      // The half that arrived was kept; the retry asked the Hub only for the rest (HTTP Range).
      const half = Math.floor(statSync(path.join(FIXTURE_ROOT, REPOS.qwen3, Q4_FILE)).size / 2);
      expect(hub.requestsFor(REPOS.qwen3).filter((r) => r.file === Q4_FILE).map((r) => r.range)).toContain(`bytes=${half}-`);
    }
    await chat.page.getByLabel('Think first').uncheck();
    await chat.send('banana');
    await chat.waitAnswerDone();
    await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('banana'));
    await expect(chat.lastAnswer().getByTestId('thinking')).toHaveCount(0);
  });
}

// @once, run on WASM only, the cheaper run (playwright.config.ts): Caught in the download path, the same on every device.
test('a download cut off halfway resumes after a reload: finished files are not fetched again, the rest comes by Range and is verified whole', { tag: '@once' }, async ({ chat, hub, page }, testInfo) => {
  // The largest file of the model stops halfway.
  hub.setFault(REPOS.qwen3, Q4_FILE, 'truncated');
  await chat.open();
  await chat.pickModel(QWEN);
  await chat.loadButton.click();
  await expect(chat.loadError).toContainText(FAULT_MESSAGE.truncated);
  const finished = (await chat.cachedFiles()).filter((url) => url.includes(REPOS.qwen3));
  expect(finished.length, 'files that finished before the cut').toBeGreaterThan(0);

  // The tab is closed and opened again, the network is back.
  hub.setFault(REPOS.qwen3, Q4_FILE, null);
  const before = hub.requests.length;
  await page.reload();
  await chat.pickModel(QWEN);
  await chat.loadButton.click();
  await chat.waitReady();
  const after = hub.requests.slice(before).filter((r) => r.repo === REPOS.qwen3);
  const refetched = after.filter((r) => finished.some((url) => url.endsWith(`/${r.file}`)));
  expect(refetched, 'finished files asked for again').toEqual([]);
  const onDisk = readFileSync(path.join(FIXTURE_ROOT, REPOS.qwen3, Q4_FILE));
  const half = Math.floor(onDisk.length / 2);
  // Besides transformers.js' one-byte size probe (bytes=0-0), the only request for the file is for its second half.
  expect(after.filter((r) => r.file === Q4_FILE && r.range !== 'bytes=0-0').map((r) => r.range)).toEqual([`bytes=${half}-`]);
  // Re-fetched: only the second half. Stored: the whole file, its size and sha256 those the Hub publishes.
  const stored = await cachedModelFile(page, `https://huggingface.co/${REPOS.qwen3}/resolve/main/${Q4_FILE}`);
  expect(stored).toEqual({ bytes: onDisk.length, sha256: createHash('sha256').update(onDisk).digest('hex') });
  console.log(`[${testInfo.project.name}] resumed download: ${onDisk.length - half} of ${onDisk.length} bytes fetched again; ${finished.length} finished files not fetched again`);
  await chat.page.getByLabel('Think first').uncheck();
  await chat.send('banana');
  await chat.waitAnswerDone();
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('banana'));
});

// @once, run on WASM only, the cheaper run (playwright.config.ts): Caught in the download path, the same on every device.
test('behind the real Hub’s redirect (no x-linked headers), a damaged file is still caught through the API listing', { tag: '@once' }, async ({ chat, hub }) => {
  hub.hideLinkedHeaders = true;
  hub.setFault(REPOS.qwen3, Q4_FILE, 'garbage');
  await chat.open();
  await chat.pickModel(QWEN);
  await chat.loadButton.click();
  await expect(chat.loadError).toContainText(FAULT_MESSAGE.garbage);
  expect(hub.apiRequests).toContain(`/api/models/${REPOS.qwen3}/tree/main/onnx`);
  hub.setFault(REPOS.qwen3, Q4_FILE, null);
  await chat.loadError.getByRole('button', { name: 'Retry' }).click();
  await chat.waitReady();
});

test('works at phone width, in dark and light themes', async ({ chat, page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await chat.open();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(chat.message).toBeInViewport();
  // The message box and Send stay wholly on screen, with the tools one row beside Send: before a model loads (the
  // model panel at its tallest) and after.
  const whollyOnScreen = async (when: string) => {
    for (const [name, control] of [['message box', chat.message], ['Send', chat.sendButton]] as const) {
      const box = await control.boundingBox();
      expect(box, `${name} ${when}`).not.toBeNull();
      expect(box!.y, `${name} ${when}: top`).toBeGreaterThanOrEqual(0);
      expect(box!.y + box!.height, `${name} ${when}: bottom within the 844 px viewport`).toBeLessThanOrEqual(844);
    }
    const attach = await page.getByRole('button', { name: 'Attach', exact: true }).boundingBox();
    const send = await chat.sendButton.boundingBox();
    expect(Math.abs(attach!.y + attach!.height / 2 - (send!.y + send!.height / 2)), `tools beside Send ${when}`).toBeLessThan(8);
  };
  await whollyOnScreen('before a model loads');
  // The language menu is an icon and the language's code at this width, still a labelled select.
  const language = page.getByLabel('Language');
  await expect(language).toBeVisible();
  await expect(page.locator('.language-face')).toHaveText('EN');

  // The layout with a model loaded does not depend on where it runs: checked in the cheaper WASM run only.
  if (testInfo.project.name === 'wasm') {
    await chat.loadModel(QWEN);
    await whollyOnScreen('after a model loads');
    // The tools scroll sideways: the one before Send, reached by Shift+Tab, is wholly in view.
    await chat.message.fill('hello');
    await chat.sendButton.focus();
    await page.keyboard.press('Shift+Tab');
    if (await page.getByLabel('Think first').evaluate((box) => box === document.activeElement)) await page.keyboard.press('Shift+Tab');
    const lastTool = page.locator('.composer-tools :focus');
    await expect(lastTool).toHaveCount(1);
    await expect(lastTool).toBeInViewport({ ratio: 1 });
    await chat.message.fill('');
  }
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.getByRole('button', { name: 'Theme: system' }).click();
  const light = await background();
  await page.getByRole('button', { name: 'Theme: light' }).click();
  const dark = await background();
  expect(light).not.toBe(dark);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  // The chat list is a drawer: opening it moves focus in, the conversation behind is out of reach, Escape closes it.
  const toggle = page.getByRole('button', { name: 'Show chats' });
  await toggle.click();
  const drawer = page.getByRole('dialog', { name: 'Chats' });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole('searchbox', { name: 'Search chats' })).toBeFocused();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('main') === null), 'focus never lands in the conversation behind').toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);
  await expect(toggle).toBeFocused();
  await expect(chat.message).toBeInViewport();
  // The backdrop closes it too.
  await toggle.click();
  await page.mouse.click(370, 500);
  await expect(page.getByRole('dialog', { name: 'Chats' })).toHaveCount(0);
});
