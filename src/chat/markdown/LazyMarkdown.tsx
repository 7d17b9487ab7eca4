// The Markdown renderer (micromark, mdast, hast, the sanitizer, the code runner) is a chunk of its own, about a
// quarter of the app's code, so the first paint does not wait for it. main.tsx starts loading it right after that
// paint; until it arrives, an answer shows as plain text (never as HTML), which is what it is before rendering.

import { Suspense } from 'react';
import { lazyPart } from '../components/lazy-part';
import type { AnswerCitations } from './Markdown';

type Module = typeof import('./Markdown');
let loading: Promise<Module> | null = null;
let loaded: Module | null = null;

/** Starts (once) loading the renderer; resolves when it is ready. */
export function preloadMarkdown(): Promise<Module> {
  // A failed fetch (offline before the service worker took over) is not kept: the next answer tries again.
  loading ??= import('./Markdown').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/**
 * Loads the renderer and, when `hasRich` finds code or math in the chats on this device, its highlighting and math
 * plugins, before a chat is opened. Plugins that arrive after a long chat is on screen re-render every answer with
 * code in it at once (seconds, for a 500-message chat); loaded first, they are there when each answer first renders.
 */
export async function preloadRenderer(hasRich: (needsRich: (text: string) => boolean) => boolean): Promise<void> {
  const module = await preloadMarkdown();
  if (hasRich(module.needsRich)) await module.preloadRich();
}

type Props = { text: string; idPrefix?: string; citations?: AnswerCitations };

/** Without its renderer an answer is still readable: as plain text, never as HTML. */
function PlainText(props: Props) {
  return <div className="markdown pending">{props.text}</div>;
}

/**
 * A thenable that calls back at once. React.lazy suspends on a Promise even when it has long resolved (its callbacks
 * run later): the first answers rendered after the renderer arrived would show as plain text, and every one of them
 * would mount its renderer again in a second pass (a 500-message chat opened that way froze the page for seconds).
 * With this, React finds the component resolved and renders it in the same pass.
 */
function resolvedNow<T>(value: T): Promise<T> {
  const thenable = { then: <R,>(onFulfilled?: (value: T) => R) => resolvedNow(onFulfilled ? onFulfilled(value) : value) };
  return thenable as unknown as Promise<T>;
}

const Renderer = lazyPart<Props>(() => (loaded ? resolvedNow(loaded.Markdown) : preloadMarkdown().then((module) => module.Markdown)), PlainText);

export function Markdown(props: Props) {
  return (
    <Suspense fallback={<PlainText {...props} />}>
      <Renderer {...props} />
    </Suspense>
  );
}
