// A language's name for the person, from its ISO 639 code, in the UI's language (the browser's own list of names).

/** A language's name for the person ("Spanish"), in the UI's language; the code itself where the browser has no name. */
/** The page's language (<html lang>), or English where there is no page (a worker, Node). */
function pageLanguage(): string {
  return (globalThis as { document?: { documentElement?: { lang?: string } } }).document?.documentElement?.lang || 'en';
}

export function languageName(code: string, locale = pageLanguage()): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
