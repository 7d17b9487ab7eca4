// Hands the voice stores to components; outside their providers (tests of the chat alone) the hooks give null.

import { createContext, useContext, type ReactNode } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { VoiceState } from './voice-store';
import type { VoiceModeState } from './voice-mode';
const VoiceContext = createContext<StoreApi<VoiceState> | null>(null);

export function VoiceProvider({ store, children }: { store: StoreApi<VoiceState>; children: ReactNode }) {
  return <VoiceContext.Provider value={store}>{children}</VoiceContext.Provider>;
}

/** The voice store; components outside a VoiceProvider (tests of the chat alone) get null and show no voice controls. */
export function useVoiceStore(): StoreApi<VoiceState> | null {
  return useContext(VoiceContext);
}

const VoiceModeContext = createContext<StoreApi<VoiceModeState> | null>(null);

export function VoiceModeProvider({ store, children }: { store: StoreApi<VoiceModeState>; children: ReactNode }) {
  return <VoiceModeContext.Provider value={store}>{children}</VoiceModeContext.Provider>;
}

export function useVoiceModeStore(): StoreApi<VoiceModeState> | null {
  return useContext(VoiceModeContext);
}
