import { describe, expect, it, vi } from 'vitest';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createLazyDescribeMode } from './lazy-describe-mode';
import type { DescribeState } from './describe-mode';
import { describeClosed } from './describe-closed';

/** A stand-in for createDescribeMode's store that records what it was asked, in order. */
function fakeDescribe() {
  const calls: string[] = [];
  const store = createStore<DescribeState>()((set) => ({
    ...describeClosed(),
    openMode() {
      calls.push('open');
      set({ open: true });
    },
    close() {
      calls.push('close');
      set({ open: false });
    },
    async ask(request) {
      calls.push(`ask ${request}`);
      set({ phase: 'looking', request });
    },
    setInterval(on) {
      calls.push(`interval ${on}`);
      set({ interval: on });
    },
  }));
  return { store, calls };
}

describe('Describe for me loaded on first use', () => {
  it('loads nothing until used; the shortcut’s open-then-ask reach the real store in order; then it is the real store', async () => {
    const real = fakeDescribe();
    const load = vi.fn(() => Promise.resolve(real.store));
    const mode = createLazyDescribeMode(load);
    expect(mode.getState().open).toBe(false);
    expect(load).not.toHaveBeenCalled();

    mode.getState().openMode();
    await mode.getState().ask('short');
    expect(load).toHaveBeenCalledTimes(1);
    expect(real.calls).toEqual(['open', 'ask short']);
    expect(mode.getState()).toMatchObject({ open: true, phase: 'looking', request: 'short' });

    // The real store's own methods now answer, and its changes show through.
    mode.getState().close();
    expect(real.calls.at(-1)).toBe('close');
    expect(mode.getState().open).toBe(false);
    real.store.setState({ described: true });
    expect(mode.getState().described).toBe(true);
  });

  it('opens to say its code could not be loaded; Close closes it; the next press loads again', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const real = fakeDescribe();
    const load = vi
      .fn<() => Promise<StoreApi<DescribeState>>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValue(real.store);
    const mode = createLazyDescribeMode(load);

    await mode.getState().openMode();
    expect(mode.getState().open).toBe(true);
    expect(mode.getState().error).toContain('could not be loaded');

    await mode.getState().close();
    // Close tried the code again (it arrived), and closed.
    expect(mode.getState().open).toBe(false);

    mode.getState().openMode();
    expect(load).toHaveBeenCalledTimes(2);
    expect(real.calls).toEqual(['close', 'open']);
    expect(mode.getState()).toMatchObject({ open: true, error: null });
  });

  it('Close after a failed load needs no code', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const load = vi.fn<() => Promise<StoreApi<DescribeState>>>().mockRejectedValue(new TypeError('Failed to fetch dynamically imported module'));
    const mode = createLazyDescribeMode(load);
    await mode.getState().openMode();
    expect(mode.getState().open).toBe(true);
    await mode.getState().close();
    expect(mode.getState()).toMatchObject({ open: false, error: null });
  });
});
