import { describe, expect, it } from 'vitest';
import { htmlToText, readText } from './read-text';

describe('readText', () => {
  it('keeps only the visible text of HTML: no script, no style, no markup', () => {
    const text = htmlToText('<html><head><style>p{color:red}</style><script>window.canary=1</script></head><body><h1>Tides</h1><p>High at <b>six</b>.</p><img src=x onerror="alert(1)"></body></html>');
    expect(text).toContain('Tides');
    expect(text).toContain('High at six.');
    expect(text).not.toMatch(/canary|color|onerror|<|>/);
  });

  it('takes an HTML title, and leaves other text as it is', () => {
    expect(readText('p.html', 'html', new TextEncoder().encode('<title>Page</title><p>x</p>')).title).toBe('Page');
    expect(readText('a.csv', 'csv', new TextEncoder().encode('a,b\n1,2'))).toEqual({ text: 'a,b\n1,2', title: null });
  });
});
