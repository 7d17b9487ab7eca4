// For tests and timings only: a long answer of the kind models write.

/** Headings, loose and tight lists, code, math, tables, quotes, reference links and footnotes, repeated to `size`. */
export function longAnswer(size: number, { references = true } = {}): string {
  const parts = [
    '## Step {n}\n\nHere is **why** it works, with `code`, a [link][docs] and a footnote.[^n{n}]\n\n',
    '- first point\n- second point\n\n- third point, which makes the list loose\n\n',
    '1. Install it\n\n   ```sh\n   npm install thing\n   ```\n\n2. Run it\n\n',
    '```ts\nfunction area(r: number) {\n  return Math.PI * r ** 2;\n}\n\n\nconsole.log(area(2));\n```\n\n',
    '$$\na^2 + b^2\n\n= c^2\n$$\n\n',
    '| Name | Value |\n| --- | ---: |\n| pi | 3.14 |\n| e | 2.72 |\n\n',
    '> A quote with a [reference][docs]\n> over two lines.\n\n',
    '[^n{n}]: The footnote for step {n}.\n\n',
  ];
  let text = '';
  for (let n = 1; text.length < size; n++) text += parts.map((part) => part.replaceAll('{n}', String(n))).join('');
  if (!references) return text.replace(/\[\^n\d+\]:.*\n\n/g, '').replace(/\[\^n\d+\]|\[docs\]/g, '');
  return `${text}[docs]: https://example.org/docs "Docs"\n`;
}
