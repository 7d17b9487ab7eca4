// Turns a text document into the one page it is: decoded, and for HTML the visible text only (never rendered).

import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';
import type { DocumentFormat } from '../../domain/document';
import { decodeText } from '../detect';

/** HTML is parsed into a tree and only its text taken: no element is created, no script or style kept. */
export function htmlToText(html: string): string {
  const tree = fromHtml(html);
  return toText(tree, { whitespace: 'normal' }).replace(/\n{3,}/g, '\n\n').trim();
}

export function readText(name: string, format: DocumentFormat, bytes: Uint8Array): { text: string; title: string | null } {
  const raw = decodeText(name, bytes);
  if (format !== 'html') return { text: raw, title: null };
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(raw)?.[1]?.trim() || null;
  return { text: htmlToText(raw), title };
}
