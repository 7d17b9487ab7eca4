// A stand-in store for a feature whose code loads on first use: once the real store is made, the stand-in takes its
// state (its methods included) and follows it, so every reader of the stand-in reads the real store from then on.

import type { StoreApi } from 'zustand/vanilla';
import { loadOnce } from '../chat/components/lazy-part';

/** The real store, loaded once and its every state handed to `replace`; a failed load (offline) is tried again next call. */
export function mirrorWhenLoaded<S>(replace: (state: S) => void, load: () => Promise<StoreApi<S>>): () => Promise<StoreApi<S>> {
  return loadOnce(() =>
    load().then((real) => {
      replace(real.getState());
      real.subscribe(replace);
      return real;
    }),
  );
}
