// Turns an answer (Markdown, possibly still streaming) into plain sentences a voice can read, one at a time.

/** What a listener should hear of Markdown: the words, not the markup; code is named, not spelled out. */
export function speakableText(markdown: string): string {
  return markdown
    .replace(/<think>[\s\S]*?(<\/think>|$)/g, ' ')
    .replace(/```[\s\S]*?(```|$)/g, ' (code omitted) ')
    .replace(/\$\$[\s\S]*?\$\$/g, ' (formula) ')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s*[-*+]\s+\[[ xX]\]\s+/gm, '')
    .replace(/^\s*([-*+]|\d+[.)])\s+/gm, '')
    .replace(/^\s*>\s?/gm, '')
    .replace(/\|/g, ' ')
    .replace(/(\*\*|__|\*|_|~~)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/** A sentence ends at . ! ? … (and their CJK forms) followed by space or the end, or at a line break. */
const BOUNDARY = /([.!?…。！？]+["'”’)\]]*)(\s+|$)|\n+/g;

/**
 * Splits off the sentences that are certainly complete; `rest` may still grow while an answer streams.
 * With `final`, whatever remains is a sentence too.
 */
export function takeSentences(text: string, final = false): { sentences: string[]; rest: string } {
  const sentences: string[] = [];
  let start = 0;
  for (const match of text.matchAll(BOUNDARY)) {
    const end = (match.index ?? 0) + match[0].length;
    // At the very end of a streaming text a "." may be a decimal point or an abbreviation still being written.
    if (!final && end >= text.length && match[2] === '') continue;
    const sentence = text.slice(start, end).trim();
    if (sentence) sentences.push(sentence);
    start = end;
  }
  let rest = text.slice(start);
  if (final && rest.trim()) return { sentences: [...sentences, rest.trim()], rest: '' };
  // A run-on answer with no full stop would stay silent until it ends; past a length, break at a comma or space.
  while (rest.length > LONGEST_PHRASE) {
    const window = rest.slice(0, LONGEST_PHRASE);
    const cut = Math.max(window.lastIndexOf(', ') + 1, window.lastIndexOf(' '));
    const at = cut > LONGEST_PHRASE / 2 ? cut : LONGEST_PHRASE;
    sentences.push(rest.slice(0, at).trim());
    rest = rest.slice(at);
  }
  return { sentences, rest };
}

/** Characters after which an unfinished sentence is spoken anyway, so a long one starts playing promptly. */
export const LONGEST_PHRASE = 120;
