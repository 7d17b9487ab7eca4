// A cited passage shown on its page (drawn from the PDF when the original was kept); loads when first opened.

import { useEffect, useState } from 'react';
import type { RetrievedPassage, StoredDocument } from '../../domain/document';
import { useDocumentService } from './context';
import { PdfPage } from './PdfPage';
import { DOCUMENT_LIMITS } from '../limits';
import { formatBytes } from '../../shared/format';
import { useTranslation } from '../../i18n/react';

/** The passage on its page: the page's text from the library with the passage marked, or the passage alone if the document is gone. */
export function PassageView({ passage, onClose }: { passage: RetrievedPassage; onClose: () => void }) {
  const { t } = useTranslation('documents');
  const service = useDocumentService();
  const [document, setDocument] = useState<StoredDocument | null | undefined>(undefined);
  const [original, setOriginal] = useState<Blob | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void (service?.get(passage.documentId) ?? Promise.resolve(undefined)).then((d) => live && setDocument(d ?? null));
    void (service?.original(passage.documentId) ?? Promise.resolve(undefined)).then((blob) => live && setOriginal(blob));
    return () => {
      live = false;
    };
  }, [service, passage.documentId]);
  const page = document?.pages.find((p) => p.number === passage.page);
  return (
    <div className="passage-view" role="dialog" aria-modal="true" aria-label={t('passage.dialog', { citation: passage.citation, title: passage.title, page: passage.page })}>
      <header className="passage-head">
        <strong>
          {t('passage.heading', { citation: passage.citation, title: passage.title })}
        </strong>{' '}
        <span data-testid="passage-page">{t('passage.page', { page: passage.page })}</span>
        <button type="button" className="button small" onClick={onClose} autoFocus>
          {t('passage.close')}
        </button>
      </header>
      {document === null && <p className="message-note">{t('passage.gone')}</p>}
      {page && original && <PdfPage key={`${passage.documentId}:${passage.page}:${passage.start}`} original={original} page={passage.page} start={passage.start} end={passage.end} />}
      {page && !original && document?.format === 'pdf' && (
        <p className="message-note">{t('passage.notDrawn', { size: formatBytes(DOCUMENT_LIMITS.maxStoredOriginalBytes) })}</p>
      )}
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
