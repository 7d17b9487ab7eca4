import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import savedFixture from './fixtures/preferences-v1.json';
import { DEFAULT_PREFERENCES, PREFERENCES_VERSION, localPreferences, migratePreferences, type Preferences } from './preferences';

/** The version 1 record as today's app reads it: every saved choice, plus the fields added since, at their defaults. */
const SAVED_TODAY: Preferences = { ...(savedFixture.saved as Omit<Preferences, 'promptPresets' | 'tools'>), promptPresets: [], tools: true } as Preferences;

describe('migratePreferences', () => {
  it('reads a version 1 record (the bare object) with every field kept', () => {
    expect(migratePreferences(savedFixture.saved)).toEqual(SAVED_TODAY);
  });

  it('reads a broken record forgivingly: unknown keys dropped, bad values defaulted, good map entries kept', () => {
    const migrated = migratePreferences(savedFixture.broken);
    expect(migrated).toEqual<Preferences>({
      ...DEFAULT_PREFERENCES,
      variants: { 'llama-3.2-1b-instruct': 'q4' },
      generation: { 'qwen3-0.6b': { topK: 20 }, 'llama-3.2-1b-instruct': {} },
    });
    expect(Object.keys(migrated).sort()).toEqual(Object.keys(DEFAULT_PREFERENCES).sort());
  });

  it('reads a version 2 record, and the known fields of a newer one', () => {
    expect(migratePreferences({ version: 2, preferences: savedFixture.saved })).toEqual(SAVED_TODAY);
    expect(migratePreferences({ version: 9, preferences: { ...savedFixture.saved, sidebar: 'left' } })).toEqual(SAVED_TODAY);
    expect(migratePreferences({ version: 2, preferences: 'lost' })).toEqual(DEFAULT_PREFERENCES);
  });

  it('turns anything that is not a record into the defaults, never throwing', () => {
    for (const raw of [undefined, null, 'dark', 7, true, [], [savedFixture.saved]]) expect(migratePreferences(raw)).toEqual(DEFAULT_PREFERENCES);
  });

  it('hands back a fresh object, never the shared defaults', () => {
    const a = migratePreferences(null);
    a.variants['qwen3-0.6b'] = 'q4';
    expect(DEFAULT_PREFERENCES.variants).toEqual({});
  });
});

describe('localPreferences', () => {
  let items: Map<string, string>;
  beforeEach(() => {
    items = new Map();
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('saves under the same key, versioned, and loads what it saved', () => {
    localPreferences.save(SAVED_TODAY);
    expect(JSON.parse(items.get('sensa.preferences')!)).toEqual({ version: PREFERENCES_VERSION, preferences: SAVED_TODAY });
    expect(localPreferences.load()).toEqual(SAVED_TODAY);
  });

  it('loads what an older app saved, and starts from defaults when nothing or garbage is there', () => {
    items.set('sensa.preferences', JSON.stringify(savedFixture.saved));
    expect(localPreferences.load()).toEqual(SAVED_TODAY);
    items.set('sensa.preferences', '{"theme": "da');
    expect(localPreferences.load()).toEqual({});
    items.clear();
    expect(localPreferences.load()).toEqual(DEFAULT_PREFERENCES);
  });

  it('a storage that refuses writes does not break saving', () => {
    vi.stubGlobal('localStorage', {
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    });
    expect(() => localPreferences.save(DEFAULT_PREFERENCES)).not.toThrow();
  });
});
