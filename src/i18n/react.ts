// React's view of i18next: `useTranslation(ns)` re-renders a component when the language changes or a language's
// messages arrive. Twenty lines of our own in place of react-i18next, which cost the app shell 1.7 KB gzip
// (docs/i18n.md, "The app shell's size"); only this hook of it was used.

import { useMemo, useSyncExternalStore } from 'react';
import i18next from 'i18next';

let version = 0;
const listeners = new Set<() => void>();
const bump = () => {
  version += 1;
  for (const listener of listeners) listener();
};
i18next.on('languageChanged', bump);
i18next.on('loaded', bump);
i18next.on('initialized', bump);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** `t` for a namespace (keys of another namespace name it: `t('common:close')`), current with the language. */
export function useTranslation(namespace?: string): { t: Translate } {
  const current = useSyncExternalStore(subscribe, () => version, () => version);
  const t = useMemo<Translate>(() => {
    void current;
    return (key, options) => i18next.t(key, { ns: namespace, ...options }) as unknown as string;
  }, [namespace, current]);
  return { t };
}
