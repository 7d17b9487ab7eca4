// Hands the chat store to components without a module-level singleton, so tests can mount their own.

import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { SensaState } from './store';

const StoreContext = createContext<StoreApi<SensaState> | null>(null);

export function StoreProvider({ store, children }: { store: StoreApi<SensaState>; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useSensa<T>(selector: (state: SensaState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useSensa outside StoreProvider');
  return useStore(store, selector);
}

/** The store itself, for components that subscribe to it as an outside source (a share's text arriving). */
export function useSensaStore(): StoreApi<SensaState> {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useSensaStore outside StoreProvider');
  return store;
}
