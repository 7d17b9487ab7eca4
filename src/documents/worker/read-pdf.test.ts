import { describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { readPdf } from './read-pdf';
import { AppError } from '../../shared/errors';

async function pdfOf(pages: string[], build?: (doc: PDFDocument) => Promise<void> | void): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of pages) {
    const page = doc.addPage([400, 400]);
    if (text) page.drawText(text, { x: 20, y: 360, size: 10, font });
  }
  await build?.(doc);
  return doc.save();
}

describe('readPdf', () => {
  it('reads each page’s text and marks a page without text as scanned', async () => {
    const seen: number[] = [];
    const read = await readPdf('a.pdf', await pdfOf(['First page words', '', 'Third page']), (n) => seen.push(n));
    expect(read.pages.map((p) => [p.number, p.text.trim(), p.scanned])).toEqual([
      [1, 'First page words', false],
      [2, '', true],
      [3, 'Third page', false],
    ]);
    expect(seen).toEqual([1, 2, 3]);
    expect(read.notices).toEqual({ javascript: false, embeddedFiles: 0 });
  });

  it('notices JavaScript and embedded files without running or keeping them', async () => {
    const bytes = await pdfOf(['Visible text'], async (doc) => {
      doc.addJavaScript('canary', 'app.alert("ran")');
      await doc.attach(new TextEncoder().encode('secret payload'), 'payload.txt', { mimeType: 'text/plain' });
    });
    const read = await readPdf('js.pdf', bytes, () => undefined);
    expect(read.notices).toEqual({ javascript: true, embeddedFiles: 1 });
    expect(JSON.stringify(read.pages)).not.toContain('secret payload');
  });

  it('refuses a damaged PDF with a message naming it', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage garbage');
    await expect(readPdf('broken.pdf', bytes, () => undefined)).rejects.toThrow(/“broken.pdf” is a damaged PDF/);
  });

  it('refuses more than 2,000 pages before reading any', async () => {
    const doc = await PDFDocument.create();
    for (let i = 0; i < 2001; i++) doc.addPage([10, 10]);
    const seen: number[] = [];
    await expect(readPdf('long.pdf', await doc.save(), (n) => seen.push(n))).rejects.toThrow(/2,001 pages; documents up to 2,000 pages/);
    expect(seen).toEqual([]);
  });
});

describe('readPdf on the e2e builders', () => {
  it('reads an encrypted PDF only with its password, and says which was missing or wrong', async () => {
    const { encryptedPdf, LOCKED } = await import('../../../e2e/fixtures/documents/pdfs');
    const bytes = await encryptedPdf();
    const refusedWith = async (password?: string) => {
      const error: unknown = await readPdf('locked.pdf', bytes, () => undefined, undefined, password).then(
        () => null,
        (e: unknown) => e,
      );
      return error instanceof AppError ? [error.code, error.message] : error;
    };
    expect(await refusedWith()).toEqual(['password-required', '“locked.pdf” is protected by a password.']);
    expect(await refusedWith('not-it')).toEqual(['password-required', 'That is not the password of “locked.pdf”.']);
    const read = await readPdf('locked.pdf', bytes, () => undefined, undefined, LOCKED.password);
    expect(read.pages[0]?.text).toContain(LOCKED.sentence);
  });

  it('finds the planted fact on page 41 and the decoy on page 7 of the report', async () => {
    const { reportPdf, PLANTED } = await import('../../../e2e/fixtures/documents/pdfs');
    const read = await readPdf('report.pdf', await reportPdf(), () => undefined);
    expect(read.pages).toHaveLength(60);
    expect(read.title).toBe('Harbour annual report');
    expect(read.pages[40]?.text).toContain(PLANTED.fact);
    expect(read.pages[6]?.text).toContain(PLANTED.decoy);
  });
});
