// Tells from a file's first bytes (and, for text, its name) whether it is a document, and refuses hostile ones
// before anything parses them; pure, so every case is tested without a browser.

import { AppError } from '../shared/errors';
import { formatBytes } from '../shared/format';
import type { DocumentFormat } from '../domain/document';
import { DOCUMENT_LIMITS } from './limits';

const bad = (message: string) => new AppError('bad-media', message);

const TEXT_EXTENSIONS: Record<string, DocumentFormat> = {
  txt: 'text', text: 'text', log: 'text', rst: 'text',
  md: 'markdown', markdown: 'markdown', mdx: 'markdown',
  html: 'html', htm: 'html', xhtml: 'html',
  csv: 'csv', tsv: 'csv',
  json: 'json', jsonl: 'json', ndjson: 'json',
};

const CODE_EXTENSIONS = new Set([
  'ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'py', 'rb', 'go', 'rs', 'java', 'kt', 'kts', 'swift', 'c', 'h', 'cc', 'cpp', 'hpp', 'cs',
  'php', 'sh', 'bash', 'zsh', 'ps1', 'sql', 'css', 'scss', 'less', 'xml', 'yaml', 'yml', 'toml', 'ini', 'cfg', 'lua', 'r', 'jl',
  'scala', 'dart', 'vue', 'svelte', 'tex', 'hs', 'ex', 'exs', 'erl', 'clj', 'pl', 'm', 'gradle', 'cmake', 'dockerfile', 'makefile',
]);

/** The picker's accept list for documents. */
export const DOCUMENT_ACCEPT = ['.pdf', ...Object.keys(TEXT_EXTENSIONS), ...CODE_EXTENSIONS].map((e) => (e.startsWith('.') ? e : `.${e}`)).join(',');

function extension(name: string): string {
  const base = name.toLowerCase().split(/[\\/]/).pop() ?? '';
  if (base === 'dockerfile' || base === 'makefile') return base;
  return base.includes('.') ? (base.split('.').pop() ?? '') : '';
}

function startsWith(head: Uint8Array, signature: readonly number[], at = 0): boolean {
  return signature.every((b, i) => head[at + i] === b);
}

/** PDF readers accept the header anywhere in the first kilobyte (junk before it is common in the wild). */
function pdfHeaderAt(head: Uint8Array): number {
  const marker = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
  for (let i = 0; i + marker.length <= Math.min(head.length, DOCUMENT_LIMITS.headerBytes); i++) if (startsWith(head, marker, i)) return i;
  return -1;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];

export type DocumentKind = { kind: 'pdf' } | { kind: 'text'; format: DocumentFormat };

/**
 * A document's kind, or null for anything else (pictures, sound and video go to the media path). Throws a
 * `bad-media` AppError, in the words the person reads, for what must not be opened.
 */
export function classifyDocument(file: { name: string; size: number }, head: Uint8Array): DocumentKind | null {
  const { name, size } = file;
  const ext = extension(name);
  const pdf = pdfHeaderAt(head) >= 0;
  const text = TEXT_EXTENSIONS[ext] ?? (CODE_EXTENSIONS.has(ext) ? 'code' : undefined);
  if (!pdf && ext !== 'pdf' && !text) return null;
  if (size > DOCUMENT_LIMITS.maxBytes) {
    throw bad(`“${name}” is ${formatBytes(size)}; documents up to ${formatBytes(DOCUMENT_LIMITS.maxBytes)} are accepted.`);
  }
  if (size === 0) throw bad(`“${name}” is empty.`);
  if (pdf) return { kind: 'pdf' };
  if (ext === 'pdf') {
    if (startsWith(head, ZIP)) throw bad(`“${name}” is named like a PDF but is a ZIP archive. Sensa does not open archives: unpack it and attach the files inside.`);
    throw bad(`“${name}” is named like a PDF but is not one: it does not start with a PDF header.`);
  }
  if (startsWith(head, ZIP)) throw bad(`“${name}” is named like ${ext.toUpperCase()} text but is a ZIP archive. Sensa does not open archives.`);
  return { kind: 'text', format: text ?? 'text' };
}

const BOMS: { bytes: number[]; encoding: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

/**
 * UTF-8, or UTF-16 with a byte-order mark. Anything else is refused rather than guessed: a wrong guess
 * (Latin-1 for Shift-JIS, say) would fill the passages with mojibake that the person never sees but the model reads.
 */
export function decodeText(name: string, bytes: Uint8Array): string {
  const bom = BOMS.find((b) => startsWith(bytes, b.bytes));
  if (bom) return new TextDecoder(bom.encoding).decode(bytes.subarray(bom.bytes.length));
  if (bytes.subarray(0, 8192).includes(0)) throw bad(`“${name}” is a binary file, not text.`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw bad(`“${name}” is not UTF-8 text, and its encoding cannot be told for sure. Save it as UTF-8 and attach it again.`);
  }
}
