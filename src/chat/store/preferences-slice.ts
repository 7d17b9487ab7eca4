// The preferences slice: the person's choices, each change saved at once.

import type { StateCreator } from 'zustand/vanilla';
import type { Dtype, ModelDefaults } from '../../domain/model';
import { updatePreferences, type StoreContext } from './context';
import type { Preferences } from './preferences';
import type { SensaState } from './state';

export interface PreferencesSlice {
  preferences: Preferences;
  setPreference<K extends keyof Preferences>(key: K, value: Preferences[K]): void;
  setGeneration(modelId: string, change: Partial<ModelDefaults> | null): void;
  /** Remembers the variant to load for a model; 'auto' forgets the choice. */
  setVariant(modelId: string, dtype: Dtype | 'auto'): void;
}

/** A model's entry in a per-model map changed, or dropped when `next` is null. */
export function withEntry<T>(map: Record<string, T>, key: string, next: T | null): Record<string, T> {
  const copy = { ...map };
  if (next === null) delete copy[key];
  else copy[key] = next;
  return copy;
}

export const createPreferencesSlice =
  (ctx: StoreContext): StateCreator<SensaState, [], [], PreferencesSlice> =>
  (set, get) => ({
    preferences: ctx.preferences,

    setPreference(key, value) {
      updatePreferences(ctx, set, get, { [key]: value });
    },

    setGeneration(modelId, change) {
      const { generation } = get().preferences;
      get().setPreference('generation', withEntry(generation, modelId, change === null ? null : { ...generation[modelId], ...change }));
    },

    setVariant(modelId, dtype) {
      get().setPreference('variants', withEntry(get().preferences.variants, modelId, dtype === 'auto' ? null : dtype));
    },
  });
