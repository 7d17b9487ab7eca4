// An error in the person's language: its title and hint from its code, its message from its key where it has one.
// shared/errors.ts may not use i18n (eslint.config.js LAYERS): it names the words (code, key, values), this makes them.

import type { ErrorCode, MessageRef, MessageValues, SerializedError } from '../shared/errors';
import { tr } from './i18n';

/** What the person should read: short, and what to do next. */
export function describeError(error: { code: ErrorCode }): { title: string; hint: string } {
  return { title: tr(`errors:title.${error.code}`), hint: tr(`errors:hint.${error.code}`) };
}

/**
 * Words in the current language (or `lng`): made again from the key where there is one, so an error saved with a
 * conversation follows a later language switch; without one (saved before keys, or a library's own words) as written.
 */
export function messageText(ref: MessageRef, lng?: string): string {
  if (!ref.key) return ref.message;
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(ref.values ?? {})) values[name] = typeof value === 'object' ? messageText(value, lng) : value;
  return tr(ref.key, { ...values, defaultValue: ref.message, ...(lng ? { lng } : {}) });
}

/** The error's message in the current language. */
export function errorMessage(error: SerializedError): string {
  return messageText(error);
}

/** The English of a keyed message: what an AppError's `message` keeps for logs, tests and older readers. */
export function englishMessage(key: string, values?: MessageValues): string {
  return messageText({ key, values, message: '' }, 'en');
}
