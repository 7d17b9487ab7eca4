// Errors in the person's language: a saved error's key + values make its words again in whatever language is chosen
// later; an old record with only English words still shows them; the English a log or a test reads is unchanged.

import { afterEach, describe, expect, it } from 'vitest';
import { deserializeError, serializeError, toAppError, type SerializedError } from '../shared/errors';
import { describeError, errorMessage, messageText } from './errors';
import { i18next } from './i18n';
import fr from './locales/fr/errors.json';
import ar from './locales/ar/catalog.json';
import englishCatalog from './locales/en/catalog.json';
import catalogData from '../models/catalog.json';
import { modelSummary } from '../models/summary';

afterEach(async () => {
  await i18next.changeLanguage('en');
});

describe('errors in the current language', () => {
  it('keeps the English message as it was, and the key and the library’s words beside it', () => {
    const error = serializeError(new Error('Failed to fetch'));
    expect(error).toEqual({
      code: 'network',
      message: 'The download failed: the network or the model host is unreachable. Failed to fetch',
      key: 'errors:message.network',
      values: { detail: 'Failed to fetch' },
    });
    // Across a worker boundary and back (rpc.ts posts the serialized form).
    expect(serializeError(deserializeError(error))).toEqual(error);
    expect(errorMessage(error)).toBe(error.message);
    expect(describeError(error)).toEqual({ title: 'The download failed', hint: 'Check the connection and retry. Files already downloaded are kept.' });
  });

  it('shows a saved error in the language chosen after it was saved, the library’s words untouched', async () => {
    const saved: SerializedError = JSON.parse(JSON.stringify(serializeError(new Error('Failed to fetch'))));
    await i18next.changeLanguage('fr');
    expect(describeError(saved).title).toBe(fr.title.network);
    expect(errorMessage(saved)).toBe(fr.message.network.replace('{{detail}}', 'Failed to fetch'));
  });

  it('shows an old record without a key as it was written, in any language', async () => {
    const old: SerializedError = { code: 'unknown', message: 'Something odd happened.' };
    await i18next.changeLanguage('ar');
    expect(errorMessage(old)).toBe('Something odd happened.');
    expect(describeError(old).title).not.toBe('Something went wrong');
  });

  it('makes a value that is itself a message in the same language', async () => {
    const inner = toAppError(new Error('Failed to fetch')).toJSON();
    const ref = { key: 'chat:parts.failed', values: { name: 'Gemma', what: { key: 'chat:parts.name.vision', message: '' }, size: '99 MB', reason: inner }, message: '' };
    expect(messageText(ref)).toBe(
      'Gemma could not download the picture part (99 MB): The download failed: the network or the model host is unreachable. Failed to fetch Your message is kept and chats without pictures or sound keep working; Retry when the connection is back.',
    );
    await i18next.changeLanguage('fr');
    const french = messageText(ref);
    expect(french).toContain('la partie images');
    expect(french).toContain(fr.message.network.replace('{{detail}}', 'Failed to fetch'));
  });
});

describe('model summaries', () => {
  it('English is catalog.json’s own, word for word', () => {
    expect(englishCatalog).toEqual(Object.fromEntries(catalogData.models.map((m) => [m.id, m.summary])));
  });

  it('follow the language, and a model outside the catalog keeps its own words', async () => {
    const [first] = catalogData.models;
    if (!first) throw new Error('empty catalog');
    expect(modelSummary(first)).toBe(first.summary);
    await i18next.changeLanguage('ar');
    expect(modelSummary(first)).toBe(ar[first.id as keyof typeof ar]);
    expect(modelSummary({ id: 'someone/custom-1.0', summary: 'A custom model.' })).toBe('A custom model.');
  });
});
