// A Chrome trace of one page over the DevTools protocol, read back whole: what the profile and the captions trace share.

import type { BrowserContext, Page } from '@playwright/test';

/** Starts tracing `categories`; the returned function ends it and gives the trace file's text. */
export async function startChromeTrace(context: BrowserContext, page: Page, categories: readonly string[]): Promise<() => Promise<string>> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: [...categories] } });
  return async () => {
    const done = new Promise<string>((ok) => cdp.once('Tracing.tracingComplete', (e) => ok(e.stream ?? '')));
    await cdp.send('Tracing.end');
    const stream = await done;
    const parts: Buffer[] = [];
    for (;;) {
      const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
      parts.push(Buffer.from(chunk.data, chunk.base64Encoded ? 'base64' : 'utf8'));
      if (chunk.eof) break;
    }
    await cdp.send('IO.close', { handle: stream });
    return Buffer.concat(parts).toString('utf8');
  };
}
