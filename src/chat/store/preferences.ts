// What the person chose, and how it survives a reload: a versioned record in localStorage, migrated forgivingly.

import type { Dtype, ModelDefaults } from '../../domain/model';
import type { DevicePreference } from '../../models/variant';
import { readPresets, type PromptPreset } from '../../presets/prompt-presets';

export type Theme = 'system' | 'light' | 'dark';

export interface Preferences {
  theme: Theme;
  devicePreference: DevicePreference;
  /** The variant the person chose, by model id; a model not named here uses Auto. */
  variants: Record<string, Dtype>;
  enableThinking: boolean;
  lastModelId: string | null;
  /** Given to every new conversation; each conversation can change its own. */
  defaultSystemPrompt: string;
  /** The person's changes to a model's generation defaults, by model id. */
  generation: Record<string, Partial<ModelDefaults>>;
  /** When each model last loaded (ms since epoch), for the storage view. */
  modelLastUsed: Record<string, number>;
  /** Saved system prompts and message starters. */
  promptPresets: PromptPreset[];
  /** Offer tools to models whose chat template has them (each tool still asks before its first run in a chat). */
  tools: boolean;
}

export interface PreferenceStorage {
  load(): Partial<Preferences>;
  save(preferences: Preferences): void;
}

/** Version 1 was the bare preferences object, with no envelope; version 2 wraps it. */
export const PREFERENCES_VERSION = 2;

export interface StoredPreferencesV2 {
  version: 2;
  preferences: Preferences;
}

export const DEFAULT_PREFERENCES: Preferences = {
  theme: 'system',
  devicePreference: 'auto',
  variants: {},
  enableThinking: true,
  lastModelId: null,
  defaultSystemPrompt: '',
  generation: {},
  modelLastUsed: {},
  promptPresets: [],
  tools: true,
};

const STORAGE_KEY = 'sensa.preferences';
const THEMES: readonly Theme[] = ['system', 'light', 'dark'];
const DEVICES: readonly DevicePreference[] = ['auto', 'webgpu', 'wasm'];
const DTYPES: readonly Dtype[] = ['fp32', 'fp16', 'q4', 'q4f16', 'q8'];
const GENERATION_KEYS: readonly (keyof ModelDefaults)[] = ['temperature', 'topP', 'topK', 'repetitionPenalty', 'maxNewTokens'];

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneOf<T>(allowed: readonly T[], value: unknown, fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** The entries of a map whose values pass `keep`; anything that is not a map becomes empty. */
function mapOf<T>(value: unknown, keep: (entry: unknown) => T | undefined): Record<string, T> {
  const kept: Record<string, T> = {};
  if (!isRecord(value)) return kept;
  for (const [key, entry] of Object.entries(value)) {
    const good = keep(entry);
    if (good !== undefined) kept[key] = good;
  }
  return kept;
}

const finite = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

function generationChange(value: unknown): Partial<ModelDefaults> | undefined {
  if (!isRecord(value)) return undefined;
  const change: Partial<ModelDefaults> = {};
  for (const key of GENERATION_KEYS) {
    const n = finite(value[key]);
    if (n !== undefined) change[key] = n;
  }
  return change;
}

/** Today's shape from any fields: unknown keys dropped, each bad value replaced by its default. */
function sanitize(fields: Fields): Preferences {
  const d = DEFAULT_PREFERENCES;
  return {
    theme: oneOf(THEMES, fields.theme, d.theme),
    devicePreference: oneOf(DEVICES, fields.devicePreference, d.devicePreference),
    variants: mapOf(fields.variants, (v) => (DTYPES.includes(v as Dtype) ? (v as Dtype) : undefined)),
    enableThinking: typeof fields.enableThinking === 'boolean' ? fields.enableThinking : d.enableThinking,
    lastModelId: typeof fields.lastModelId === 'string' ? fields.lastModelId : d.lastModelId,
    defaultSystemPrompt: typeof fields.defaultSystemPrompt === 'string' ? fields.defaultSystemPrompt : d.defaultSystemPrompt,
    generation: mapOf(fields.generation, generationChange),
    modelLastUsed: mapOf(fields.modelLastUsed, finite),
    promptPresets: readPresets(fields.promptPresets),
    tools: typeof fields.tools === 'boolean' ? fields.tools : d.tools,
  };
}

/**
 * Brings whatever was saved up to today's preferences; never throws. Version 1 (no envelope) is the bare object
 * saved before preferences were versioned; a version from a newer app is read for the fields this one knows.
 */
export function migratePreferences(raw: unknown): Preferences {
  if (!isRecord(raw)) return sanitize({});
  if (!('version' in raw)) return sanitize(raw);
  return sanitize(isRecord(raw.preferences) ? raw.preferences : {});
}

export const localPreferences: PreferenceStorage = {
  load() {
    try {
      const raw = localStorage.getItem(STORAGE_KEY);
      return migratePreferences(raw ? JSON.parse(raw) : null);
    } catch {
      // Unreadable preferences are not worth failing start-up over.
      return {};
    }
  },
  save(preferences) {
    try {
      const record: StoredPreferencesV2 = { version: PREFERENCES_VERSION, preferences };
      localStorage.setItem(STORAGE_KEY, JSON.stringify(record));
    } catch {
      // Private mode or a full disk: the app works, the preference just won't survive a reload.
    }
  },
};
