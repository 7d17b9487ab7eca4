// A document as an attachment: its title, pages and words (text only: a document is never rendered).

import { FileText } from 'lucide-react';
import type { Attachment } from '../../domain/conversation';

export function documentFacts(a: Pick<Attachment, 'format' | 'pages' | 'words' | 'scannedPages' | 'javascript' | 'embeddedFiles'>): string {
  const pages = a.pages ?? 1;
  const facts = [a.format.toUpperCase(), `${pages.toLocaleString('en')} ${pages === 1 ? 'page' : 'pages'}`, `${(a.words ?? 0).toLocaleString('en')} words`];
  // Said as unfinished: these pages reach no model, even one that sees (sending them as pictures is not built).
  if (a.scannedPages) facts.push(`${a.scannedPages} ${a.scannedPages === 1 ? 'page' : 'pages'} scanned, no text (no text to read; they can go to a model that sees as pictures)`);
  const ignored = [a.javascript ? 'its scripts' : '', a.embeddedFiles ? `${a.embeddedFiles} embedded ${a.embeddedFiles === 1 ? 'file' : 'files'}` : ''].filter(Boolean);
  if (ignored.length > 0) facts.push(`${ignored.join(' and ')} ignored: never run or extracted`);
  return facts.join(' · ');
}

export function DocumentIcon({ name }: { name: string }) {
  return (
    <span className="attachment-thumb document-icon" role="img" aria-label={`Document: ${name}`}>
      <FileText size={28} aria-hidden="true" focusable="false" />
    </span>
  );
}
