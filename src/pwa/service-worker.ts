// The service worker: precaches the app shell and ONNX Runtime's files so Sensa opens offline; model weights stay in IndexedDB.

/// <reference lib="webworker" />

import { SHARE_FAILED, SHARE_TARGET_PATH, SHARED_PARAM, isEmptyShare, parseSharedForm, storeShare } from './share-target';

// All three are written into this file by the build (vite.config.ts, sensaServiceWorker); see there.
declare const __SENSA_PRECACHE__: string[];
declare const __SENSA_VERSION__: string;
declare const __SENSA_ISOLATION__: Record<string, string>;

const sw = self as unknown as ServiceWorkerGlobalScope;
const PRECACHE: string[] = __SENSA_PRECACHE__;
const VERSION: string = __SENSA_VERSION__;
const CACHE = `sensa-shell-${VERSION}`;
/**
 * COOP and COEP, the headers that make the page cross-origin isolated (ONNX Runtime then runs on every core). The
 * preview server sends them; a plain static host cannot, so every response served here carries them too, and
 * src/pwa/register.ts reloads once on the first visit so that the page itself comes through here.
 */
const ISOLATION: Record<string, string> = __SENSA_ISOLATION__;
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
  // The system share sheet posts here (the manifest's share_target): answered here, so sharing works offline too.
  if (request.method === 'POST' && url.origin === sw.location.origin && url.pathname === SHARE_TARGET_PATH) {
    event.respondWith(receiveShare(request));
    return;
  }
  // Only the app's own files: model downloads go to the network and into IndexedDB as before.
  if (request.method !== 'GET' || url.origin !== sw.location.origin) return;
  event.respondWith(respond(request, url).then(isolated));
});

/** The response with the isolation headers. Workers need them as much as the page: a worker script without COEP is refused. */
function isolated(response: Response): Response {
  // An opaque or error response cannot be read or rebuilt; the app's own files never are one.
  if (response.status === 0 || Object.entries(ISOLATION).every(([name, value]) => response.headers.get(name) === value)) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** Keeps what was shared for the page and sends the browser on to the app with its id (303: the POST becomes a GET). */
async function receiveShare(request: Request): Promise<Response> {
  let marker = SHARE_FAILED;
  try {
    const share = parseSharedForm(await request.formData());
    if (!isEmptyShare(share)) {
      marker = crypto.randomUUID();
      await storeShare(caches, marker, share);
    }
  } catch (error) {
    // Storage full, or a form the browser could not parse: the app says the share did not arrive.
    console.warn('Sensa could not keep what was shared', error);
    marker = SHARE_FAILED;
  }
  return Response.redirect(new URL(`/?${SHARED_PARAM}=${marker}`, sw.location.origin).href, 303);
}

/**
 * The code sandbox's page (src/sandbox/sandbox-client.ts). Its frame has no `sandbox` attribute, so that this worker
 * may serve it offline; its opaque origin comes from the `sandbox allow-scripts` policy, which is added here whatever
 * the cached or fetched response carried (a second policy only narrows the first).
 */
const SANDBOX_PAGE = '/sandbox.html';
const SANDBOX_POLICY = 'sandbox allow-scripts';

function sandboxed(response: Response): Response {
  if (response.status === 0) return response;
  const headers = new Headers(response.headers);
  headers.append('Content-Security-Policy', SANDBOX_POLICY);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

async function respond(request: Request, url: URL): Promise<Response> {
  if (PYTHON_FILE.test(url.pathname)) {
    const python = await caches.open(PYTHON_CACHE);
    const hit = await python.match(request, { ignoreVary: true });
    if (hit) return hit;
    const response = await fetch(request);
    if (response.ok) await python.put(request, response.clone());
    return response;
  }
  const cache = await caches.open(CACHE);
  if (request.mode === 'navigate' && url.pathname === SANDBOX_PAGE) {
    return sandboxed((await cache.match(SANDBOX_PAGE, { ignoreVary: true })) ?? (await fetch(request)));
  }
  if (request.mode === 'navigate') {
    return (await cache.match('/index.html', { ignoreVary: true })) ?? fetch(request);
  }
  // ignoreVary: the server says "Vary: Origin", and module scripts carry an Origin header that the
  // precache requests did not, which would otherwise turn every offline hit into a miss.
  return (await cache.match(request, { ignoreVary: true })) ?? fetch(request);
}

export {};
