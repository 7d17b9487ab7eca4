// The service worker: precaches the app shell and ONNX Runtime's files so Sensa opens offline; model weights stay in IndexedDB.

/// <reference lib="webworker" />

// Both are written into this file by the build (vite.config.ts, sensaServiceWorker); see there.
declare const __SENSA_PRECACHE__: string[];
declare const __SENSA_VERSION__: string;

const sw = self as unknown as ServiceWorkerGlobalScope;
const PRECACHE: string[] = __SENSA_PRECACHE__;
const VERSION: string = __SENSA_VERSION__;
const CACHE = `sensa-shell-${VERSION}`;
/**
 * Pyodide, kept from its first use rather than precached (vite.config.ts leaves it out of PRECACHE). Its file names
 * carry content hashes, so the cache outlives app versions and a new build doesn't download Python again.
 */
const PYTHON_CACHE = 'sensa-python';
const PYTHON_FILE = /^\/assets\/(pyodide|python_stdlib)[-.]/;

sw.addEventListener('install', (event: ExtendableEvent) => {
  // No skipWaiting here: an update is offered to the person, never forced mid-answer.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

sw.addEventListener('activate', (event: ExtendableEvent) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key.startsWith('sensa-shell-') && key !== CACHE) await caches.delete(key);
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: string } | null)?.type === 'skip-waiting') void sw.skipWaiting();
});

sw.addEventListener('fetch', (event: FetchEvent) => {
  const request = event.request;
  const url = new URL(request.url);
  // Only the app's own files: model downloads go to the network and into IndexedDB as before.
  if (request.method !== 'GET' || url.origin !== sw.location.origin) return;
  event.respondWith(
    (async () => {
      if (PYTHON_FILE.test(url.pathname)) {
        const python = await caches.open(PYTHON_CACHE);
        const hit = await python.match(request, { ignoreVary: true });
        if (hit) return hit;
        const response = await fetch(request);
        if (response.ok) await python.put(request, response.clone());
        return response;
      }
      const cache = await caches.open(CACHE);
      if (request.mode === 'navigate') {
        return (await cache.match('/index.html', { ignoreVary: true })) ?? fetch(request);
      }
      // ignoreVary: the server says "Vary: Origin", and module scripts carry an Origin header that the
      // precache requests did not, which would otherwise turn every offline hit into a miss.
      return (await cache.match(request, { ignoreVary: true })) ?? fetch(request);
    })(),
  );
});

export {};
