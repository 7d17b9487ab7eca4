// Registers the service worker and reports what the UI shows: offline ready, and an update waiting to be applied.

import { createStore, type StoreApi } from 'zustand/vanilla';

export interface PwaState {
  /** The app shell and ONNX Runtime are cached: Sensa opens without a network. */
  shellCached: boolean;
  updateWaiting: boolean;
  applyUpdate(): void;
}

export function createPwa(serviceWorker: ServiceWorkerContainer | undefined = navigator.serviceWorker): StoreApi<PwaState> {
  let waiting: ServiceWorker | null = null;
  const store = createStore<PwaState>()(() => ({
    shellCached: false,
    updateWaiting: false,
    applyUpdate() {
      if (!waiting || !serviceWorker) return;
      // Reload once the new worker has taken over; the caller makes sure no answer is being written.
      serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
      waiting.postMessage({ type: 'skip-waiting' });
    },
  }));
  if (!serviceWorker) return store;

  const track = (registration: ServiceWorkerRegistration) => {
    if (registration.active) store.setState({ shellCached: true });
    const offer = () => {
      if (registration.waiting && serviceWorker.controller) {
        waiting = registration.waiting;
        store.setState({ updateWaiting: true });
      }
    };
    offer();
    registration.addEventListener('updatefound', () => {
      const installing = registration.installing;
      installing?.addEventListener('statechange', () => {
        if (installing.state === 'installed') offer();
        if (installing.state === 'activated') store.setState({ shellCached: true });
      });
    });
  };

  void serviceWorker
    .register('/sw.js', { scope: '/', type: 'module' })
    .then((registration) => {
      track(registration);
      // An installed PWA can stay open for days, and the browser only looks for a new sw.js on navigation:
      // look again when the person comes back to the tab, and hourly. A failed check (offline) is harmless.
      const check = () => void registration.update().catch(() => undefined);
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') check();
      });
      setInterval(check, 60 * 60 * 1000);
    })
    .catch((error: unknown) => console.warn('Sensa could not install its offline cache', error));
  void serviceWorker.ready.then(() => store.setState({ shellCached: true }));
  return store;
}
