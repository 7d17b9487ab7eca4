// Saved prompts: system prompts for a chat and starters for a message, with {{variables}} filled in when one is used.

/** A system prompt is given to a chat; a starter is put in the message box. */
export type PresetKind = 'system' | 'starter';

export interface PromptPreset {
  id: string;
  kind: PresetKind;
  name: string;
  text: string;
}

/** Filled by Sensa itself; any other {{name}} is asked of the person when the preset is used. */
export const BUILT_IN_VARIABLES = ['date', 'time', 'language'] as const;
type BuiltIn = (typeof BUILT_IN_VARIABLES)[number];

// A name is letters, digits, spaces, dashes and underscores, so "{{ topic }}" and "{{reading level}}" work and a
// stray "{{" in code does not.
const VARIABLE = /\{\{\s*([\p{L}\p{N}_ -]{1,40}?)\s*\}\}/gu;

const isBuiltIn = (name: string): name is BuiltIn => (BUILT_IN_VARIABLES as readonly string[]).includes(name);

/** The variables the person must fill in, each once, in the order they first appear. */
export function variablesIn(text: string): string[] {
  const names = [...text.matchAll(VARIABLE)].map((m) => (m[1] ?? '').trim());
  return [...new Set(names)].filter((name) => !isBuiltIn(name.toLowerCase()));
}

export interface FillContext {
  now: Date;
  /** A BCP 47 tag, for the date and time formats and {{language}}. */
  locale: string;
}

function builtIn(name: BuiltIn, { now, locale }: FillContext): string {
  switch (name) {
    case 'date':
      return now.toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric' });
    case 'time':
      return now.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
    case 'language':
      // The language's own name where the browser knows it ("español"), else the tag.
      return new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
  }
}

/** The text with every variable replaced; one the person left empty stays visible as {{name}}, not silently dropped. */
export function fillPrompt(text: string, values: Readonly<Record<string, string>>, context: FillContext): string {
  return text.replace(VARIABLE, (whole, raw: string) => {
    const name = raw.trim();
    const lower = name.toLowerCase();
    if (isBuiltIn(lower)) return builtIn(lower, context);
    const value = values[name];
    return value !== undefined && value !== '' ? value : whole;
  });
}

const MAX_NAME = 80;
const MAX_TEXT = 20_000;

/** A preset to save, or the reason it cannot be. */
export function checkPreset(name: string, text: string): { ok: true } | { ok: false; reason: string } {
  if (name.trim() === '') return { ok: false, reason: 'Give the prompt a name.' };
  if (name.length > MAX_NAME) return { ok: false, reason: `Names are up to ${MAX_NAME} characters.` };
  if (text.trim() === '') return { ok: false, reason: 'There is no text to save.' };
  if (text.length > MAX_TEXT) return { ok: false, reason: `Prompts are up to ${MAX_TEXT.toLocaleString('en')} characters.` };
  return { ok: true };
}

/** Saved presets as read back from storage: anything malformed is dropped, never thrown over. */
export function readPresets(value: unknown): PromptPreset[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry): PromptPreset[] => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { id, kind, name, text } = entry as Record<string, unknown>;
    if (typeof id !== 'string' || (kind !== 'system' && kind !== 'starter') || typeof name !== 'string' || typeof text !== 'string') return [];
    return [{ id, kind, name, text }];
  });
}
