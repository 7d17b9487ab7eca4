// The document library: every stored document with its pages, words and storage, searchable, to attach to the next
// message without reading or embedding it again, or to delete with its vectors.

import { useCallback, useEffect, useState } from 'react';
import { Library as LibraryIcon } from 'lucide-react';
import type { Attachment } from '../../domain/conversation';
import type { DocumentSummary, StoredDocument } from '../../domain/document';
import { formatBytes, formatMs } from '../../shared/format';

const rate = (count: number, ms: number) => (ms > 0 ? Math.round((count / ms) * 10_000) / 10 : 0);
import { serializeError } from '../../shared/errors';
import { describeError } from '../../i18n/errors';
import { documentAttachment } from '../service';
import { useDocumentService } from './context';
import { documentFacts } from './DocumentCard';
import { useTranslation } from '../../i18n/react';

/** Matches the title or the text; what the person typed is matched as words, in any case. */
export function matches(document: Pick<StoredDocument, 'title' | 'pages'>, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return document.title.toLowerCase().includes(q) || document.pages.some((p) => p.text.toLowerCase().includes(q));
}

export function LibraryButton({ onAttach }: { onAttach: (attachment: Attachment) => void }) {
  const { t } = useTranslation('documents');
  const service = useDocumentService();
  const [open, setOpen] = useState(false);
  if (!service) return null;
  return (
    <>
      <button type="button" className="button ghost small" onClick={() => setOpen(true)} aria-haspopup="dialog">
        <LibraryIcon size={16} aria-hidden="true" focusable="false" /> <span className="tool-label">{t('library.button')}</span>
      </button>
      {open && (
        <LibraryDialog
          onClose={() => setOpen(false)}
          onAttach={(a) => {
            onAttach(a);
            setOpen(false);
          }}
        />
      )}
    </>
  );
}

function LibraryDialog({ onClose, onAttach }: { onClose: () => void; onAttach: (attachment: Attachment) => void }) {
  const { t } = useTranslation('documents');
  const service = useDocumentService();
  const [documents, setDocuments] = useState<DocumentSummary[] | null>(null);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ query: string; ids: Set<string> } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    if (!service) return;
    service.list().then(setDocuments, (e: unknown) => setError(describeError(serializeError(e)).title));
  }, [service]);
  useEffect(refresh, [refresh]);

  useEffect(() => {
    if (!service || !documents || !query.trim()) return;
    let live = true;
    void Promise.all(
      documents.map(async (d) => {
        const full = await service.get(d.id);
        return full && matches(full, query) ? d.id : null;
      }),
    ).then(
      (ids) => live && setFound({ query, ids: new Set(ids.filter((id): id is string => id !== null)) }),
    );
    return () => {
      live = false;
    };
  }, [service, documents, query]);

  // Until the search for the current words has answered, the earlier list stays.
  const shown = query.trim() && found?.query === query ? found.ids : null;
  const visible = (documents ?? []).filter((d) => !shown || shown.has(d.id));
  return (
    <div className="library" role="dialog" aria-modal="true" aria-label={t('library.dialog')}>
      <header className="passage-head">
        <strong>{t('library.title')}</strong>
        <button type="button" className="button small" onClick={onClose} autoFocus>
          {t('library.close')}
        </button>
      </header>
      <input type="search" className="library-search" aria-label={t('library.search')} placeholder={t('library.searchPlaceholder')} value={query} onChange={(e) => setQuery(e.target.value)} />
      {error && <p role="alert">{error}</p>}
      {documents === null && <p>{t('library.loading')}</p>}
      {documents?.length === 0 && <p>{t('library.empty')}</p>}
      <ul className="library-list">
        {visible.map((d) => (
          <li key={d.id} aria-label={t('library.document', { title: d.title })}>
            <span className="attachment-name">{d.title}</span>
            <span className="attachment-facts">
              {t('library.facts', { facts: documentFacts(documentAttachment(d)), count: d.chunkCount, size: formatBytes(d.storedBytes) })}
            </span>
            {d.timings && (
              <span
                className="attachment-facts"
                data-testid="document-timings"
                data-pages-per-second={rate(d.pageCount, d.timings.readMs)}
                data-chunks-per-second={rate(d.chunkCount, d.timings.embedMs)}
              >
                {t('library.timings', {
                  read: formatMs(d.timings.readMs),
                  pages: rate(d.pageCount, d.timings.readMs),
                  embed: formatMs(d.timings.embedMs),
                  passages: rate(d.chunkCount, d.timings.embedMs),
                })}
              </span>
            )}
            <span className="library-actions">
              <button type="button" className="button small" onClick={() => onAttach(documentAttachment(d))}>
                {t('library.attach')}
              </button>
              <button
                type="button"
                className="button small"
                aria-label={t('library.deleteNamed', { title: d.title })}
                onClick={() => {
                  void service?.delete(d.id).then(refresh);
                }}
              >
                {t('library.delete')}
              </button>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
