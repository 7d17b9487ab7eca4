// Hands the voice stores to components; outside their providers (tests of the chat alone) the hooks give null.

import { createContext, useContext, type ReactNode } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { VoiceState } from './voice-store';
import type { VoiceModeState } from './voice-mode';
import type { DescribeState } from './describe/describe-mode';
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

const DescribeContext = createContext<StoreApi<DescribeState> | null>(null);

export function DescribeProvider({ store, children }: { store: StoreApi<DescribeState>; children: ReactNode }) {
  return <DescribeContext.Provider value={store}>{children}</DescribeContext.Provider>;
}

/** Describe for me; null outside its provider (tests of the chat alone), which shows no button for it. */
export function useDescribeStore(): StoreApi<DescribeState> | null {
  return useContext(DescribeContext);
}
