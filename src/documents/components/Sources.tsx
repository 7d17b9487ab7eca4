// Under an answer given document passages: its citations as numbered chips, a "Sources" fold with every passage and
// its score, and the passage itself, highlighted on its page, when a chip is opened.

import { useEffect, useState } from 'react';
import type { Retrieval, RetrievedPassage, StoredDocument } from '../../domain/document';
import { citationsIn } from '../retrieval';
import { useDocumentService } from './context';

export function AnswerSources({ retrieval, answer }: { retrieval: Retrieval; answer: string }) {
  const [open, setOpen] = useState<RetrievedPassage | null>(null);
  const cited = citationsIn(answer, retrieval.passages.length);
  const byNumber = (n: number) => retrieval.passages.find((p) => p.citation === n);
  return (
    <div className="answer-sources">
      {cited.length > 0 && (
        <p className="citations" aria-label="Citations">
          {cited.map((n) => {
            const passage = byNumber(n);
            return passage ? (
              <button key={n} type="button" className="citation-chip" onClick={() => setOpen(passage)} aria-label={`Source ${n}: ${passage.title}, page ${passage.page}`}>
                {n}
              </button>
            ) : null;
          })}
        </p>
      )}
      <details className="sources">
        <summary>Sources ({retrieval.passages.length})</summary>
        <p className="sources-meta" data-testid="retrieval-figures" data-embedded-texts={retrieval.embeddedTexts} data-pages-read={retrieval.pagesRead} data-engine-texts={retrieval.engine?.texts ?? ''}>
          {retrieval.missing ? `${retrieval.missing} attached ${retrieval.missing === 1 ? 'document is' : 'documents are'} no longer in the library and gave nothing. ` : ''}
          {retrieval.passages.length === 0
            ? 'No passage was given to the model.'
            : retrieval.mode === 'whole'
            ? 'The documents were short enough to be given whole.'
            : `Found by meaning and by keywords. Embedded for this answer: ${retrieval.embeddedTexts} ${retrieval.embeddedTexts === 1 ? 'text (the question)' : 'texts'}; pages read: ${retrieval.pagesRead}.`}
          {retrieval.engine && ` Embedding engine since this page opened: ${retrieval.engine.calls} ${retrieval.engine.calls === 1 ? 'call' : 'calls'}, ${retrieval.engine.texts} ${retrieval.engine.texts === 1 ? 'text' : 'texts'}.`}
        </p>
        <ol className="source-list">
          {retrieval.passages.map((p) => (
            <li key={p.citation}>
              <button type="button" className="link-button" onClick={() => setOpen(p)}>
                [{p.citation}] {p.title}, page {p.page}
              </button>
              {p.score !== undefined && <span className="source-score"> · score {p.score.toFixed(3)}</span>}
              <span className="source-snippet"> — {p.text.slice(0, 140)}{p.text.length > 140 ? '…' : ''}</span>
            </li>
          ))}
        </ol>
      </details>
      {open && <PassageView passage={open} onClose={() => setOpen(null)} />}
    </div>
  );
}

/** The passage on its page: the page's text from the library with the passage marked, or the passage alone if the document is gone. */
function PassageView({ passage, onClose }: { passage: RetrievedPassage; onClose: () => void }) {
  const service = useDocumentService();
  const [document, setDocument] = useState<StoredDocument | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void (service?.get(passage.documentId) ?? Promise.resolve(undefined)).then((d) => live && setDocument(d ?? null));
    return () => {
      live = false;
    };
  }, [service, passage.documentId]);
  const page = document?.pages.find((p) => p.number === passage.page);
  return (
    <div className="passage-view" role="dialog" aria-modal="true" aria-label={`Source ${passage.citation}: ${passage.title}, page ${passage.page}`}>
      <header className="passage-head">
        <strong>
          [{passage.citation}] {passage.title}
        </strong>{' '}
        <span data-testid="passage-page">Page {passage.page}</span>
        <button type="button" className="button small" onClick={onClose} autoFocus>
          Close
        </button>
      </header>
      {document === null && <p className="message-note">This document is no longer in the library; the passage as it was given:</p>}
      <div className="passage-page" data-testid="passage-text">
        {page ? (
          <>
            {page.text.slice(0, passage.start)}
            <mark data-testid="passage-highlight">{page.text.slice(passage.start, passage.end)}</mark>
            {page.text.slice(passage.end)}
          </>
        ) : (
          <mark data-testid="passage-highlight">{passage.text}</mark>
        )}
      </div>
    </div>
  );
}
