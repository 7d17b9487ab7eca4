// One document from file to chunks: what the reader worker runs, kept free of the worker so Node tests can run it.

import { AppError } from '../../shared/errors';
import type { DocumentPage } from '../../domain/document';
import { chunkPages, countWords } from '../chunking';
import { classifyDocument } from '../detect';
import { DOCUMENT_LIMITS } from '../limits';
import { readPdf } from './read-pdf';
import { readText } from './read-text';
import type { ReadEvent, ReadPayload, ReadResult } from './reader-protocol';

function baseName(name: string): string {
  return name.replace(/\.[^.]+$/, '') || name;
}

export async function readDocument({ file, name, password }: ReadPayload, emit: (event: ReadEvent) => void, signal?: AbortSignal): Promise<ReadResult> {
  const started = performance.now();
  const head = new Uint8Array(await file.slice(0, DOCUMENT_LIMITS.headerBytes).arrayBuffer());
  const kind = classifyDocument({ name, size: file.size }, head);
  if (!kind) throw new AppError('bad-media', `“${name}” is not a document Sensa reads.`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  let pages: DocumentPage[];
  let title: string | null;
  let notices = { javascript: false, embeddedFiles: 0 };
  if (kind.kind === 'pdf') {
    const read = await readPdf(name, bytes, (n, total) => emit({ type: 'page', read: n, total }), signal, password);
    ({ pages, title, notices } = read);
  } else {
    const read = readText(name, kind.format, bytes);
    pages = [{ number: 1, text: read.text, scanned: read.text.trim() === '' }];
    title = read.title;
    emit({ type: 'page', read: 1, total: 1 });
  }
  const words = pages.reduce((n, p) => n + countWords(p.text), 0);
  return {
    format: kind.kind === 'pdf' ? 'pdf' : kind.format,
    title: title ?? baseName(name),
    pages,
    chunks: chunkPages(pages),
    words,
    notices,
    ms: performance.now() - started,
  };
}
