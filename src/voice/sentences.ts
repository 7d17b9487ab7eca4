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

/** The shortest opening clause worth a synthesis of its own: shorter ones sound clipped and save little time. */
export const SHORTEST_OPENING = 24;

/** A clause ends at a comma, semicolon, colon or dash followed by a space (or their CJK forms, which take none). */
const CLAUSE_END = /[,;:]\s|\s[—–]\s|[，、；：]/g;

/**
 * The first words of an answer, up to its first clause break past `SHORTEST_OPENING` characters: the voice can start
 * on "Well, the capital of France," while the model is still writing the rest of the sentence. Used only before
 * anything was spoken; afterwards audio is already playing and whole sentences sound better. Null if no break yet.
 */
export function takeOpeningClause(text: string): { clause: string; rest: string } | null {
  for (const match of text.matchAll(CLAUSE_END)) {
    const end = (match.index ?? 0) + match[0].length;
    if (end < SHORTEST_OPENING) continue;
    // The break's trailing space is part of the match; without more text after it, the clause may still be a list.
    if (end >= text.length) return null;
    return { clause: text.slice(0, end).trim(), rest: text.slice(end) };
  }
  return null;
}
