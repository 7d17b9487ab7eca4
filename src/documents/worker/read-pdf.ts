// Reads a PDF's text page by page with pdf.js (through unpdf's worker-free build), and refuses what it must not open.

import { getDocumentProxy } from 'unpdf';
import { AppError } from '../../shared/errors';
import type { DocumentNotices, DocumentPage } from '../../domain/document';
import { DOCUMENT_LIMITS } from '../limits';

const bad = (message: string, cause?: unknown) => new AppError('bad-media', message, cause === undefined ? undefined : { cause });

export interface ReadPdf {
  pages: DocumentPage[];
  notices: DocumentNotices;
  title: string | null;
}

interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
}

/** pdf.js' PasswordException codes (PasswordResponses in pdf.js' shared/util.js). */
const INCORRECT_PASSWORD = 2;

/** pdf.js' own exceptions carry their kind in `name`; the messages below are what the person reads. */
function refusal(name: string, error: unknown): AppError {
  const kind = error instanceof Error || (typeof error === 'object' && error !== null) ? String((error as { name?: unknown }).name ?? '') : '';
  const detail = error instanceof Error ? error.message : String(error);
  if (kind === 'PasswordException') {
    const wrong = (error as { code?: unknown }).code === INCORRECT_PASSWORD;
    return new AppError('password-required', wrong ? `That is not the password of “${name}”.` : `“${name}” is protected by a password.`, { cause: error });
  }
  if (kind === 'InvalidPDFException' || kind === 'FormatError' || kind === 'UnknownErrorException' || kind === 'XRefParseException') {
    return bad(`“${name}” is a damaged PDF and could not be read (${detail}).`, error);
  }
  return bad(`“${name}” could not be read as a PDF (${detail}).`, error);
}

/**
 * Text only: pdf.js is given no scripting sandbox and eval is off, so a PDF's JavaScript never runs; embedded files
 * are counted from the catalog's name tree and their bytes dropped at once, never stored or shown to a model.
 */
export async function readPdf(
  name: string,
  bytes: Uint8Array,
  onPage: (read: number, total: number) => void,
  signal?: AbortSignal,
  password?: string,
): Promise<ReadPdf> {
  let doc: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
    doc = await getDocumentProxy(bytes.slice(), { isEvalSupported: false, enableXfa: false, stopAtErrors: false, ...(password !== undefined ? { password } : {}) });
  } catch (error) {
    throw refusal(name, error);
  }
  try {
    const total = doc.numPages;
    if (total > DOCUMENT_LIMITS.maxPages) throw bad(`“${name}” has ${total.toLocaleString('en')} pages; documents up to ${DOCUMENT_LIMITS.maxPages.toLocaleString('en')} pages are accepted.`);
    const [jsActions, attachments, metadata] = await Promise.all([
      doc.getJSActions().catch(() => null),
      doc.getAttachments().catch(() => null),
      doc.getMetadata().catch(() => null),
    ]);
    const notices: DocumentNotices = {
      javascript: jsActions !== null && Object.keys(jsActions).length > 0,
      embeddedFiles: attachments && typeof attachments === 'object' ? Object.keys(attachments).length : 0,
    };
    const pages: DocumentPage[] = [];
    for (let number = 1; number <= total; number++) {
      signal?.throwIfAborted();
      let text: string;
      try {
        const page = await doc.getPage(number);
        const content = await page.getTextContent();
        text = (content.items as TextItemLike[]).map((item) => (item.str ?? '') + (item.hasEOL ? '\n' : '')).join('');
        page.cleanup();
      } catch (error) {
        throw refusal(name, error);
      }
      pages.push({ number, text, scanned: text.trim() === '' });
      onPage(number, total);
    }
    const info = (metadata?.info ?? {}) as { Title?: unknown };
    const title = typeof info.Title === 'string' && info.Title.trim() !== '' ? info.Title.trim() : null;
    return { pages, notices, title };
  } finally {
    await doc.destroy();
  }
}
