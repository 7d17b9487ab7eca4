// A part of the UI whose code loads on first use. Its chunk can fail to arrive: the page went offline before the
// service worker took over (a first visit, a private window), or a deploy replaced the chunk. React.lazy then throws
// into the app's last error boundary, and the whole app shows its crash screen for want of one button's code; it also
// keeps that failed import forever. Here the part says it could not load, offers Retry (a fresh import), and the
// rest of the app goes on. A part with a better stand-in (the Markdown renderer's plain text) passes its own.

import { createContext, lazy, useCallback, useContext, useReducer, type ComponentType } from 'react';
import { useTranslation } from '../../i18n/react';
import { tr } from '../../i18n/i18n';
import { AppError } from '../../shared/errors';

/**
 * A plain module (no UI of its own) loaded on first use, failing the same way a part does: the reason goes to the
 * console and the caller gets an AppError whose message is the part's sentence, for the feature to show.
 */
function partFailed(error: unknown): void {
  console.warn('Sensa could not load a part of the app', error);
}

export async function loadPart<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    partFailed(error);
    throw new AppError('network', tr('common:partUnavailable'));
  }
}

/**
 * `load` on first use, its result kept; a failed load is not kept (offline before the service worker took over), so
 * the next call imports again instead of failing forever.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () =>
    (loading ??= loadPart(load).catch((error: unknown) => {
      loading = null;
      throw error;
    }));
}

const RetryPart = createContext<() => void>(() => {});

function PartUnavailable() {
  const { t } = useTranslation('common');
  const retry = useContext(RetryPart);
  return (
    <span className="part-unavailable" role="status">
      {t('partUnavailable')}{' '}
      <button type="button" className="link-button" onClick={retry}>
        {t('retry')}
      </button>
    </span>
  );
}

/** `lazy` for a named export, `load` resolving to the component; `unavailable` stands in when its code cannot load. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- React.lazy's own constraint: any props
export function lazyPart<P extends Record<string, any>>(load: () => Promise<ComponentType<P>>, unavailable: ComponentType<P> = PartUnavailable): ComponentType<P> {
  const attempt = () =>
    // `load`'s own then, not loadPart's async one: a loader may hand back a thenable that calls back at once, which
    // React.lazy renders without suspending (LazyMarkdown.tsx); an async function would always defer it.
    lazy(() =>
      load().then(
        (component) => ({ default: component }),
        (error: unknown) => {
          partFailed(error);
          return { default: unavailable };
        },
      ),
    );
  let Part = attempt();
  return function LazyPart(props: P) {
    const [, rerender] = useReducer((n: number) => n + 1, 0);
    const retry = useCallback(() => {
      Part = attempt();
      rerender();
    }, []);
    return (
      <RetryPart.Provider value={retry}>
        <Part {...props} />
      </RetryPart.Provider>
    );
  };
}
