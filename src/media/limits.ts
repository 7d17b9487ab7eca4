// What Sensa accepts as an attachment, in one place, so the checks and the words the UI shows agree.

export const MEDIA_LIMITS = {
  /** Decoding 30000×30000 pixels takes 3.6 GB; anything past 50 megapixels is refused from its header. */
  maxImagePixels: 50_000_000,
  maxImageBytes: 50 * 1024 * 1024,
  /** Models read pictures at 0.5–1.5 k pixels a side; keeping more only costs memory and storage. */
  preparedImageEdge: 1536,
  thumbnailEdge: 320,
  /** Longest audio clip Sensa takes at all (the recognizer reads it in 30 s windows). */
  maxAudioSeconds: 10 * 60,
  /** Compressed audio is read whole before decoding; past this, refuse before reading. */
  maxAudioBytes: 200 * 1024 * 1024,
  maxVideoSeconds: 10 * 60,
  maxVideoBytes: 1024 * 1024 * 1024,
  /** The soundtrack is decoded from the whole file in memory, so only from files up to this size. */
  maxVideoBytesForSound: 200 * 1024 * 1024,
  videoFrameEdge: 768,
  /** How much of a file's start is read to identify it and check its header. */
  headerBytes: 64 * 1024,
  maxAttachmentsPerTurn: 8,
} as const;

export function describeSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = seconds / 60;
  if (minutes < 60) return `${Math.round(minutes)} min`;
  const hours = Math.floor(minutes / 60);
  const rest = Math.round(minutes - hours * 60);
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}
