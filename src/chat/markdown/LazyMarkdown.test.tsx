// @vitest-environment happy-dom
import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { describe, expect, it } from 'vitest';
import { Markdown, preloadMarkdown } from './LazyMarkdown';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

describe('the lazily loaded Markdown renderer', () => {
  it('once loaded, renders an answer as Markdown in the same pass, with no plain-text pass first', async () => {
    await preloadMarkdown();
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    // One synchronous render, nothing awaited: a Suspense fallback would still be on screen after it.
    flushSync(() => root.render((<Markdown text={'**bold** and `code`'} />) as ReactNode));
    expect(container.querySelector('.markdown.pending')).toBeNull();
    expect(container.querySelector('strong')?.textContent).toBe('bold');
    await act(async () => root.unmount());
  });
});
