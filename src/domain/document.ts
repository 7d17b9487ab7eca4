// Documents the person attached: what was read from them, the passages cut from that text, and what an answer retrieved.

/** One page of extracted text; a text file is one page. `scanned`: the page has no text layer. */
export interface DocumentPage {
  number: number;
  text: string;
  scanned: boolean;
}

/** What the reader found besides text: things that were deliberately neither run nor extracted. */
export interface DocumentNotices {
  javascript: boolean;
  embeddedFiles: number;
}

export type DocumentFormat = 'pdf' | 'text' | 'markdown' | 'html' | 'csv' | 'json' | 'code';

/** About a paragraph of a document, tied to its page and to the characters of that page's text it covers. */
export interface Chunk {
  index: number;
  page: number;
  /** [start, end) in the page's text. */
  start: number;
  end: number;
  text: string;
}

/** A document in the library: its text by page, without vectors (they live with the chunks). */
export interface StoredDocument {
  id: string;
  title: string;
  format: DocumentFormat;
  bytes: number;
  pages: DocumentPage[];
  words: number;
  chunks: Chunk[];
  notices: DocumentNotices;
  /** The embedding model the vectors came from: vectors of another model are not comparable. */
  embedder: { repo: string; dimensions: number };
  addedAt: number;
  /** How long reading and embedding took on this device, for the library to show. */
  timings?: DocumentTimings;
}

export interface DocumentTimings {
  readMs: number;
  embedMs: number;
}

/** What the library lists: a document without its text. */
export interface DocumentSummary {
  id: string;
  title: string;
  format: DocumentFormat;
  bytes: number;
  pageCount: number;
  scannedPages: number;
  words: number;
  chunkCount: number;
  /** Bytes this document takes in IndexedDB: its text, chunks and vectors. */
  storedBytes: number;
  notices: DocumentNotices;
  addedAt: number;
  timings?: DocumentTimings;
}

/** A passage put in front of the model for one answer, numbered as its citation. */
export interface RetrievedPassage {
  citation: number;
  documentId: string;
  title: string;
  page: number;
  start: number;
  end: number;
  text: string;
  /** Hybrid score (vector + keyword), 0..1; absent when the document went in whole. */
  score?: number;
}

/** How one answer's passages were found, with the engine's own figures. */
export interface Retrieval {
  passages: RetrievedPassage[];
  /** "whole": every document fitted the budget and went in entirely. */
  mode: 'whole' | 'retrieved';
  /** Texts the embedder ran on for this answer (the question alone when the documents were embedded before). */
  embeddedTexts: number;
  /** Pages the reader extracted for this answer (0 when every document came from the library). */
  pagesRead: number;
  /** Attached documents no longer in the library (deleted since): they gave no passages. */
  missing?: number;
  /** Documents whose vectors came from another embedding model and were embedded again for this answer. */
  rebuilt?: number;
  /** The embedding engine's own count since its worker started: calls made and texts embedded. */
  engine?: { calls: number; texts: number };
}
