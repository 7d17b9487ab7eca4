// Taking a test's browser offline for real. setOffline does not reach a service worker's own fetches in Chromium, so
// every request is also refused at the network layer: only what the service worker and IndexedDB hold can work.

import type { BrowserContext } from '@playwright/test';

export interface Offline {
  /** What still tried the network, leaving out the browser's own check for a new service worker (sw.js). */
  reached(): string[];
}

export async function goOffline(context: BrowserContext): Promise<Offline> {
  await context.setOffline(true);
  const reachedNetwork: string[] = [];
  await context.route('**/*', (route) => {
    reachedNetwork.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  return { reached: () => reachedNetwork.filter((url) => !url.endsWith('/sw.js')) };
}
