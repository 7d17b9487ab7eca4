// On a static host that cannot send COOP/COEP, the first visit runs without cross-origin isolation (one CPU thread
// for models). The service worker adds the headers to what it serves (src/pwa/service-worker.ts), but the page that
// registered it did not come through it: one reload, once the worker has taken over, brings it through.

/** Set just before that reload: if the page comes back still not isolated, it must not reload again. */
export const ISOLATION_RELOAD_KEY = 'sensa-isolation-reload';

export interface IsolationOptions {
  /** `crossOriginIsolated` of this page as loaded. */
  isolated: boolean;
  /** sessionStorage: survives the reload, and only this tab's. */
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** True while reloading would lose nothing: no model loading or loaded, no answer being written. */
  idle(): boolean;
  reload(): void;
}

/**
 * Reloads once when the service worker first takes over a page that is not isolated. Never twice in a row: a
 * browser that ignores the headers (or a server that strips them) would otherwise reload forever. A person who has
 * already started (a model loading, an answer) is not interrupted: their next visit comes through the worker anyway.
 */
export function reloadOnceIsolatable(serviceWorker: Pick<ServiceWorkerContainer, 'controller' | 'addEventListener'>, options: IsolationOptions): void {
  if (options.isolated) {
    options.storage.removeItem(ISOLATION_RELOAD_KEY);
    return;
  }
  // Already served by a worker and still not isolated: an older version that adds no headers; its update will.
  if (serviceWorker.controller) return;
  serviceWorker.addEventListener(
    'controllerchange',
    () => {
      if (options.storage.getItem(ISOLATION_RELOAD_KEY) !== null) {
        console.warn('Sensa reloaded once for cross-origin isolation and is still not isolated; models run on one CPU thread.');
        return;
      }
      if (!options.idle()) return;
      options.storage.setItem(ISOLATION_RELOAD_KEY, '1');
      options.reload();
    },
    { once: true },
  );
}
