// Tells an attachment's real format from its first bytes (never its name or MIME type) and reads what Sensa checks before decoding.

/*
 * Why not the `file-type` package: it names a format, but what Sensa needs from a header is what it says (pixel size
 * for the megapixel limit, duration for the length limits, which tracks a WebM or MP4 holds, and whether the header
 * is cut short or contradicts itself), and file-type reads none of that, so the readers below would stay. What it
 * would replace is a few signature checks, for 76 KB minified (22 KB gzipped, with strtok3 and token-types; measured
 * with esbuild on file-type 22.3) against this whole file's 13 KB (5 KB gzipped), and file-type 22 needs Node 22 where
 * the project supports 20. Anything outside the formats below is refused, so its long tail of other formats would only
 * change the wording of a refusal.
 */

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp' | 'svg' | 'heic' | 'avif';
export type AudioFormat = 'wav' | 'mp3' | 'ogg' | 'flac' | 'aac';
export type ContainerFormat = 'webm' | 'matroska' | 'mp4' | 'mov' | 'ogg';
export type MediaFormat = ImageFormat | AudioFormat | ContainerFormat;

export interface ImageSniff {
  kind: 'image';
  format: ImageFormat;
  /** Stored pixel size; absent when the header was not in the bytes given, or (SVG, HEIC, AVIF) is not read here. */
  width?: number;
  height?: number;
}

export interface AudioSniff {
  kind: 'audio';
  format: AudioFormat;
  /** What the header says (MP3 without a frame count: estimated from the bitrate); absent when it does not say. */
  durationSeconds?: number;
}

export type TrackType = 'audio' | 'video' | 'other';

/** A file that may hold audio, video or both; `tracks` tells which when their table was in the bytes given. */
export interface ContainerSniff {
  kind: 'container';
  format: ContainerFormat;
  tracks?: TrackType[];
  durationSeconds?: number;
}

export interface UnknownSniff {
  kind: 'unknown';
}

export interface CorruptSniff {
  kind: 'corrupt';
  format: MediaFormat;
  /** `truncated`: the whole file was given and it ends inside a header. `malformed`: a header contradicts itself. */
  reason: 'truncated' | 'malformed';
  detail: string;
}

export type SniffResult = ImageSniff | AudioSniff | ContainerSniff | UnknownSniff | CorruptSniff;

/**
 * Identifies `head`, the first bytes of a file whose total length is `size`. When `size === head.length` the
 * whole file was given, so a header that runs off the end is corrupt rather than merely unseen.
 * Never throws; work is linear in `head.length`.
 */
export function sniff(head: Uint8Array, size: number = head.length): SniffResult {
  const total = Number.isFinite(size) && size >= head.length ? Math.floor(size) : head.length;
  const input: Input = { b: head, size: total, whole: total === head.length };
  return (
    sniffPng(input) ??
    sniffJpeg(input) ??
    sniffGif(input) ??
    sniffRiff(input) ??
    sniffBmp(input) ??
    sniffIsoBmff(input) ??
    sniffEbml(input) ??
    sniffOgg(input) ??
    sniffFlac(input, 0) ??
    sniffMpegAudio(input) ??
    sniffSvg(input) ?? { kind: 'unknown' }
  );
}

interface Input {
  b: Uint8Array;
  /** Total file size in bytes (at least b.length). */
  size: number;
  /** b is the whole file. */
  whole: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Byte readers: typed-array reads past the end give undefined, never throw, so these read 0 there and every
// parser checks lengths before trusting a value.

function u8(b: Uint8Array, i: number): number {
  return b[i] ?? 0;
}
function u16be(b: Uint8Array, i: number): number {
  return (u8(b, i) << 8) | u8(b, i + 1);
}
function u16le(b: Uint8Array, i: number): number {
  return u8(b, i) | (u8(b, i + 1) << 8);
}
function u24le(b: Uint8Array, i: number): number {
  return u8(b, i) | (u8(b, i + 1) << 8) | (u8(b, i + 2) << 16);
}
// Multiplying the top byte keeps values above 2^31 positive, which `<<` would not.
function u32be(b: Uint8Array, i: number): number {
  return u8(b, i) * 0x1000000 + ((u8(b, i + 1) << 16) | (u8(b, i + 2) << 8) | u8(b, i + 3));
}
function u32le(b: Uint8Array, i: number): number {
  return u24le(b, i) + u8(b, i + 3) * 0x1000000;
}
function u64le(b: Uint8Array, i: number): number {
  return u32le(b, i) + u32le(b, i + 4) * 0x100000000;
}
function u64be(b: Uint8Array, i: number): number {
  return u32be(b, i) * 0x100000000 + u32be(b, i + 4);
}
function ascii(b: Uint8Array, i: number, n: number): string {
  let s = '';
  for (let k = 0; k < n; k++) s += String.fromCharCode(u8(b, i + k));
  return s;
}
function has(b: Uint8Array, i: number, n: number): boolean {
  return i >= 0 && i + n <= b.length;
}

function corrupt(format: MediaFormat, reason: CorruptSniff['reason'], detail: string): CorruptSniff {
  return { kind: 'corrupt', format, reason, detail };
}

/** A header ran past the bytes given: corrupt if that was the whole file, otherwise just not visible yet. */
function cutShort<T extends SniffResult>(input: Input, format: MediaFormat, where: string, partial: T): T | CorruptSniff {
  return input.whole ? corrupt(format, 'truncated', `file ends inside ${where}`) : partial;
}

// ---------------------------------------------------------------------------------------------------------------
// Images: the pixel size, checked against the megapixel limit before anything decodes them.

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function sniffPng(input: Input): SniffResult | undefined {
  const { b } = input;
  if (!PNG_SIGNATURE.every((byte, i) => b[i] === byte)) return undefined;
  if (!has(b, 0, 24)) return cutShort(input, 'png', 'the IHDR chunk', { kind: 'image', format: 'png' });
  if (ascii(b, 12, 4) !== 'IHDR' || u32be(b, 8) !== 13) return corrupt('png', 'malformed', 'the first chunk is not IHDR');
  // A width that fails the IHDR checksum is noise, and trusting it could refuse (or attempt) the wrong thing.
  if (has(b, 0, 33) && crc32(b.subarray(12, 29)) !== u32be(b, 29)) return corrupt('png', 'malformed', 'IHDR checksum mismatch');
  return dims('png', u32be(b, 16), u32be(b, 20));
}

let crcTable: Uint32Array | undefined;

function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function isJpegSof(marker: number): boolean {
  // C4 (DHT), C8 (reserved) and CC (DAC) share the range but are not frame headers.
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Walks the segments to the frame header. (EXIF rotation is left to createImageBitmap's `imageOrientation`.) */
function sniffJpeg(input: Input): SniffResult | undefined {
  const { b } = input;
  if (!(b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff)) return undefined;
  const unseen = (): SniffResult => cutShort(input, 'jpeg', 'the segments before the frame header', { kind: 'image', format: 'jpeg' });
  let i = 2;
  // Each pass consumes at least the marker byte, so this ends within b.length passes.
  for (;;) {
    if (i >= b.length) return unseen();
    if (b[i] !== 0xff) return corrupt('jpeg', 'malformed', `no marker at byte ${i}`);
    while (b[i] === 0xff) i++; // any number of 0xFF fill bytes may precede a marker
    if (i >= b.length) return unseen();
    const marker = u8(b, i);
    i++;
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length field
    if (marker === 0x00) return corrupt('jpeg', 'malformed', `stuffed byte where a marker belongs at ${i - 2}`);
    if (marker === 0xd9) return corrupt('jpeg', 'malformed', 'image ends before any frame header');
    if (marker === 0xda) return corrupt('jpeg', 'malformed', 'scan data before any frame header');
    if (!has(b, i, 2)) return unseen();
    const length = u16be(b, i);
    if (length < 2) return corrupt('jpeg', 'malformed', `segment length ${length} at byte ${i}`);
    if (isJpegSof(marker)) {
      if (!has(b, i, 7)) return unseen();
      const height = u16be(b, i + 3);
      const width = u16be(b, i + 5);
      if (width === 0) return corrupt('jpeg', 'malformed', 'frame header declares zero width');
      // Height 0 means "given later by a DNL marker", which only a decoder reaches.
      return height > 0 ? { kind: 'image', format: 'jpeg', width, height } : { kind: 'image', format: 'jpeg', width };
    }
    i += length;
  }
}

function sniffGif(input: Input): SniffResult | undefined {
  const { b } = input;
  const magic = ascii(b, 0, 6);
  if (magic !== 'GIF87a' && magic !== 'GIF89a') return undefined;
  if (!has(b, 0, 10)) return cutShort(input, 'gif', 'the screen descriptor', { kind: 'image', format: 'gif' });
  const width = u16le(b, 6);
  const height = u16le(b, 8);
  if (width === 0 || height === 0) return { kind: 'image', format: 'gif' }; // decoders then use the first frame's size
  return { kind: 'image', format: 'gif', width, height };
}

function sniffRiff(input: Input): SniffResult | undefined {
  const { b } = input;
  const riff = ascii(b, 0, 4);
  if (riff !== 'RIFF' && riff !== 'RF64') return undefined;
  const form = ascii(b, 8, 4);
  if (form === 'WAVE') return sniffWav(input, riff === 'RF64');
  if (form === 'WEBP' && riff === 'RIFF') return sniffWebp(input);
  return undefined;
}

function sniffWebp(input: Input): SniffResult {
  const { b } = input;
  const chunk = ascii(b, 12, 4);
  const partial: ImageSniff = { kind: 'image', format: 'webp' };
  switch (chunk) {
    case 'VP8 ': {
      if (!has(b, 0, 30)) return cutShort(input, 'webp', 'the VP8 frame header', partial);
      if (!(b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a)) return corrupt('webp', 'malformed', 'VP8 start code missing');
      return dims('webp', u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff);
    }
    case 'VP8L': {
      if (!has(b, 0, 25)) return cutShort(input, 'webp', 'the VP8L header', partial);
      if (b[20] !== 0x2f) return corrupt('webp', 'malformed', 'VP8L signature missing');
      const bits = u32le(b, 21);
      return dims('webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
    }
    case 'VP8X':
      if (!has(b, 0, 30)) return cutShort(input, 'webp', 'the VP8X header', partial);
      return dims('webp', u24le(b, 24) + 1, u24le(b, 27) + 1);
    default:
      if (!has(b, 0, 16)) return cutShort(input, 'webp', 'the first chunk header', partial);
      return corrupt('webp', 'malformed', `unexpected first chunk ${JSON.stringify(chunk)}`);
  }
}

function dims(format: ImageFormat, width: number, height: number): SniffResult {
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) {
    return corrupt(format, 'malformed', `header declares ${width}×${height}`);
  }
  return { kind: 'image', format, width, height };
}

// Sizes of the DIB headers Windows has defined; checking it keeps text that starts "BM" from passing as a bitmap.
const BMP_DIB_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);

function sniffBmp(input: Input): SniffResult | undefined {
  const { b } = input;
  if (!(b[0] === 0x42 && b[1] === 0x4d)) return undefined;
  if (!has(b, 0, 18)) return undefined; // too short to tell from text that happens to start "BM"
  const dibSize = u32le(b, 14);
  if (!BMP_DIB_SIZES.has(dibSize)) return undefined;
  if (!has(b, 0, dibSize === 12 ? 22 : 26)) return cutShort(input, 'bmp', 'the DIB header', { kind: 'image', format: 'bmp' });
  if (dibSize === 12) return dims('bmp', u16le(b, 18), u16le(b, 20));
  // Width and height are signed; a negative height means rows are stored top-down.
  return dims('bmp', Math.abs(u32le(b, 18) | 0), Math.abs(u32le(b, 22) | 0));
}

// ---------------------------------------------------------------------------------------------------------------
// ISO base media: HEIC and AVIF (stills) told from MP4 and MOV, whose leading moov gives tracks and duration.

interface Box {
  type: string;
  /** First byte of the payload. */
  body: number;
  /** One past the last byte, which may lie beyond the bytes given. */
  end: number;
}

/** Boxes between start and end; stops at the first one whose header is not in the bytes given or is nonsense. */
function* boxes(b: Uint8Array, start: number, end: number): Generator<Box> {
  let i = start;
  while (i + 8 <= Math.min(end, b.length)) {
    let size = u32be(b, i);
    let body = i + 8;
    if (size === 1) {
      if (!has(b, i, 16)) return;
      size = u64be(b, i + 8);
      body = i + 16;
    } else if (size === 0) {
      size = end - i; // runs to the end of its parent
    }
    if (size < body - i) return;
    yield { type: ascii(b, i + 4, 4), body, end: i + size };
    i += size;
  }
}

function child(b: Uint8Array, parent: Box | undefined, type: string): Box | undefined {
  if (parent) for (const box of boxes(b, parent.body, parent.end)) if (box.type === type) return box;
  return undefined;
}

const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1', 'mif2']);
const MOVIE_BRAND = /^(isom|iso\d|mp4\d|avc1|dash|M4[ABPV] |qt {2}|3g[p2]\d|3g2[a-z]|mmp4|f4v |MSNV)$/;
const QUICKTIME_TOP_LEVEL = new Set(['moov', 'mdat', 'wide']);

function sniffIsoBmff(input: Input): SniffResult | undefined {
  const { b } = input;
  const firstType = ascii(b, 4, 4);
  const firstSize = u32be(b, 0);
  if (firstType !== 'ftyp') {
    // QuickTime files from before ftyp existed open straight into one of these boxes.
    return QUICKTIME_TOP_LEVEL.has(firstType) && firstSize >= 8 ? describeMovie(input, 'mov') : undefined;
  }
  if (firstSize < 16 || firstSize > 4096 || (firstSize - 16) % 4 !== 0) return undefined;
  if (!has(b, 0, 16)) return cutShort(input, 'mp4', 'the ftyp box', { kind: 'container', format: 'mp4' });
  const brand = ascii(b, 8, 4);
  if (!/^[\x20-\x7e]{4}$/.test(brand)) return undefined;
  const compatible: string[] = [];
  for (let i = 16; i + 4 <= Math.min(firstSize, b.length); i += 4) compatible.push(ascii(b, i, 4));
  const all = [brand, ...compatible];
  if (AVIF_BRANDS.has(brand) || (HEIC_BRANDS.has(brand) && compatible.some((c) => AVIF_BRANDS.has(c)))) {
    return { kind: 'image', format: 'avif' };
  }
  if (HEIC_BRANDS.has(brand)) return { kind: 'image', format: 'heic' };
  if (!all.some((c) => MOVIE_BRAND.test(c))) {
    // An ftyp of images only (no movie brand) that isn't HEIC/AVIF is some other still-image format.
    if (all.some((c) => AVIF_BRANDS.has(c))) return { kind: 'image', format: 'avif' };
    if (all.some((c) => HEIC_BRANDS.has(c))) return { kind: 'image', format: 'heic' };
  }
  return describeMovie(input, brand === 'qt  ' ? 'mov' : 'mp4');
}

function describeMovie(input: Input, format: 'mp4' | 'mov'): ContainerSniff {
  const { b } = input;
  const result: ContainerSniff = { kind: 'container', format };
  for (const top of boxes(b, 0, input.size)) {
    if (top.type !== 'moov') continue;
    if (top.end > b.length) break; // fast-start files put moov first; otherwise it is usually at the end, out of sight
    const tracks: TrackType[] = [];
    for (const box of boxes(b, top.body, top.end)) {
      if (box.type === 'mvhd') {
        const duration = mvhdDuration(b, box);
        if (duration !== undefined) result.durationSeconds = duration;
      } else if (box.type === 'trak') {
        const hdlr = child(b, child(b, box, 'mdia'), 'hdlr');
        const handler = hdlr && has(b, hdlr.body, 12) ? ascii(b, hdlr.body + 8, 4) : '';
        tracks.push(handler === 'soun' ? 'audio' : handler === 'vide' ? 'video' : 'other');
      }
    }
    result.tracks = tracks;
    break;
  }
  return result;
}

function mvhdDuration(b: Uint8Array, box: Box): number | undefined {
  const v1 = u8(b, box.body) === 1;
  const timescaleAt = box.body + (v1 ? 20 : 12);
  if (!has(b, timescaleAt, v1 ? 12 : 8) || timescaleAt + (v1 ? 12 : 8) > box.end) return undefined;
  const timescale = u32be(b, timescaleAt);
  const duration = v1 ? u64be(b, timescaleAt + 4) : u32be(b, timescaleAt + 4);
  // All-ones means "unknown"; zero is what fragmented files (MediaRecorder) write.
  if (timescale === 0 || duration === 0 || duration === 0xffffffff || duration >= 2 ** 53) return undefined;
  return duration / timescale;
}

// ---------------------------------------------------------------------------------------------------------------
// Matroska / WebM: doc type, track types and duration, all before the first cluster.

interface EbmlElement {
  id: number;
  body: number;
  /** One past the last byte; for an unknown-size element, the end of its parent. */
  end: number;
  unknownSize: boolean;
}

function readVint(b: Uint8Array, i: number, keepMarker: boolean): { value: number; length: number; allOnes: boolean } | undefined {
  const first = u8(b, i);
  if (first === 0 || i >= b.length) return undefined;
  let length = 1;
  let mask = 0x80;
  while ((first & mask) === 0) {
    mask >>= 1;
    length++;
  }
  if (!has(b, i, length)) return undefined;
  let value = keepMarker ? first : first & (mask - 1);
  let allOnes = (first & (mask - 1)) === mask - 1;
  for (let k = 1; k < length; k++) {
    const byte = u8(b, i + k);
    value = value * 256 + byte;
    if (byte !== 0xff) allOnes = false;
  }
  return { value, length, allOnes };
}

function* ebmlChildren(b: Uint8Array, start: number, end: number): Generator<EbmlElement> {
  let i = start;
  while (i < Math.min(end, b.length)) {
    const id = readVint(b, i, true);
    if (!id) return;
    const size = readVint(b, i + id.length, false);
    if (!size) return;
    const body = i + id.length + size.length;
    const element = { id: id.value, body, end: size.allOnes ? end : body + size.value, unknownSize: size.allOnes };
    yield element;
    if (element.unknownSize) return; // its children run on to the parent's end; the caller descends if it wants them
    i = element.end;
  }
}

const EBML = { header: 0x1a45dfa3, docType: 0x4282, segment: 0x18538067, info: 0x1549a966, timecodeScale: 0x2ad7b1 };
const MKV = { duration: 0x4489, tracks: 0x1654ae6b, trackEntry: 0xae, trackType: 0x83, cluster: 0x1f43b675 };

function ebmlUint(b: Uint8Array, e: EbmlElement): number | undefined {
  const n = e.end - e.body;
  if (n < 1 || n > 7 || !has(b, e.body, n)) return undefined;
  let value = 0;
  for (let k = 0; k < n; k++) value = value * 256 + u8(b, e.body + k);
  return value;
}

function ebmlFloat(b: Uint8Array, e: EbmlElement): number | undefined {
  const n = e.end - e.body;
  if ((n !== 4 && n !== 8) || !has(b, e.body, n)) return undefined;
  const view = new DataView(b.buffer, b.byteOffset + e.body, n);
  return n === 4 ? view.getFloat32(0) : view.getFloat64(0);
}

function sniffEbml(input: Input): SniffResult | undefined {
  const { b } = input;
  if (u32be(b, 0) !== EBML.header) return undefined;
  const result: ContainerSniff = { kind: 'container', format: 'webm' };
  const [header] = ebmlChildren(b, 0, input.size);
  if (!header) return cutShort(input, 'webm', 'the EBML header', result);
  for (const e of ebmlChildren(b, header.body, header.end)) {
    if (e.id !== EBML.docType || e.end - e.body > 64 || !has(b, e.body, e.end - e.body)) continue;
    const docType = ascii(b, e.body, e.end - e.body).replace(/\0+$/, '');
    if (docType === 'matroska') result.format = 'matroska';
    else if (docType !== 'webm') return undefined; // some other EBML document
  }
  for (const top of ebmlChildren(b, header.end, input.size)) {
    if (top.id !== EBML.segment) continue;
    readSegment(b, top, result);
    break;
  }
  return result;
}

function readSegment(b: Uint8Array, segment: EbmlElement, result: ContainerSniff): void {
  let timecodeScale = 1_000_000; // the Matroska default: milliseconds
  let duration: number | undefined;
  for (const e of ebmlChildren(b, segment.body, segment.end)) {
    if (e.id === MKV.cluster) break; // media data follows; the headers worth reading come before it
    if (e.id === EBML.info) {
      for (const field of ebmlChildren(b, e.body, e.end)) {
        if (field.id === EBML.timecodeScale) timecodeScale = ebmlUint(b, field) ?? timecodeScale;
        if (field.id === MKV.duration) duration = ebmlFloat(b, field);
      }
    } else if (e.id === MKV.tracks && e.end <= b.length) {
      const tracks: TrackType[] = [];
      for (const entry of ebmlChildren(b, e.body, e.end)) {
        if (entry.id !== MKV.trackEntry) continue;
        let type: TrackType = 'other';
        for (const field of ebmlChildren(b, entry.body, entry.end)) {
          if (field.id !== MKV.trackType) continue;
          const t = ebmlUint(b, field);
          type = t === 1 ? 'video' : t === 2 ? 'audio' : 'other';
        }
        tracks.push(type);
      }
      result.tracks = tracks;
    }
    if (e.unknownSize) break;
  }
  if (duration !== undefined && Number.isFinite(duration) && duration > 0) {
    result.durationSeconds = (duration * timecodeScale) / 1e9;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Audio: the duration, checked against the length limit before the file is read whole and decoded.

function sniffWav(input: Input, rf64: boolean): SniffResult {
  const { b } = input;
  const result: AudioSniff = { kind: 'audio', format: 'wav' };
  let ds64DataBytes: number | undefined;
  let bytesPerSecond: number | undefined;
  let data: { offset: number; declared: number } | undefined;
  // Each chunk advances by at least its 8-byte header.
  for (let i = 12; i + 8 <= b.length; ) {
    const id = ascii(b, i, 4);
    const size = u32le(b, i + 4);
    const body = i + 8;
    if (id === 'ds64' && has(b, body, 16)) {
      ds64DataBytes = u64le(b, body + 8);
    } else if (id === 'fmt ') {
      if (!has(b, body, 16)) break;
      let code = u16le(b, body);
      // WAVE_FORMAT_EXTENSIBLE: the real tag is the first two bytes of the sub-format GUID.
      if (code === 0xfffe && size >= 40 && has(b, body, 26)) code = u16le(b, body + 24);
      const channels = u16le(b, body + 2);
      const sampleRate = u32le(b, body + 4);
      const bits = u16le(b, body + 14);
      if (channels === 0 || sampleRate === 0) return corrupt('wav', 'malformed', `fmt declares ${channels} channels at ${sampleRate} Hz`);
      // PCM, float, A-law and µ-law: the rate follows from the sample layout; compressed codecs declare theirs.
      bytesPerSecond = [1, 3, 6, 7].includes(code) && bits > 0 ? channels * Math.ceil(bits / 8) * sampleRate : u32le(b, body + 8);
    } else if (id === 'data') {
      data = { offset: body, declared: rf64 && size === 0xffffffff && ds64DataBytes !== undefined ? ds64DataBytes : size };
      break;
    }
    i = body + size + (size & 1); // chunks are padded to even length
  }
  if (bytesPerSecond === undefined) return cutShort(input, 'wav', 'the chunks before fmt', result);
  if (!data) return input.whole ? corrupt('wav', 'malformed', 'no data chunk') : result;
  const available = input.size - data.offset;
  // Streaming writers leave the size at 0 or all-ones because they could not seek back to fill it in.
  const streamed = (data.declared === 0 || data.declared === 0xffffffff) && available > 0 && data.declared !== available;
  // A header that promises more than the file holds is taken at its word: the limit is about what it claims.
  if (bytesPerSecond > 0) result.durationSeconds = (streamed ? available : data.declared) / bytesPerSecond;
  return result;
}

/** FLAC's STREAMINFO block body: sample rate and total samples. */
function streamInfo(b: Uint8Array, at: number): { sampleRate: number; totalSamples: number } | undefined {
  if (!has(b, at, 18)) return undefined;
  return {
    sampleRate: (u8(b, at + 10) << 12) | (u8(b, at + 11) << 4) | (u8(b, at + 12) >> 4),
    totalSamples: (u8(b, at + 13) & 0x0f) * 0x100000000 + u32be(b, at + 14),
  };
}

function sniffFlac(input: Input, offset: number): SniffResult | undefined {
  const { b } = input;
  if (ascii(b, offset, 4) !== 'fLaC') return undefined;
  const info = streamInfo(b, offset + 8);
  if (!info) return cutShort(input, 'flac', 'STREAMINFO', { kind: 'audio', format: 'flac' });
  if ((u8(b, offset + 4) & 0x7f) !== 0) return corrupt('flac', 'malformed', 'the first metadata block is not STREAMINFO');
  if (info.sampleRate === 0) return corrupt('flac', 'malformed', 'STREAMINFO declares 0 Hz');
  // Zero total samples means the encoder did not know the length.
  return info.totalSamples > 0 ? { kind: 'audio', format: 'flac', durationSeconds: info.totalSamples / info.sampleRate } : { kind: 'audio', format: 'flac' };
}

/**
 * The first packet names the codec: a sound codec makes it audio, Theora a video. Its length sits in the last page,
 * beyond the bytes given for any file long enough to matter, so the <audio> element is asked instead.
 */
function sniffOgg(input: Input): SniffResult | undefined {
  const { b } = input;
  if (ascii(b, 0, 4) !== 'OggS') return undefined;
  const container: ContainerSniff = { kind: 'container', format: 'ogg' };
  if (!has(b, 0, 27)) return cutShort(input, 'ogg', 'the first page header', container);
  if (b[4] !== 0) return corrupt('ogg', 'malformed', `page version ${u8(b, 4)}`);
  const p = 27 + u8(b, 26); // past the segment table
  if (!has(b, 0, p + 8)) return cutShort(input, 'ogg', 'the first packet', container);
  const magic = ascii(b, p, 8);
  if (magic === 'OpusHead' || magic === 'Speex   ' || magic.slice(1, 7) === 'vorbis' || magic.slice(1, 5) === 'FLAC') {
    return { kind: 'audio', format: 'ogg' };
  }
  if (magic.slice(1, 7) === 'theora') container.tracks = ['video'];
  return container;
}

/** Offset just past any ID3v2 tags (0 if none); may lie beyond the bytes given. */
function id3v2End(b: Uint8Array): number {
  let i = 0;
  // Files occasionally carry more than one tag back to back; a handful is plenty.
  for (let n = 0; n < 4 && ascii(b, i, 3) === 'ID3'; n++) {
    if (!has(b, i, 10)) return i + 10;
    const sizeBytes = [u8(b, i + 6), u8(b, i + 7), u8(b, i + 8), u8(b, i + 9)];
    // Versions 2.2–2.4 exist, and sizes use 7 bits per byte; anything else is text that happens to start "ID3".
    const version = u8(b, i + 3);
    if (version < 2 || version > 4 || sizeBytes.some((s) => s & 0x80)) return i;
    const size = sizeBytes.reduce((acc, s) => acc * 128 + s, 0);
    const footer = u8(b, i + 5) & 0x10 ? 10 : 0;
    i += 10 + size + footer;
  }
  return i;
}

interface MpegFrame {
  mpeg1: boolean;
  sampleRate: number;
  bitrate: number;
  mono: boolean;
  length: number;
}

const MP3_BITRATES_V1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const MP3_BITRATES_V2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
// Indexed by the header's version bits: 0 MPEG 2.5, 1 reserved, 2 MPEG 2, 3 MPEG 1.
const MPEG_SAMPLE_RATES = [[11_025, 12_000, 8_000], [], [22_050, 24_000, 16_000], [44_100, 48_000, 32_000]];

/** An MPEG audio Layer III frame header at i (other layers are not MP3). */
function mpegFrame(b: Uint8Array, i: number): MpegFrame | undefined {
  if (!has(b, i, 4) || b[i] !== 0xff || (u8(b, i + 1) & 0xe0) !== 0xe0) return undefined;
  const b1 = u8(b, i + 1);
  const b2 = u8(b, i + 2);
  const version = (b1 >> 3) & 0x03;
  const layer = (b1 >> 1) & 0x03;
  const bitrateIndex = b2 >> 4;
  const sampleRateIndex = (b2 >> 2) & 0x03;
  // Free-format bitrate (index 0) can't be sized from the header, and real files almost never use it.
  if (version === 1 || layer !== 1 || bitrateIndex === 0 || bitrateIndex === 15 || sampleRateIndex === 3) return undefined;
  if ((u8(b, i + 3) & 0x03) === 2) return undefined; // reserved emphasis
  const mpeg1 = version === 3;
  const bitrate = ((mpeg1 ? MP3_BITRATES_V1 : MP3_BITRATES_V2)[bitrateIndex] ?? 0) * 1000;
  const sampleRate = MPEG_SAMPLE_RATES[version]?.[sampleRateIndex] ?? 0;
  if (bitrate === 0 || sampleRate === 0) return undefined;
  const length = Math.floor((((mpeg1 ? 1152 : 576) / 8) * bitrate) / sampleRate) + ((b2 >> 1) & 0x01);
  return { mpeg1, sampleRate, bitrate, mono: u8(b, i + 3) >> 6 === 3, length };
}

const AAC_SAMPLE_RATES = [96_000, 88_200, 64_000, 48_000, 44_100, 32_000, 24_000, 22_050, 16_000, 12_000, 11_025, 8_000, 7_350];

/** An ADTS (raw AAC) frame header at i. It carries no bitrate, so the length is left to the <audio> element. */
function adtsFrame(b: Uint8Array, i: number): { sampleRate: number; length: number } | undefined {
  // 12 sync bits, then the layer bits, which ADTS fixes at 00 and MPEG audio never uses.
  if (!has(b, i, 7) || b[i] !== 0xff || (u8(b, i + 1) & 0xf6) !== 0xf0) return undefined;
  const sampleRate = AAC_SAMPLE_RATES[(u8(b, i + 2) >> 2) & 0x0f];
  const length = ((u8(b, i + 3) & 0x03) << 11) | (u8(b, i + 4) << 3) | (u8(b, i + 5) >> 5);
  return sampleRate === undefined || length < 7 ? undefined : { sampleRate, length };
}

/** A lone sync word is common in random data, so a frame counts only if the next one (when in view) agrees with it. */
function nextAgrees<T extends { sampleRate: number; length: number }>(b: Uint8Array, i: number, frame: T, parse: (b: Uint8Array, i: number) => T | undefined): boolean {
  const next = i + frame.length;
  return next + 4 > b.length || parse(b, next)?.sampleRate === frame.sampleRate;
}

function sniffMpegAudio(input: Input): SniffResult | undefined {
  const { b } = input;
  const tagEnd = id3v2End(b);
  const tagged = tagEnd > 0;
  if (tagged && tagEnd > b.length) return cutShort(input, 'mp3', 'the ID3 tag', { kind: 'audio', format: 'mp3' });
  if (tagged) {
    const flac = sniffFlac(input, tagEnd);
    if (flac) return flac;
  }
  // Taggers may leave padding after the tag, and a tag already says "audio", so look a little way for the first
  // frame; an untagged file must start with one.
  const searchEnd = tagged ? Math.min(b.length, tagEnd + 4096) : 1;
  for (let i = tagEnd; i < searchEnd; i++) {
    if (b[i] !== 0xff) continue;
    const mp3 = mpegFrame(b, i);
    if (mp3 && nextAgrees(b, i, mp3, mpegFrame)) return { kind: 'audio', format: 'mp3', durationSeconds: mp3Duration(input, i, mp3) };
    const aac = adtsFrame(b, i);
    if (aac && nextAgrees(b, i, aac, adtsFrame)) return { kind: 'audio', format: 'aac' };
  }
  if (!tagged) return undefined;
  return input.whole || searchEnd < b.length ? corrupt('mp3', 'malformed', 'no audio frame after the ID3 tag') : { kind: 'audio', format: 'mp3' };
}

/**
 * Encoders put a frame count in the first frame (Xing/Info after the side information, VBRI at a fixed offset);
 * for VBR files it is the only way to a duration short of reading every frame. Without one: size over bitrate.
 */
function mp3Duration(input: Input, start: number, frame: MpegFrame): number {
  const { b } = input;
  const sideInfo = frame.mpeg1 ? (frame.mono ? 17 : 32) : frame.mono ? 9 : 17;
  const xing = start + 4 + sideInfo;
  const tag = ascii(b, xing, 4);
  let frames = 0;
  if ((tag === 'Xing' || tag === 'Info') && has(b, xing, 12) && u32be(b, xing + 4) & 0x01) frames = u32be(b, xing + 8);
  else if (ascii(b, start + 36, 4) === 'VBRI' && has(b, start + 36, 18)) frames = u32be(b, start + 36 + 14);
  if (frames > 0) return (frames * (frame.mpeg1 ? 1152 : 576)) / frame.sampleRate;
  return ((input.size - start) * 8) / frame.bitrate;
}

// ---------------------------------------------------------------------------------------------------------------
// SVG: recognised by its root element after any prolog. It is drawn through <img>, where scripts never run, onto a
// canvas of bounded size, so nothing else in it is read here.

function sniffSvg(input: Input): SniffResult | undefined {
  const text = decodeMarkup(input.b);
  if (text === undefined) return undefined;
  let i = skipSpace(text, 0);
  // Each pass steps over one prolog item (XML declaration, processing instruction, comment, doctype).
  for (;;) {
    let end: number;
    if (text.startsWith('<?', i)) end = after(text, '?>', i + 2);
    else if (text.startsWith('<!--', i)) end = after(text, '-->', i + 4);
    else if (text.slice(i, i + 9).toUpperCase() === '<!DOCTYPE') end = doctypeEnd(text, i + 9);
    else break;
    if (end < 0) return undefined;
    i = skipSpace(text, end);
  }
  const root = /<(?:[A-Za-z_][\w.-]*:)?svg[\s/>]/y;
  root.lastIndex = i;
  return root.test(text) ? { kind: 'image', format: 'svg' } : undefined;
}

/** The bytes as text if they could be markup (optional BOM, optional whitespace, then '<'). */
function decodeMarkup(b: Uint8Array): string | undefined {
  let text: string;
  if (b[0] === 0xfe && b[1] === 0xff) text = decodeUtf16(b.subarray(2), false);
  else if (b[0] === 0xff && b[1] === 0xfe) text = decodeUtf16(b.subarray(2), true);
  else {
    const start = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
    // Look before decoding, so binary files never pay for a 64 KiB decode.
    let j = start;
    while (b[j] === 0x20 || b[j] === 0x09 || b[j] === 0x0a || b[j] === 0x0d) j++;
    if (b[j] !== 0x3c) return undefined;
    text = new TextDecoder().decode(b.subarray(start));
  }
  return text[skipSpace(text, 0)] === '<' ? text : undefined;
}

// By hand because TextDecoder's UTF-16BE support depends on the ICU data a runtime ships.
function decodeUtf16(b: Uint8Array, littleEndian: boolean): string {
  const units = new Uint16Array(b.length >> 1);
  for (let k = 0; k < units.length; k++) units[k] = littleEndian ? u16le(b, 2 * k) : u16be(b, 2 * k);
  let text = '';
  for (let k = 0; k < units.length; k += 8192) text += String.fromCharCode(...units.subarray(k, k + 8192));
  return text;
}

function skipSpace(text: string, i: number): number {
  while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r') i++;
  return i;
}

function after(text: string, token: string, from: number): number {
  const at = text.indexOf(token, from);
  return at < 0 ? -1 : at + token.length;
}

/** End of a doctype whose name starts at `from`, past any internal subset in brackets. */
function doctypeEnd(text: string, from: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let k = from; k < text.length; k++) {
    const ch = text[k];
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') depth++;
    else if (ch === ']') depth = Math.max(0, depth - 1);
    else if (ch === '>' && depth === 0) return k + 1;
  }
  return -1;
}
