// Every language has every English key, with the plural forms its own grammar needs (Intl.PluralRules), and no more.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from './languages';
import { NAMESPACES } from './i18n';

const LOCALES = join(__dirname, 'locales');
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function read(language: string, namespace: string): Map<string, string> {
  try {
    return flatten(JSON.parse(readFileSync(join(LOCALES, language, `${namespace}.json`), 'utf8')) as Tree);
  } catch {
    return new Map();
  }
}

/** The keys a language must have: English's, with each plural group expanded to the language's own categories. */
function expectedKeys(language: string, english: Map<string, string>): Set<string> {
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const keys = new Set<string>();
  for (const key of english.keys()) {
    if (PLURAL.test(key)) for (const c of categories) keys.add(key.replace(PLURAL, `_${c}`));
    else keys.add(key);
  }
  return keys;
}

/** {{placeholders}} a translation must keep. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1] ?? '').sort();
}

describe('message files', () => {
  it('has one folder per language and one file per namespace', () => {
    expect(readdirSync(LOCALES).sort()).toEqual(LANGUAGES.map((l) => l.code).sort());
  });

  for (const { code } of LANGUAGES.filter((l) => l.code !== 'en')) {
    for (const namespace of NAMESPACES) {
      it(`${code}/${namespace} has exactly the English keys, its plural forms and the same placeholders`, () => {
        const english = read('en', namespace);
        const translated = read(code, namespace);
        const expected = expectedKeys(code, english);
        expect([...expected].filter((k) => !translated.has(k)), 'missing keys').toEqual([]);
        expect([...translated.keys()].filter((k) => !expected.has(k)), 'keys English does not have').toEqual([]);
        for (const [key, text] of translated) {
          const source = english.get(key) ?? english.get(key.replace(PLURAL, '_other')) ?? '';
          // A plural form may leave out the count ("one chat" in words), but never invent a placeholder.
          const allowed = new Set(placeholders(source));
          for (const p of placeholders(text)) expect(allowed.has(p), `${code}/${namespace}:${key} uses {{${p}}}`).toBe(true);
          if (!PLURAL.test(key)) expect(placeholders(text), `${code}/${namespace}:${key}`).toEqual(placeholders(source));
        }
      });
    }
  }
});
