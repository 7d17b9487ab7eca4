// The saved prompts of one kind, and saving and deleting them (kept with the preferences, in this browser only).

import { newId } from '../../../shared/ids';
import { checkPreset, type PresetKind, type PromptPreset } from '../../../presets/prompt-presets';
import { useSensa } from '../../store-context';

export function usePresets(kind: PresetKind): {
  presets: PromptPreset[];
  /** Saves (or, for a name already used, replaces) a preset; returns why not, or null. */
  save(name: string, text: string): string | null;
  remove(id: string): void;
} {
  const all = useSensa((s) => s.preferences.promptPresets);
  const setPreference = useSensa((s) => s.setPreference);
  const presets = all.filter((p) => p.kind === kind);
  return {
    presets,
    save(name, text) {
      const check = checkPreset(name, text);
      if (!check.ok) return check.reason;
      const trimmed = name.trim();
      const existing = presets.find((p) => p.name === trimmed);
      const preset: PromptPreset = { id: existing?.id ?? newId(), kind, name: trimmed, text };
      setPreference('promptPresets', existing ? all.map((p) => (p.id === existing.id ? preset : p)) : [...all, preset]);
      return null;
    },
    remove(id) {
      setPreference(
        'promptPresets',
        all.filter((p) => p.id !== id),
      );
    },
  };
}
