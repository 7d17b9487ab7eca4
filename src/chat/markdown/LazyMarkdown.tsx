// The Markdown renderer (micromark, mdast, hast, the sanitizer, the code runner) is a chunk of its own, about a
// quarter of the app's code, so the first paint does not wait for it. main.tsx starts loading it right after that
// paint; until it arrives, an answer shows as plain text (never as HTML), which is what it is before rendering.

import { lazy, Suspense } from 'react';
import type { AnswerCitations } from './Markdown';

let loading: Promise<typeof import('./Markdown')> | null = null;

/** Starts (once) loading the renderer; resolves when it is ready. */
export function preloadMarkdown(): Promise<typeof import('./Markdown')> {
  loading ??= import('./Markdown');
  return loading;
}

const Renderer = lazy(() => preloadMarkdown().then((module) => ({ default: module.Markdown })));

export function Markdown(props: { text: string; idPrefix?: string; citations?: AnswerCitations }) {
  return (
    <Suspense fallback={<div className="markdown pending">{props.text}</div>}>
      <Renderer {...props} />
    </Suspense>
  );
}
