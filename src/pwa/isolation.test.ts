import { describe, expect, it, vi } from 'vitest';
import { ISOLATION_RELOAD_KEY, reloadOnceIsolatable, type IsolationOptions } from './isolation';

function fakeContainer(controller: ServiceWorker | null = null) {
  const target = new EventTarget();
  return {
    controller,
    addEventListener: target.addEventListener.bind(target) as ServiceWorkerContainer['addEventListener'],
    takeOver: () => target.dispatchEvent(new Event('controllerchange')),
  };
}

function options(overrides: Partial<IsolationOptions> = {}) {
  const stored = new Map<string, string>();
  const storage = {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => void stored.set(key, value),
    removeItem: (key: string) => void stored.delete(key),
  };
  return { stored, options: { isolated: false, storage, idle: () => true, reload: vi.fn(), ...overrides } };
}

describe('reloadOnceIsolatable', () => {
  it('reloads once the service worker takes over a page that is not isolated, and marks the attempt', () => {
    const sw = fakeContainer();
    const { options: o, stored } = options();
    reloadOnceIsolatable(sw, o);
    expect(o.reload).not.toHaveBeenCalled();
    sw.takeOver();
    expect(o.reload).toHaveBeenCalledTimes(1);
    expect(stored.get(ISOLATION_RELOAD_KEY)).toBe('1');
  });

  it('does not reload a second time when the reload did not isolate the page (no loop)', () => {
    const sw = fakeContainer();
    const { options: o, stored } = options();
    stored.set(ISOLATION_RELOAD_KEY, '1');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    reloadOnceIsolatable(sw, o);
    sw.takeOver();
    expect(o.reload).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  it('clears the mark once isolated, and never reloads an isolated page', () => {
    const sw = fakeContainer();
    const { options: o, stored } = options({ isolated: true });
    stored.set(ISOLATION_RELOAD_KEY, '1');
    reloadOnceIsolatable(sw, o);
    sw.takeOver();
    expect(o.reload).not.toHaveBeenCalled();
    expect(stored.has(ISOLATION_RELOAD_KEY)).toBe(false);
  });

  it('leaves a person who has started something alone, and a page an older worker already serves', () => {
    const busy = fakeContainer();
    const { options: o } = options({ idle: () => false });
    reloadOnceIsolatable(busy, o);
    busy.takeOver();
    expect(o.reload).not.toHaveBeenCalled();

    const served = fakeContainer({} as ServiceWorker);
    const { options: p } = options();
    reloadOnceIsolatable(served, p);
    served.takeOver();
    expect(p.reload).not.toHaveBeenCalled();
  });
});
