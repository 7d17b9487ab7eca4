import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown, preloadRich } from '../chat/markdown/Markdown';

const render = (text: string) => renderToStaticMarkup(<Markdown text={text} />);

describe('the Run button under code blocks', () => {
  it('comes with JavaScript and Python blocks only', () => {
    const html = render('```js\nconsole.log(1)\n```\n\n```python\nprint(1)\n```\n\n```bash\nrm -rf /\n```\n\n```\nplain\n```');
    expect(html.match(/Run this JavaScript code/g)).toHaveLength(1);
    expect(html.match(/Run this Python code/g)).toHaveLength(1);
    expect(html.match(/aria-label="Run this/g)).toHaveLength(2);
  });

  it('still finds the language once highlight.js has added its classes', async () => {
    await preloadRich();
    expect(render('```py\nprint(1)\n```')).toContain('Run this Python code');
  });
});
