// The sources under an answer that drew on documents; loads with the first such answer (keeps the app shell small).

import type { Retrieval } from '../../domain/document';
import { citationsIn } from '../citations';
import { CitationChip, passageFor } from './Sources';

/** The chips and the Sources fold under an answer; `onOpen` shows a passage (the same view the inline chips open). */
export function AnswerSources({ retrieval, answer, onOpen }: { retrieval: Retrieval; answer: string; onOpen: (citation: number) => void }) {
  const cited = citationsIn(answer, retrieval.passages.length);
  return (
    <div className="answer-sources">
      {cited.length > 0 && (
        <p className="citations" aria-label="Citations">
          {cited.map((n) => {
            const passage = passageFor(retrieval, n);
            return passage ? <CitationChip key={n} passage={passage} onOpen={onOpen} /> : null;
          })}
        </p>
      )}
      <details className="sources">
        <summary>Sources ({retrieval.passages.length})</summary>
        <p className="sources-meta" data-testid="retrieval-figures" data-embedded-texts={retrieval.embeddedTexts} data-pages-read={retrieval.pagesRead} data-rebuilt={retrieval.rebuilt ?? 0} data-engine-texts={retrieval.engine?.texts ?? ''}>
          {retrieval.missing ? `${retrieval.missing} attached ${retrieval.missing === 1 ? 'document is' : 'documents are'} no longer in the library and gave nothing. ` : ''}
          {retrieval.rebuilt ? `${retrieval.rebuilt} ${retrieval.rebuilt === 1 ? 'document was' : 'documents were'} embedded again from ${retrieval.rebuilt === 1 ? 'its' : 'their'} stored passages: ${retrieval.rebuilt === 1 ? 'its vectors came' : 'their vectors came'} from another embedding model. ` : ''}
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
              <button type="button" className="link-button" onClick={() => onOpen(p.citation)}>
                [{p.citation}] {p.title}, page {p.page}
              </button>
              {p.score !== undefined && <span className="source-score"> · score {p.score.toFixed(3)}</span>}
              <span className="source-snippet"> — {p.text.slice(0, 140)}{p.text.length > 140 ? '…' : ''}</span>
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}
