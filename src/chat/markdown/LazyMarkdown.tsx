// The Markdown renderer (micromark, mdast, hast, the sanitizer, the code runner) is a chunk of its own, about a
// quarter of the app's code, so the first paint does not wait for it. main.tsx starts loading it right after that
// paint; until it arrives, an answer shows as plain text (never as HTML), which is what it is before rendering.

import { Suspense } from 'react';
import { lazyPart } from '../components/lazy-part';
import type { AnswerCitations } from './Markdown';

let loading: Promise<typeof import('./Markdown')> | null = null;

/** Starts (once) loading the renderer; resolves when it is ready. */
export function preloadMarkdown(): Promise<typeof import('./Markdown')> {
  // A failed fetch (offline before the service worker took over) is not kept: the next answer tries again.
  loading ??= import('./Markdown').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

type Props = { text: string; idPrefix?: string; citations?: AnswerCitations };

/** Without its renderer an answer is still readable: as plain text, never as HTML. */
function PlainText(props: Props) {
  return <div className="markdown pending">{props.text}</div>;
}

const Renderer = lazyPart<Props>(() => preloadMarkdown().then((module) => module.Markdown), PlainText);

export function Markdown(props: Props) {
  return (
    <Suspense fallback={<PlainText {...props} />}>
      <Renderer {...props} />
    </Suspense>
  );
}
