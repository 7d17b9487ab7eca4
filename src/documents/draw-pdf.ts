// pdf.js drawing in the page, shared by the cited-page view and the scanned pages sent as pictures. It runs here, not
// in the reader worker, because drawing needs the document's fonts (FontFace on document.fonts); unpdf (pdf.js) loads
// only when something is first drawn.

type PdfDocument = Awaited<ReturnType<(typeof import('unpdf'))['getDocumentProxy']>>;
export type PdfPageProxy = Awaited<ReturnType<PdfDocument['getPage']>>;
export type PdfViewport = ReturnType<PdfPageProxy['getViewport']>;

export interface OpenPdf {
  doc: PdfDocument;
  destroy(): Promise<void>;
}

/** Opened as the reader opens it: no eval, no XFA, no scripting sandbox, so nothing in the PDF runs here either. */
export async function openPdf(original: Blob): Promise<OpenPdf> {
  const { getDocumentProxy } = await import('unpdf');
  const doc = await getDocumentProxy(new Uint8Array(await original.arrayBuffer()), { isEvalSupported: false, enableXfa: false, stopAtErrors: false });
  return { doc, destroy: () => doc.destroy() };
}

/** One page drawn `width` pixels wide on a canvas of its own (a second drawing must never share a canvas in use). */
export async function drawPage(doc: PdfDocument, number: number, width: number): Promise<{ page: PdfPageProxy; canvas: HTMLCanvasElement; viewport: PdfViewport }> {
  const page = await doc.getPage(number);
  const viewport = page.getViewport({ scale: width / page.getViewport({ scale: 1 }).width });
  const canvas = document.createElement('canvas');
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser gave no 2D canvas');
  await page.render({ canvasContext: context, canvas, viewport }).promise;
  return { page, canvas, viewport };
}

/** The longest side a scanned page is drawn at: the media path scales pictures to 1536 px anyway. */
const SCAN_WIDTH = 1536;

/**
 * Scanned pages (no text layer) as PNG files named after the document, for the picture path: each then goes through
 * the same checks, routing and "this model cannot see" offers as any picture the person attaches.
 */
export async function scannedPagesAsPictures(original: Blob, title: string, pages: readonly number[]): Promise<File[]> {
  const pdf = await openPdf(original);
  try {
    const files: File[] = [];
    for (const number of pages) {
      const { canvas } = await drawPage(pdf.doc, number, SCAN_WIDTH);
      const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error(`page ${number} could not be drawn`))), 'image/png'));
      files.push(new File([blob], `${title}, page ${number}.png`, { type: 'image/png' }));
    }
    return files;
  } finally {
    await pdf.destroy();
  }
}
