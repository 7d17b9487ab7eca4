// Which attached files take the document path rather than the media path, and how far along a document is, in words.

import { formatBytes, percent } from '../shared/format';
import { classifyDocument } from './detect';
import { DOCUMENT_LIMITS } from './limits';
import type { IngestProgress } from './service';

/**
 * True for PDFs (by their bytes), text and code (by their names), and for anything named .pdf: a hostile one is
 * then refused by the reader with its own message rather than as "not a picture". Throws for what must not open.
 */
export async function isDocumentFile(file: File): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, DOCUMENT_LIMITS.headerBytes).arrayBuffer());
  return classifyDocument({ name: file.name, size: file.size }, head) !== null;
}

export function describeIngest(progress: IngestProgress): string {
  switch (progress.phase) {
    case 'reading':
      return `Reading page ${progress.read} of ${progress.total}…`;
    case 'loading-embedder':
      if (progress.total > 0 && progress.loaded >= progress.total) return 'Starting the embedding model…';
      return `Downloading the embedding model: ${formatBytes(progress.loaded)} (${percent(progress.loaded, progress.total)}%)`;
    case 'embedding':
      return `Embedding passages: ${progress.done} of ${progress.total}…`;
  }
}
