// The languages Sensa's UI speaks, and which of them a browser's preference list picks.

export const LANGUAGES = [
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'es', name: 'Español', dir: 'ltr' },
  { code: 'fr', name: 'Français', dir: 'ltr' },
  { code: 'de', name: 'Deutsch', dir: 'ltr' },
  { code: 'pt-BR', name: 'Português (Brasil)', dir: 'ltr' },
  { code: 'ja', name: '日本語', dir: 'ltr' },
  { code: 'zh-CN', name: '简体中文', dir: 'ltr' },
  { code: 'hi', name: 'हिन्दी', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
] as const;

export type Language = (typeof LANGUAGES)[number]['code'];

export const DEFAULT_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((l) => l.code === value);
}

export function directionOf(language: Language): 'ltr' | 'rtl' {
  return LANGUAGES.find((l) => l.code === language)?.dir ?? 'ltr';
}

/**
 * The first of the browser's languages Sensa has: an exact tag first ("pt-BR"), then the base language ("pt-PT" and
 * "pt" take Brazilian Portuguese; "zh", "zh-Hans", "zh-SG" take Simplified Chinese; "zh-TW"/"zh-Hant" are not it).
 */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const exact = LANGUAGES.find((l) => l.code.toLowerCase() === tag.toLowerCase());
    if (exact) return exact.code;
    const [base = '', ...rest] = tag.toLowerCase().split('-');
    if (base === 'zh') {
      if (rest.some((part) => part === 'hant' || part === 'tw' || part === 'hk' || part === 'mo')) continue;
      return 'zh-CN';
    }
    const match = LANGUAGES.find((l) => l.code.toLowerCase().split('-')[0] === base);
    if (match) return match.code;
  }
  return DEFAULT_LANGUAGE;
}
