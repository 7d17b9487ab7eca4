// Voice mode whose code (the microphone, the detector's RPC, live mode's camera) loads when it is first started, not
// with the app shell: most visits never start it. Until then a stand-in store says "off"; from then on it mirrors
// the real store, whose own start, switchCamera and end take over.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { mirrorWhenLoaded } from './mirror-store';
import type { VoiceModeState } from './voice-mode';
import { voiceModeOff } from './voice-mode-off';

/** `load` makes the real store (in the app: `import('./voice-mode')` then `createVoiceMode(deps)`). */
export function createLazyVoiceMode(load: () => Promise<StoreApi<VoiceModeState>>): StoreApi<VoiceModeState> {
  // The real store, mirrored into this one once made; a chunk that failed is tried again at the next start.
  const loadReal = mirrorWhenLoaded<VoiceModeState>((state) => facade.setState(state, true), load);
  /** The latest start that waits for the code; end() before it arrives cancels it. */
  let pending: symbol | null = null;

  const facade = createStore<VoiceModeState>()((set, get) => ({
    ...voiceModeOff(),

    async start(options) {
      if (get().phase !== 'off') return;
      const ticket = Symbol('start');
      pending = ticket;
      // Said at once, as the real store does: the bar shows "Starting…" while the code arrives.
      set({ phase: 'starting', error: null, advice: null });
      let real: StoreApi<VoiceModeState>;
      try {
        real = await loadReal();
      } catch (error) {
        // loadPart's sentence ("could not be loaded (offline?)"); the button stays, to try again.
        if (pending === ticket) set({ phase: 'off', error: error instanceof Error ? error.message : String(error) });
        return;
      }
      if (pending !== ticket) return;
      pending = null;
      await real.getState().start(options);
    },

    // Nothing to switch before the real store runs: live mode has not started.
    async switchCamera() {},

    end() {
      pending = null;
      set({ phase: 'off', live: null });
    },
  }));
  return facade;
}
