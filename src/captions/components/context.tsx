// Hands the captions store to the button and the dialog; the app makes the store.

import { createContext, useContext, type ReactNode } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { CaptionState } from '../caption-store';

const CaptionsContext = createContext<StoreApi<CaptionState> | null>(null);

export function CaptionsProvider({ store, children }: { store: StoreApi<CaptionState>; children: ReactNode }) {
  return <CaptionsContext.Provider value={store}>{children}</CaptionsContext.Provider>;
}

export function useCaptionsStore(): StoreApi<CaptionState> | null {
  return useContext(CaptionsContext);
}
