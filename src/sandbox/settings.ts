// The code runner's limits, chosen by the person: a small versioned record in localStorage, read forgivingly.

import { useSyncExternalStore } from 'react';
import type { RunLimits } from './sandbox-client';

export interface CodeSettings {
  timeLimitSeconds: number;
  memoryLimitMiB: number;
}

export const DEFAULT_CODE_SETTINGS: CodeSettings = { timeLimitSeconds: 30, memoryLimitMiB: 1024 };
export const TIME_LIMIT_RANGE = { min: 1, max: 600 } as const;
export const MEMORY_LIMIT_RANGE = { min: 64, max: 3072 } as const;

const STORAGE_KEY = 'sensa.code-runner';
const VERSION = 1;

function clamp(value: unknown, range: { min: number; max: number }, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(range.max, Math.max(range.min, Math.round(value))) : fallback;
}

export function parseCodeSettings(raw: string | null): CodeSettings {
  try {
    const stored = raw ? (JSON.parse(raw) as { version?: unknown; settings?: Record<string, unknown> }) : null;
    const fields = stored?.version === VERSION ? stored.settings : undefined;
    return {
      timeLimitSeconds: clamp(fields?.timeLimitSeconds, TIME_LIMIT_RANGE, DEFAULT_CODE_SETTINGS.timeLimitSeconds),
      memoryLimitMiB: clamp(fields?.memoryLimitMiB, MEMORY_LIMIT_RANGE, DEFAULT_CODE_SETTINGS.memoryLimitMiB),
    };
  } catch {
    return DEFAULT_CODE_SETTINGS;
  }
}

let current: CodeSettings | null = null;
const listeners = new Set<() => void>();

export function getCodeSettings(): CodeSettings {
  current ??= parseCodeSettings(globalThis.localStorage?.getItem(STORAGE_KEY) ?? null);
  return current;
}

export function setCodeSettings(change: Partial<CodeSettings>): void {
  const next = parseCodeSettings(JSON.stringify({ version: VERSION, settings: { ...getCodeSettings(), ...change } }));
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ version: VERSION, settings: next }));
  } catch {
    // A full or blocked localStorage keeps the choice for this session only.
  }
  for (const listener of listeners) listener();
}

export function useCodeSettings(): CodeSettings {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getCodeSettings,
    getCodeSettings,
  );
}

export function runLimits(settings: CodeSettings): RunLimits {
  return { timeLimitMs: settings.timeLimitSeconds * 1000, memoryLimitBytes: settings.memoryLimitMiB * 1024 * 1024 };
}
