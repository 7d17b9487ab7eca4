// Export and import: every conversation as one JSON file with its attachments' bytes (re-importable, nothing lost), or one as Markdown to read.

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { CONVERSATION_SCHEMA, migrate } from '../storage/ui/conversations';
import type { StoredMedia } from '../storage/ui/media-store';
import { newId } from '../shared/ids';
import { splitThinking } from './thinking';
import { allMessages } from '../domain/branches';
import type { Conversation } from '../domain/conversation';
import type { StoredDocument } from '../domain/document';

export const EXPORT_FORMAT = 'sensa-export';

/** A Blob in the file: its bytes as base64, and their sha256 so an import can tell a damaged file from a good one. */
interface ExportedBlob {
  type: string;
  sha256: string;
  base64: string;
}

interface ExportedMedia {
  images: ExportedBlob[];
  pcm?: ExportedBlob;
  thumbnail?: ExportedBlob;
}

/** A library document with its vectors: they travel with it, so an import needs no embedding model and no time. */
interface ExportedDocument {
  document: StoredDocument;
  dimensions: number;
  /** Float32 little-endian, row i for chunk i. */
  vectors: ExportedBlob;
}

/** A document and its vectors as the library keeps them. */
export interface TransferDocument {
  document: StoredDocument;
  dimensions: number;
  vectors: Float32Array;
}

export type ReadDocument = (documentId: string) => Promise<TransferDocument | undefined>;

interface ExportFile {
  format: typeof EXPORT_FORMAT;
  /** Each conversation record carries its own schema (2: the whole tree of versions; 1, from older exports, is migrated).
   * 1: conversations only. 2: plus `media`, the attachments' prepared bytes by attachment id, and (optional, ignored by
   * older releases) `documents`, the attached library documents with their vectors by document id. */
  version: 2;
  exportedAt: string;
  conversations: { schema: typeof CONVERSATION_SCHEMA; conversation: Conversation }[];
  media: Record<string, ExportedMedia>;
  documents?: Record<string, ExportedDocument>;
}

export function documentIds(conversations: readonly Conversation[]): string[] {
  const ids = conversations.flatMap((c) => allMessages(c).flatMap((m) => (m.attachments ?? []).flatMap((a) => (a.kind === 'document' && a.documentId ? [a.documentId] : []))));
  return [...new Set(ids)];
}

export type ReadMedia = (attachmentId: string) => Promise<StoredMedia | undefined>;

export function attachmentIds(conversations: readonly Conversation[]): string[] {
  return conversations.flatMap((c) => allMessages(c).flatMap((m) => (m.attachments ?? []).map((a) => a.id)));
}

export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

// btoa takes a binary string; building it in slices keeps the argument list of fromCharCode within engine limits.
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function exportBlob(blob: Blob): Promise<ExportedBlob> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  return { type: blob.type, sha256: sha256Hex(bytes), base64: toBase64(bytes) };
}

/**
 * One self-contained file. Attachments whose bytes are gone (pruned, or never stored) are exported as
 * message metadata only; the import then shows them as missing rather than failing.
 */
export async function exportJson(conversations: readonly Conversation[], readMedia: ReadMedia, now = new Date(), readDocument?: ReadDocument): Promise<string> {
  const media: Record<string, ExportedMedia> = {};
  for (const id of attachmentIds(conversations)) {
    const stored = await readMedia(id);
    if (!stored || media[id]) continue;
    media[id] = {
      images: await Promise.all(stored.images.map(exportBlob)),
      ...(stored.pcm ? { pcm: await exportBlob(stored.pcm) } : {}),
      ...(stored.thumbnail ? { thumbnail: await exportBlob(stored.thumbnail) } : {}),
    };
  }
  const documents: Record<string, ExportedDocument> = {};
  for (const id of readDocument ? documentIds(conversations) : []) {
    const stored = await readDocument?.(id);
    if (!stored) continue;
    const bytes = new Uint8Array(stored.vectors.buffer, stored.vectors.byteOffset, stored.vectors.byteLength);
    documents[id] = { document: stored.document, dimensions: stored.dimensions, vectors: await exportBlob(new Blob([bytes.slice()])) };
  }
  const file: ExportFile = {
    format: EXPORT_FORMAT,
    version: 2,
    exportedAt: now.toISOString(),
    conversations: conversations.map((conversation) => ({ schema: CONVERSATION_SCHEMA, conversation })),
    media,
    ...(Object.keys(documents).length > 0 ? { documents } : {}),
  };
  return JSON.stringify(file, null, 2);
}

/** The branch being viewed, as it reads on screen (the JSON export keeps every version). */
export function exportMarkdown(conversation: Conversation): string {
  const lines = [`# ${conversation.title}`, ''];
  if (conversation.systemPrompt) lines.push(`> System prompt: ${conversation.systemPrompt.replace(/\n/g, '\n> ')}`, '');
  for (const m of conversation.messages) {
    if (m.role === 'user') {
      lines.push('## You', '', m.content, '');
      // Markdown carries no bytes: the attachments are named, with what the recognizer heard, and the JSON export keeps them.
      for (const a of m.attachments ?? []) {
        lines.push(`- Attached ${a.kind}: ${a.name}${a.transcript ? ` (transcript: “${a.transcript}”)` : ''}`);
      }
      if (m.attachments?.length) lines.push('');
      continue;
    }
    const { thinking, answer } = splitThinking(m.content);
    lines.push('## Sensa', '');
    if (thinking) lines.push('<details><summary>Thought process</summary>', '', thinking, '', '</details>', '');
    lines.push(answer, '');
    if (m.answer) {
      const where = m.answer.device === 'remote' ? `on ${m.answer.host ?? 'a server'}` : `${m.answer.dtype} · ${m.answer.device}`;
      lines.push(`*${m.answer.modelId} · ${where}${m.status === 'stopped' ? ' · stopped' : ''}*`, '');
    }
  }
  return lines.join('\n');
}

export interface ImportResult {
  conversations: Conversation[];
  /** Attachments' bytes to store before the conversations that reference them. */
  media: Map<string, StoredMedia>;
  /** Conversation records that could not be read. */
  skipped: number;
  /** Attachments left out because their bytes did not match the sha256 written beside them. */
  damaged: number;
  /** Library documents the conversations attach, with their vectors, to store with them. */
  documents: Map<string, TransferDocument>;
}

/** An exported blob's bytes, or null when they are missing, not base64, or do not match the sha256 beside them. */
function checkedBytes(value: unknown): Uint8Array | null {
  if (typeof value !== 'object' || value === null) return null;
  const { sha256: expected, base64 } = value as Partial<ExportedBlob>;
  if (typeof base64 !== 'string' || typeof expected !== 'string') return null;
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(base64);
  } catch {
    return null;
  }
  return sha256Hex(bytes) === expected.toLowerCase() ? bytes : null;
}

function importBlob(value: unknown): Blob | null {
  const bytes = checkedBytes(value);
  if (!bytes) return null;
  const { type } = value as Partial<ExportedBlob>;
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: typeof type === 'string' ? type : '' });
}

function importMedia(value: unknown): StoredMedia | null {
  if (typeof value !== 'object' || value === null) return null;
  const { images, pcm, thumbnail } = value as Record<string, unknown>;
  if (!Array.isArray(images)) return null;
  const blobs = images.map(importBlob);
  if (blobs.some((b) => b === null)) return null;
  const media: StoredMedia = { images: blobs as Blob[] };
  for (const [key, raw] of [['pcm', pcm], ['thumbnail', thumbnail]] as const) {
    if (raw === undefined) continue;
    const blob = importBlob(raw);
    if (!blob) return null;
    media[key] = blob;
  }
  return media;
}

/**
 * Reads an export back. Conversations whose id is already here come in as copies with new ids,
 * so an import never overwrites anything. Attachment ids are kept: they are random, so the same id is the same bytes.
 */
export function parseImport(text: string, existingIds: ReadonlySet<string>): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('This file is not a Sensa export (it is not JSON).');
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== EXPORT_FORMAT) {
    throw new Error('This file is not a Sensa export.');
  }
  const records = (data as { conversations?: unknown }).conversations;
  if (!Array.isArray(records)) throw new Error('This export holds no conversations.');
  const conversations: Conversation[] = [];
  let skipped = 0;
  for (const record of records) {
    const conversation = migrate(record);
    if (!conversation) {
      skipped += 1;
      continue;
    }
    conversations.push(existingIds.has(conversation.id) ? { ...conversation, id: newId() } : conversation);
  }
  const exported = (data as { media?: unknown }).media;
  const media = new Map<string, StoredMedia>();
  let damaged = 0;
  if (typeof exported === 'object' && exported !== null) {
    const wanted = new Set(attachmentIds(conversations));
    for (const [id, value] of Object.entries(exported)) {
      if (!wanted.has(id)) continue;
      const item = importMedia(value);
      if (item) media.set(id, item);
      else damaged += 1;
    }
  }
  const documents = new Map<string, TransferDocument>();
  const exportedDocuments = (data as { documents?: unknown }).documents;
  if (typeof exportedDocuments === 'object' && exportedDocuments !== null) {
    const wanted = new Set(documentIds(conversations));
    for (const [id, value] of Object.entries(exportedDocuments)) {
      if (!wanted.has(id)) continue;
      const item = importDocument(id, value);
      if (item) documents.set(id, item);
      else damaged += 1;
    }
  }
  return { conversations, media, skipped, damaged, documents };
}

function importDocument(id: string, value: unknown): TransferDocument | null {
  if (typeof value !== 'object' || value === null) return null;
  const { document, dimensions, vectors } = value as Partial<ExportedDocument>;
  if (typeof document !== 'object' || document === null || document.id !== id || !Array.isArray(document.pages) || !Array.isArray(document.chunks)) return null;
  if (typeof dimensions !== 'number' || !Number.isInteger(dimensions) || dimensions <= 0) return null;
  const bytes = checkedBytes(vectors);
  if (!bytes || bytes.byteLength !== document.chunks.length * dimensions * 4) return null;
  return { document, dimensions, vectors: new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4) };
}
