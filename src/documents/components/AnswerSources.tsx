// The sources under an answer that drew on documents; loads with the first such answer (keeps the app shell small).

import type { Retrieval } from '../../domain/document';
import { citationsIn } from '../citations';
import { CitationChip, passageFor } from './Sources';
import { useTranslation } from '../../i18n/react';

/** The chips and the Sources fold under an answer; `onOpen` shows a passage (the same view the inline chips open). */
export function AnswerSources({ retrieval, answer, onOpen }: { retrieval: Retrieval; answer: string; onOpen: (citation: number) => void }) {
  const { t } = useTranslation('documents');
  const cited = citationsIn(answer, retrieval.passages.length);
  return (
    <div className="answer-sources">
      {cited.length > 0 && (
        <p className="citations" aria-label={t('sources.citations')}>
          {cited.map((n) => {
            const passage = passageFor(retrieval, n);
            return passage ? <CitationChip key={n} passage={passage} onOpen={onOpen} /> : null;
          })}
        </p>
      )}
      <details className="sources">
        <summary>{t('sources.summary', { count: retrieval.passages.length })}</summary>
        <p className="sources-meta" data-testid="retrieval-figures" data-embedded-texts={retrieval.embeddedTexts} data-pages-read={retrieval.pagesRead} data-rebuilt={retrieval.rebuilt ?? 0} data-engine-texts={retrieval.engine?.texts ?? ''}>
          {retrieval.missing ? t('sources.missing', { count: retrieval.missing }) : ''}
          {retrieval.rebuilt ? t('sources.rebuilt', { count: retrieval.rebuilt }) : ''}
          {retrieval.passages.length === 0
            ? t('sources.none')
            : retrieval.mode === 'whole'
            ? t('sources.whole')
            : t('sources.found', { count: retrieval.embeddedTexts, pages: retrieval.pagesRead })}
          {retrieval.engine &&
            t('sources.engine', {
              calls: t('sources.calls', { count: retrieval.engine.calls }),
              texts: t('sources.texts', { count: retrieval.engine.texts }),
            })}
        </p>
        <ol className="source-list">
          {retrieval.passages.map((p) => (
            <li key={p.citation}>
              <button type="button" className="link-button" onClick={() => onOpen(p.citation)}>
                {t('sources.passage', { citation: p.citation, title: p.title, page: p.page })}
              </button>
              {p.score !== undefined && <span className="source-score">{t('sources.score', { score: p.score.toFixed(3) })}</span>}
              <span className="source-snippet">{t('sources.snippet', { text: p.text.length > 140 ? `${p.text.slice(0, 140)}…` : p.text })}</span>
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}
