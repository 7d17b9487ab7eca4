// A cited PDF page drawn by pdf.js from the stored original, the passage marked on it. It draws one page on demand,
// which takes milliseconds, unlike reading a whole PDF (the reader worker's job); see draw-pdf.ts for why in the page.

import { useEffect, useRef, useState } from 'react';
import { drawPage, openPdf } from '../draw-pdf';
import { passageBoxes, type PageRect, type PageTextItem } from '../page-boxes';
import { useTranslation } from '../../i18n/react';

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

type View = { status: 'drawing' } | { status: 'drawn'; boxes: Box[]; text: string; ms: number } | { status: 'failed'; message: string };

/** The page's width in CSS pixels at which it is drawn (then scaled to fit), times the screen's pixel ratio. */
const DRAW_WIDTH = 820;

function isTextItem(value: unknown): value is PageTextItem {
  return typeof value === 'object' && value !== null && typeof (value as { str?: unknown }).str === 'string' && Array.isArray((value as { transform?: unknown }).transform);
}

/** Keyed by its passage where used: a new passage is a new drawing, from 'drawing'. */
export function PdfPage({ original, page, start, end }: { original: Blob; page: number; start: number; end: number }) {
  const { t } = useTranslation('documents');
  const holder = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<View>({ status: 'drawing' });

  useEffect(() => {
    let live = true;
    let destroy: (() => Promise<void>) | undefined;
    void (async () => {
      const began = performance.now();
      const pdf = await openPdf(original);
      destroy = pdf.destroy;
      if (!live) return;
      const { page: pdfPage, canvas, viewport } = await drawPage(pdf.doc, page, DRAW_WIDTH * Math.min(2, window.devicePixelRatio || 1));
      canvas.setAttribute('aria-hidden', 'true');
      const content = await pdfPage.getTextContent();
      const marked = passageBoxes((content.items as unknown[]).filter(isTextItem), start, end);
      const boxes = marked.rects.map((rect: PageRect) => {
        const [x1, y1, x2, y2] = viewport.convertToViewportRectangle(rect);
        const percent = (value: number, of: number) => (value / of) * 100;
        return {
          left: percent(Math.min(x1, x2), viewport.width),
          top: percent(Math.min(y1, y2), viewport.height),
          width: percent(Math.abs(x2 - x1), viewport.width),
          height: percent(Math.abs(y2 - y1), viewport.height),
        };
      });
      if (!live) return;
      holder.current?.replaceChildren(canvas);
      setView({ status: 'drawn', boxes, text: marked.text, ms: Math.round(performance.now() - began) });
    })().catch((error: unknown) => {
      if (live) setView({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
    });
    return () => {
      live = false;
      void destroy?.();
    };
  }, [original, page, start, end]);

  return (
    <figure
      className="pdf-page"
      data-testid="rendered-page"
      data-page={page}
      data-status={view.status}
      data-marked-text={view.status === 'drawn' ? view.text : undefined}
      // How long opening the PDF and drawing this page took, pdf.js' first load included: a figure, not asserted.
      data-draw-ms={view.status === 'drawn' ? view.ms : undefined}
    >
      <div className="pdf-page-sheet">
        <div ref={holder} className="pdf-page-canvas" />
        {view.status === 'drawn' &&
          view.boxes.map((box, i) => <span key={i} className="page-highlight" data-testid="page-highlight" style={{ left: `${box.left}%`, top: `${box.top}%`, width: `${box.width}%`, height: `${box.height}%` }} />)}
      </div>
      <figcaption className="message-note">
        {view.status === 'drawing' && t('pdf.drawing')}
        {view.status === 'drawn' && (view.boxes.length > 0 ? t('pdf.marked', { page }) : t('pdf.unplaced', { page }))}
        {view.status === 'failed' && t('pdf.failed', { message: view.message })}
      </figcaption>
    </figure>
  );
}
