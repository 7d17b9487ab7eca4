import { describe, expect, it, vi } from 'vitest';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createLazyVoiceMode } from './lazy-voice-mode';
import type { VoiceModeState } from './voice-mode';
import { voiceModeOff } from './voice-mode-off';

/** A stand-in for createVoiceMode's store: start listens, end stops; it records what it was asked. */
function fakeVoiceMode() {
  const calls: string[] = [];
  const store = createStore<VoiceModeState>()((set) => ({
    ...voiceModeOff(),
    async start(options) {
      calls.push(`start ${options?.camera === true ? 'camera' : 'voice'}`);
      set({ phase: 'starting' });
      await Promise.resolve();
      set({ phase: 'listening' });
    },
    async switchCamera() {
      calls.push('switch');
    },
    end() {
      calls.push('end');
      set({ phase: 'off' });
    },
  }));
  return { store, calls };
}

/** A load the test resolves or rejects when it chooses. */
function deferredLoad() {
  let settle: { resolve: (s: StoreApi<VoiceModeState>) => void; reject: (e: unknown) => void } | null = null;
  const load = vi.fn(
    () =>
      new Promise<StoreApi<VoiceModeState>>((resolve, reject) => {
        settle = { resolve, reject };
      }),
  );
  return { load, settle: () => settle! };
}

describe('voice mode loaded on first start', () => {
  it('loads nothing until started, says "starting" at once, then is the real store', async () => {
    const real = fakeVoiceMode();
    const { load, settle } = deferredLoad();
    const mode = createLazyVoiceMode(load);
    expect(mode.getState().phase).toBe('off');
    expect(load).not.toHaveBeenCalled();

    const started = mode.getState().start({ camera: true });
    expect(mode.getState().phase).toBe('starting');
    expect(load).toHaveBeenCalledTimes(1);
    settle().resolve(real.store);
    await started;

    expect(real.calls).toEqual(['start camera']);
    expect(mode.getState().phase).toBe('listening');
    // From now on the real store's own methods answer, and its changes show through.
    mode.getState().end();
    expect(real.calls).toEqual(['start camera', 'end']);
    expect(mode.getState().phase).toBe('off');
    real.store.setState({ utterances: 3 });
    expect(mode.getState().utterances).toBe(3);
    await mode.getState().start();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('ending before the code arrives cancels the start', async () => {
    const real = fakeVoiceMode();
    const { load, settle } = deferredLoad();
    const mode = createLazyVoiceMode(load);
    const started = mode.getState().start();
    mode.getState().end();
    expect(mode.getState().phase).toBe('off');
    settle().resolve(real.store);
    await started;
    expect(real.calls).toEqual([]);
    expect(mode.getState().phase).toBe('off');
  });

  it('says its code could not be loaded, stays off, and loads again at the next start', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const real = fakeVoiceMode();
    const load = vi
      .fn<() => Promise<StoreApi<VoiceModeState>>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValue(real.store);
    const mode = createLazyVoiceMode(load);

    await mode.getState().start();
    expect(mode.getState().phase).toBe('off');
    expect(mode.getState().error).toContain('could not be loaded');

    await mode.getState().start();
    expect(load).toHaveBeenCalledTimes(2);
    expect(real.calls).toEqual(['start voice']);
    expect(mode.getState().phase).toBe('listening');
    expect(mode.getState().error).toBeNull();
  });
});
