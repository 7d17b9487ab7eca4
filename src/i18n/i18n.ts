// The UI's translations: i18next with English bundled in the app shell and every other language loaded on first use.
/// <reference types="vite/client" />

import i18next, { type BackendModule, type ReadCallback } from 'i18next';
import { configureFormat } from '../shared/format';
import { DEFAULT_LANGUAGE, directionOf, isLanguage, pickLanguage, type Language } from './languages';
import common from './locales/en/common.json';
import chat from './locales/en/chat.json';
import models from './locales/en/models.json';
import voice from './locales/en/voice.json';

/** One namespace per feature, so a feature's strings can be translated (and reviewed) on their own. */
export const NAMESPACES = ['common', 'chat', 'models', 'voice', 'documents', 'captions', 'tools', 'drawing', 'remote', 'presets', 'code', 'read', 'errors', 'catalog', 'placement'] as const;
/** English bundled in the app shell: what a first visit shows. */
export const ENGLISH = { common, chat, models, voice };

// English for features a first visit never shows (captions, documents, tools, drawing, your servers, saved prompts, running code, reading aloud),
// errors' titles, hints and messages, the catalog's model summaries (the panel shows catalog.json's English until then), and
// `placement` (the variant picker's trade-offs, the guide's reasons, drawing beside a chat model) loads right after start, beside the
// shell rather than in it; each of those features' components is itself loaded on first use, later still.
const lazyEnglish = import.meta.glob<Record<string, unknown>>(['./locales/en/captions.json', './locales/en/documents.json', './locales/en/tools.json', './locales/en/drawing.json', './locales/en/remote.json', './locales/en/presets.json', './locales/en/code.json', './locales/en/read.json', './locales/en/errors.json', './locales/en/catalog.json', './locales/en/placement.json'], { import: 'default' });

// Every other language is one chunk (all its namespaces), fetched when the language is chosen. One loader per language
// rather than per file: 56 loaders cost the shell 4 KB of code.
type Messages = Record<string, Record<string, unknown>>;
const lazyLocales = import.meta.glob<Messages>('./locales/*/index.ts');

const lazyBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(language: string, namespace: string, callback: ReadCallback) {
    if (language === DEFAULT_LANGUAGE) {
      const english = lazyEnglish[`./locales/en/${namespace}.json`];
      if (!english) callback(null, {});
      else english().then((messages) => callback(null, messages), (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false));
      return;
    }
    const load = lazyLocales[`./locales/${language}/index.ts`];
    if (!load) {
      callback(null, {});
      return;
    }
    load().then(
      (module) => callback(null, module[namespace] ?? {}),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

const STORAGE_KEY = 'sensa.language';

/** The language the person chose in Settings, or null to follow the browser. */
export function chosenLanguage(): Language | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    return null;
  }
}

function browserLanguage(): Language {
  return pickLanguage(typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]));
}

/** The page follows the language: `lang` for fonts and screen readers, `dir` for right-to-left layout. */
function applyToDocument(language: Language) {
  configureFormat({ locale: language, sizeUnknown: i18next.t('common:sizeUnknown') });
  if (typeof document === 'undefined') return;
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}

export function initI18n(): typeof i18next {
  if (i18next.isInitialized) return i18next;
  const language = chosenLanguage() ?? browserLanguage();
  i18next.on('languageChanged', (lng) => applyToDocument(isLanguage(lng) ? lng : DEFAULT_LANGUAGE));
  void i18next
    .use(lazyBackend)
    .init({
      lng: language,
      fallbackLng: DEFAULT_LANGUAGE,
      supportedLngs: false,
      ns: [...NAMESPACES],
      defaultNS: 'common',
      resources: { en: ENGLISH },
      // The shell's English is bundled: ready at once, so the first render has its words.
      initAsync: false,
      partialBundledLanguages: true,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  applyToDocument(language);
  return i18next;
}

/** Switches the UI at once (no reload) and remembers the choice; null goes back to following the browser. */
export async function setLanguage(language: Language | null): Promise<void> {
  try {
    if (language) localStorage.setItem(STORAGE_KEY, language);
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Private modes may refuse storage: the language still changes for this visit.
  }
  await i18next.changeLanguage(language ?? browserLanguage());
}

export function currentLanguage(): Language {
  const lng = i18next.resolvedLanguage ?? i18next.language;
  return isLanguage(lng) ? lng : DEFAULT_LANGUAGE;
}

/** For words made outside a component (helpers a component calls while it renders); keys name their namespace. */
export function tr(key: string, options?: Record<string, unknown>): string {
  return i18next.t(key, options ?? {}) as unknown as string;
}

export { i18next };
