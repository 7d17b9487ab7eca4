// Hands the one app store to components without a module-level singleton, so tests can mount their own.

import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { SensaState } from '../chat/store';
import type { VoiceState } from '../voice/voice-store';
import type { VoiceModeState } from '../voice/voice-mode';

const StoreContext = createContext<StoreApi<SensaState> | null>(null);

export function StoreProvider({ store, children }: { store: StoreApi<SensaState>; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useSensa<T>(selector: (state: SensaState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useSensa outside StoreProvider');
  return useStore(store, selector);
}

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
