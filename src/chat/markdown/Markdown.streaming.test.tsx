// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Markdown } from './Markdown';

/** The start of each block a render turned into React elements (whitespace removed): one entry per block render. */
const rendered = vi.hoisted(() => ({ blocks: [] as string[] }));
vi.mock('hast-util-to-jsx-runtime', async (original) => {
  const actual = await original<typeof import('hast-util-to-jsx-runtime')>();
  const { toText } = await import('hast-util-to-text');
  return {
    ...actual,
    toJsxRuntime: (...args: Parameters<typeof actual.toJsxRuntime>) => {
      rendered.blocks.push(toText(args[0]).replace(/\s+/g, '').slice(0, 12));
      return actual.toJsxRuntime(...args);
    },
  };
});

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const containers: HTMLElement[] = [];
afterEach(() => {
  for (const container of containers.splice(0)) container.remove();
});

function mount() {
  const container = document.createElement('div');
  document.body.append(container);
  containers.push(container);
  const root = createRoot(container);
  return {
    container,
    show: (text: string) => act(() => root.render(<Markdown text={text} />)),
  };
}

describe('a streaming answer', () => {
  it('re-renders only the block that is still being written', async () => {
    const { container, show } = mount();
    const settled = '# Title\n\nFirst paragraph.\n\n```js\nconst a = 1;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n';
    await show(settled + 'The last');
    expect(rendered.blocks).toEqual(['Title', 'Firstparagra', 'consta=1;', 'ab12', 'Thelast']);
    rendered.blocks.length = 0;
    let text = settled + 'The last';
    for (const token of [' paragraph', ' grows', ' token', ' by', ' token.']) {
      text += token;
      await show(text);
    }
    expect(rendered.blocks).toEqual(Array(5).fill('Thelastparag'));
    expect(container.textContent).toContain('The last paragraph grows token by token.');
  });

  it('re-renders an earlier block when later text changes it: a list turning loose', async () => {
    const { container, show } = mount();
    await show('Intro.\n\n- a\n- b');
    rendered.blocks.length = 0;
    await show('Intro.\n\n- a\n- b\n\n- c');
    expect(rendered.blocks).toEqual(['abc']);
    expect(container.querySelectorAll('ul')).toHaveLength(1);
    expect(container.querySelectorAll('li > p')).toHaveLength(3);
  });

  it('re-renders a paragraph when a definition at the end turns its text into a link', async () => {
    const { container, show } = mount();
    await show('See [the docs][d].\n\nMore.\n\n[d]: https://exa');
    rendered.blocks.length = 0;
    await show('See [the docs][d].\n\nMore.\n\n[d]: https://example.org');
    expect(rendered.blocks).toEqual(['Seethedocs.']);
    expect(container.querySelector('a')?.getAttribute('href')).toBe('https://example.org');
  });
});
