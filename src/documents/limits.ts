// What a document may be: the limits the reader enforces before and while reading.

export const DOCUMENT_LIMITS = {
  /** Over this, the file is refused from its size alone, before a byte of it is read. */
  maxBytes: 200_000_000,
  maxPages: 2000,
  /** Bytes read to tell what a file is. */
  headerBytes: 1024,
  /**
   * A PDF up to this size is kept as it came, to draw a cited page. The text and vectors are all retrieval needs; the
   * original only shows the page. Larger ones (scanned books) would take from the quota the model weights share,
   * for a view the page's text already gives, so they show their text only.
   */
  maxStoredOriginalBytes: 50_000_000,
} as const;
