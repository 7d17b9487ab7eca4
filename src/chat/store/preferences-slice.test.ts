import { describe, expect, it } from 'vitest';
import { FakeEngine } from '../../test/fake-engine';
import type { Capabilities } from '../../models/capabilities';
import { createSensaStore } from '../store';
import fixture from './fixtures/preferences-v1.json';
import { DEFAULT_PREFERENCES, migratePreferences, type Preferences } from './preferences';
import { withEntry } from './preferences-slice';

const GPU: Capabilities = { webgpu: true, shaderF16: false, adapter: 'Test', maxBufferSize: 1e9, maxStorageBufferBindingSize: 1e9, webgpuProblem: null };

describe('withEntry', () => {
  it('sets or drops one model’s entry, leaving the map it was given alone', () => {
    const map = { a: 1, b: 2 };
    expect(withEntry(map, 'a', 5)).toEqual({ a: 5, b: 2 });
    expect(withEntry(map, 'b', null)).toEqual({ a: 1 });
    expect(withEntry(map, 'c', null)).toEqual({ a: 1, b: 2 });
    expect(map).toEqual({ a: 1, b: 2 });
  });
});

describe('preferences slice', () => {
  it('a store started from broken saved preferences runs on defaults, and its next save is today’s shape', () => {
    const saved: Preferences[] = [];
    const store = createSensaStore({ engine: new FakeEngine(), probe: async () => GPU, preferences: { load: () => fixture.broken as never, save: (p) => saved.push(p) } });
    // The one valid variant survives, checked against the catalog too.
    expect(store.getState().preferences).toEqual({ ...DEFAULT_PREFERENCES, variants: { 'llama-3.2-1b-instruct': 'q4' }, generation: { 'qwen3-0.6b': { topK: 20 }, 'llama-3.2-1b-instruct': {} } });
    store.getState().setPreference('theme', 'light');
    expect(saved.at(-1)).toMatchObject({ theme: 'light', devicePreference: 'auto' });
    expect(Object.keys(saved.at(-1)!).sort()).toEqual(Object.keys(DEFAULT_PREFERENCES).sort());
  });

  it('a store started from a version 1 record keeps every choice in it', () => {
    const store = createSensaStore({ engine: new FakeEngine(), probe: async () => GPU, preferences: { load: () => migratePreferences(fixture.saved), save: () => undefined } });
    expect(store.getState().preferences).toEqual({ ...fixture.saved, promptPresets: [], tools: true });
    expect(store.getState().selectedModelId).toBe('gemma-4-e2b-it');
  });
});
