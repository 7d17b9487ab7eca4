// Describe for me whose code (its prompts, the answer follower, live mode's checks) loads when the mode is first
// opened, not with the app shell. Until then a stand-in store says "closed"; calls made before the code arrives run
// on the real store in the order they were made (the shortcut opens the mode and asks at once), and from then on the
// stand-in mirrors the real store, whose own methods take over.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { mirrorWhenLoaded } from '../mirror-store';
import type { DescribeState } from './describe-mode';
import { describeClosed } from './describe-closed';

/** `load` makes the real store (in the app: `import('./describe-mode')` then `createDescribeMode(deps)`). */
export function createLazyDescribeMode(load: () => Promise<StoreApi<DescribeState>>): StoreApi<DescribeState> {
  const facade = createStore<DescribeState>()((set) => {
    const loadReal = mirrorWhenLoaded<DescribeState>((state) => set(state, true), load);
    const real = () =>
      loadReal().catch((error: unknown) => {
        // Offline before the service worker took over: the mode opens to say so, and the next press tries again.
        set({ open: true, error: error instanceof Error ? error.message : String(error) });
        throw error;
      });
    /** Runs a call on the real store once it is there; chained on one promise, so calls keep their order. */
    const later = <K extends 'openMode' | 'close' | 'ask' | 'setInterval'>(method: K, failed = () => {}) =>
      ((...args: Parameters<DescribeState[K]>) =>
        real().then((store) => (store.getState()[method] as (...a: Parameters<DescribeState[K]>) => unknown)(...args), failed)) as unknown as DescribeState[K];
    return {
      ...describeClosed(),
      openMode: later('openMode'),
      // Closing the message that the code could not load needs no code.
      close: later('close', () => set({ open: false, error: null })),
      ask: later('ask'),
      setInterval: later('setInterval'),
    };
  });
  return facade;
}
