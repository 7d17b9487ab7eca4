// Hands what the captions store needs to the button and the dialog; their lazily loaded chunk makes the store from it,
// so the store's code is not in the app shell.

import { createContext, useContext, type ReactNode } from 'react';
import type { CaptionDeps } from '../caption-store';

const CaptionsContext = createContext<CaptionDeps | null>(null);

export function CaptionsProvider({ deps, children }: { deps: CaptionDeps; children: ReactNode }) {
  return <CaptionsContext.Provider value={deps}>{children}</CaptionsContext.Provider>;
}

/** The app's captions dependencies; null outside a CaptionsProvider (no captions tool then). */
export function useCaptionDeps(): CaptionDeps | null {
  return useContext(CaptionsContext);
}
