// The promise of the PWA: after one visit with a model, Sensa opens, loads the model and answers with the network gone.

import { test, expect } from './fixtures/test';
import { expectedReply } from './fixtures/oracle';

test.use({ serviceWorkers: 'allow' });

test('after the first visit it works offline: opens, loads the model from IndexedDB and answers', async ({ chat, page, context, hub }) => {
  await chat.open();
  await chat.loadModel('Llama 3.2 1B Instruct');
  await expect(page.getByRole('status').filter({ hasText: 'offline ready' })).toBeVisible();
  // The service worker claimed this page: reloads now come from its cache.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const manifest = await page.evaluate(async () => (await fetch('/manifest.webmanifest')).json() as Promise<{ name: string; icons: unknown[] }>);
  expect(manifest.icons.length).toBeGreaterThanOrEqual(2);

  const hubBefore = hub.requests.length;
  await context.setOffline(true);
  // setOffline does not reach a service worker's own fetches in Chromium; refuse every request at the
  // network layer too, so only what the service worker and IndexedDB hold can make the app work.
  const reachedNetwork: string[] = [];
  await context.route('**/*', (route) => {
    reachedNetwork.push(route.request().url());
    return route.abort('internetdisconnected');
  });

  await page.reload();
  await chat.waitReady();
  await expect(chat.modelStatus).toContainText('from this device’s cache');
  await chat.send('river');
  await chat.waitAnswerDone();
  await expect(chat.lastAnswer().getByTestId('answer')).toHaveText(expectedReply('river'));
  expect(hub.requests.slice(hubBefore)).toEqual([]);
  // The browser's own update check for sw.js is the only request that may try the network.
  expect(reachedNetwork.filter((url) => !url.endsWith('/sw.js'))).toEqual([]);
});
