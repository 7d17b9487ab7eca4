// What a document may be: the limits the reader enforces before and while reading.

export const DOCUMENT_LIMITS = {
  /** Over this, the file is refused from its size alone, before a byte of it is read. */
  maxBytes: 200_000_000,
  maxPages: 2000,
  /** Bytes read to tell what a file is. */
  headerBytes: 1024,
} as const;
