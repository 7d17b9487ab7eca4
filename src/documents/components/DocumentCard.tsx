// A document as an attachment: its title, pages and words (text only: a document is never rendered).

import type { Attachment } from '../../domain/conversation';

export function documentFacts(a: Pick<Attachment, 'format' | 'pages' | 'words'>): string {
  const pages = a.pages ?? 1;
  return [a.format.toUpperCase(), `${pages.toLocaleString('en')} ${pages === 1 ? 'page' : 'pages'}`, `${(a.words ?? 0).toLocaleString('en')} words`].join(' · ');
}

export function DocumentIcon({ name }: { name: string }) {
  return (
    <span className="attachment-thumb document-icon" role="img" aria-label={`Document: ${name}`}>
      📄
    </span>
  );
}
