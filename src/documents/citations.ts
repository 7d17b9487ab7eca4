// The citation markers an answer writes ("[2]", "[1, 3]"): one reading of them for the chips under the answer and
// the chips inline in its text, so both always agree. No dependencies: the answer renderer imports it.

/** A bracketed list of numbers. Global: callers iterate with matchAll or reset lastIndex. */
export const CITATION_MARKER = /\[(\d+(?:\s*,\s*\d+)*)\]/g;

/** The numbers inside one marker's brackets. */
export function markerNumbers(inside: string): number[] {
  return inside.split(',').map((s) => Number(s.trim()));
}

/** Citation numbers in an answer that name a passage it was given (1..passageCount), in order of first mention. */
export function citationsIn(answer: string, passageCount: number): number[] {
  const found: number[] = [];
  for (const match of answer.matchAll(CITATION_MARKER)) {
    for (const n of markerNumbers(match[1] ?? '')) {
      if (n >= 1 && n <= passageCount && !found.includes(n)) found.push(n);
    }
  }
  return found;
}

/** A piece of text between markers, or one cited number. */
export type CitationPiece = { text: string } | { citation: number };

/**
 * Splits text at its markers: each number naming a passage becomes a citation; a number naming none stays written
 * as the answer wrote it ("[9]"), so a marker with no source is plain text. Text without any returns null.
 */
export function splitCitations(text: string, passageCount: number): CitationPiece[] | null {
  const pieces: CitationPiece[] = [];
  let at = 0;
  let any = false;
  const pushText = (value: string) => {
    if (!value) return;
    const last = pieces.at(-1);
    if (last && 'text' in last) last.text += value;
    else pieces.push({ text: value });
  };
  for (const match of text.matchAll(CITATION_MARKER)) {
    const numbers = markerNumbers(match[1] ?? '');
    if (!numbers.some((n) => n >= 1 && n <= passageCount)) continue;
    any = true;
    pushText(text.slice(at, match.index));
    for (const n of numbers) {
      if (n >= 1 && n <= passageCount) pieces.push({ citation: n });
      else pushText(`[${n}]`);
    }
    at = match.index + match[0].length;
  }
  if (!any) return null;
  pushText(text.slice(at));
  return pieces;
}
