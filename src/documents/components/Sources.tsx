// Under an answer given document passages: its citations as numbered chips, a "Sources" fold with every passage and
// its score, and the passage itself, highlighted on its page, when a chip is opened.

import type { Retrieval, RetrievedPassage } from '../../domain/document';

/**
 * A numbered chip that opens its passage. Inline, it keeps the brackets the answer wrote, hidden from the eye, so
 * the answer's text (copied, or read as text) stays as the model wrote it.
 */
export function CitationChip({ passage, onOpen, inline = false }: { passage: RetrievedPassage; onOpen: (citation: number) => void; inline?: boolean }) {
  return (
    <button type="button" className={inline ? 'citation-chip inline' : 'citation-chip'} onClick={() => onOpen(passage.citation)} aria-label={`Source ${passage.citation}: ${passage.title}, page ${passage.page}`}>
      {inline && <span className="visually-hidden">[</span>}
      {passage.citation}
      {inline && <span className="visually-hidden">]</span>}
    </button>
  );
}

/** The passage cited as `citation`, if the retrieval has one by that number. */
export function passageFor(retrieval: Retrieval, citation: number): RetrievedPassage | undefined {
  return retrieval.passages.find((p) => p.citation === citation);
}
