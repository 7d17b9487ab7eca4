// Tells an attachment's real format from its first bytes (never its name or MIME type) and reads what its headers say.

/**
 * How many leading bytes callers should pass. Enough for every header below in ordinary files; an ID3 tag
 * holding cover art, or an MP4 whose `moov` sits at the end, can push details past it, and those come back absent.
 */
export const SNIFF_BYTES = 64 * 1024;

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp' | 'svg' | 'heic' | 'avif';
export type AudioFormat = 'wav' | 'mp3' | 'ogg' | 'flac' | 'aac';
export type ContainerFormat = 'webm' | 'matroska' | 'mp4' | 'mov' | 'ogg';
export type MediaFormat = ImageFormat | AudioFormat | ContainerFormat;

/** EXIF orientation: 1 is upright; 6 means the stored pixels must be turned 90° clockwise to display. */
export type ExifOrientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export interface RasterImageSniff {
  kind: 'image';
  format: Exclude<ImageFormat, 'svg'>;
  /** Stored pixel size; absent when the header was not in the bytes given, or (HEIC/AVIF) needs a decoder to read. */
  width?: number;
  height?: number;
  /** JPEG only, and only when an EXIF block says so. Width/height are before this rotation. */
  orientation?: ExifOrientation;
  /** WebP only (VP8X animation flag). */
  animated?: boolean;
}

/** What an SVG carries that would run if it were ever loaded as a document rather than through <img>. */
export interface SvgActiveContent {
  script: boolean;
  eventHandlers: boolean;
  javascriptUrls: boolean;
  /** False when only a prefix of the file was scanned, so later content is unknown. */
  complete: boolean;
}

export interface SvgImageSniff {
  kind: 'image';
  format: 'svg';
  /** The root element's width/height in user units (plain numbers or px), else its viewBox size. */
  width?: number;
  height?: number;
  svgActive: SvgActiveContent;
}

export type ImageSniff = RasterImageSniff | SvgImageSniff;

interface AudioSniffBase {
  kind: 'audio';
  durationSeconds?: number;
  /** True when the duration comes from a bitrate or an average frame size rather than a count in a header. */
  durationEstimated?: boolean;
  sampleRate?: number;
  channels?: number;
  /** The header promises more audio bytes than the file holds; durationSeconds is still what the header says. */
  truncated?: boolean;
}

export type WavCodec = 'pcm' | 'float' | 'alaw' | 'mulaw' | 'adpcm' | 'mp3' | 'other';

export interface WavSniff extends AudioSniffBase {
  format: 'wav';
  /** The fmt chunk's format tag (1 PCM, 3 float, ...); for WAVE_FORMAT_EXTENSIBLE, the sub-format's tag. */
  formatCode?: number;
  codec?: WavCodec;
  bitsPerSample?: number;
  /** Size the data chunk declares (RF64: from ds64). */
  dataBytes?: number;
}

export interface Mp3Sniff extends AudioSniffBase {
  format: 'mp3';
  /** Bits per second of the first frame. */
  bitrate?: number;
}

export type OggAudioCodec = 'opus' | 'vorbis' | 'flac' | 'speex';

export interface OggAudioSniff extends AudioSniffBase {
  format: 'ogg';
  codec: OggAudioCodec;
}

export interface FlacSniff extends AudioSniffBase {
  format: 'flac';
  bitsPerSample?: number;
  totalSamples?: number;
}

export interface AacSniff extends AudioSniffBase {
  format: 'aac';
}

export type AudioSniff = WavSniff | Mp3Sniff | OggAudioSniff | FlacSniff | AacSniff;

export interface ContainerTrack {
  type: 'audio' | 'video' | 'other';
  /** Matroska CodecID (`A_OPUS`, `V_VP8`) or the MP4 sample entry (`mp4a`, `avc1`). */
  codec?: string;
}

/** A file that may hold audio, video or both; tracks tell which when their table was in the bytes given. */
export interface ContainerSniff {
  kind: 'container';
  format: ContainerFormat;
  /** MP4/MOV major brand (`isom`, `M4A `, `qt  `). */
  brand?: string;
  compatibleBrands?: string[];
  /** Matroska DocType. */
  docType?: string;
  tracks?: ContainerTrack[];
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

/** Reads the first SNIFF_BYTES of a Blob/File and sniffs them. */
export async function sniffBlob(blob: Blob): Promise<SniffResult> {
  const head = new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer());
  return sniff(head, blob.size);
}

/** The MIME type to give a Blob of this content, so <img>/<audio> treat it as what it is rather than what it claimed. */
export function mimeTypeOf(result: SniffResult): string | undefined {
  switch (result.kind) {
    case 'image':
      return IMAGE_MIME[result.format];
    case 'audio':
      return AUDIO_MIME[result.format];
    case 'container': {
      const audioOnly = result.tracks !== undefined && result.tracks.length > 0 && result.tracks.every((t) => t.type === 'audio');
      const format = result.format;
      switch (format) {
        case 'webm':
          return audioOnly ? 'audio/webm' : 'video/webm';
        case 'matroska':
          return 'video/x-matroska';
        case 'mp4':
          return audioOnly || (result.tracks === undefined && isAudioOnlyBrand(result.brand)) ? 'audio/mp4' : 'video/mp4';
        case 'mov':
          return 'video/quicktime';
        case 'ogg':
          return 'video/ogg';
        default:
          return exhaustive(format);
      }
    }
    case 'unknown':
    case 'corrupt':
      return undefined;
    default:
      return exhaustive(result);
  }
}

const IMAGE_MIME: Record<ImageFormat, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  svg: 'image/svg+xml',
  heic: 'image/heic',
  avif: 'image/avif',
};

const AUDIO_MIME: Record<AudioFormat, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  flac: 'audio/flac',
  aac: 'audio/aac',
};

function exhaustive(value: never): never {
  throw new Error(`unhandled ${String(value)}`);
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
function u24be(b: Uint8Array, i: number): number {
  return (u8(b, i) << 16) | (u8(b, i + 1) << 8) | u8(b, i + 2);
}
function u24le(b: Uint8Array, i: number): number {
  return u8(b, i) | (u8(b, i + 1) << 8) | (u8(b, i + 2) << 16);
}
// Multiplying the top byte keeps values above 2^31 positive, which `<<` would not.
function u32be(b: Uint8Array, i: number): number {
  return u8(b, i) * 0x1000000 + u24be(b, i + 1);
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
function isPrintableAscii(s: string): boolean {
  return /^[\x20-\x7e]*$/.test(s);
}

function corrupt(format: MediaFormat, reason: CorruptSniff['reason'], detail: string): CorruptSniff {
  return { kind: 'corrupt', format, reason, detail };
}

/** A header ran past the bytes given: corrupt if that was the whole file, otherwise just not visible yet. */
function cutShort<T extends SniffResult>(input: Input, format: MediaFormat, where: string, partial: T): T | CorruptSniff {
  return input.whole ? corrupt(format, 'truncated', `file ends inside ${where}`) : partial;
}

// ---------------------------------------------------------------------------------------------------------------
// Images

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function sniffPng(input: Input): SniffResult | undefined {
  const { b } = input;
  if (!PNG_SIGNATURE.every((byte, i) => b[i] === byte)) return undefined;
  if (!has(b, 0, 24)) return cutShort(input, 'png', 'the IHDR chunk', { kind: 'image', format: 'png' });
  if (ascii(b, 12, 4) !== 'IHDR' || u32be(b, 8) !== 13) return corrupt('png', 'malformed', 'the first chunk is not IHDR');
  const width = u32be(b, 16);
  const height = u32be(b, 20);
  // A width that fails the IHDR checksum is noise, and trusting it could refuse (or attempt) the wrong thing.
  if (has(b, 0, 33) && crc32(b.subarray(12, 29)) !== u32be(b, 29)) return corrupt('png', 'malformed', 'IHDR checksum mismatch');
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) {
    return corrupt('png', 'malformed', `IHDR declares ${width}×${height}`);
  }
  return { kind: 'image', format: 'png', width, height };
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

function sniffJpeg(input: Input): SniffResult | undefined {
  const { b } = input;
  if (!(b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff)) return undefined;
  let orientation: ExifOrientation | undefined;
  const unseen = (): SniffResult =>
    cutShort(input, 'jpeg', 'the segments before the frame header', {
      kind: 'image',
      format: 'jpeg',
      ...(orientation ? { orientation } : {}),
    });
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
      return {
        kind: 'image',
        format: 'jpeg',
        width,
        ...(height > 0 ? { height } : {}),
        ...(orientation ? { orientation } : {}),
      };
    }
    if (marker === 0xe1 && orientation === undefined && has(b, i, length)) {
      orientation = exifOrientation(b.subarray(i + 2, i + length));
    }
    i += length;
  }
}

function exifOrientation(app1: Uint8Array): ExifOrientation | undefined {
  if (ascii(app1, 0, 6) !== 'Exif\0\0') return undefined;
  const tiff = app1.subarray(6);
  const order = ascii(tiff, 0, 2);
  if (order !== 'II' && order !== 'MM') return undefined;
  const r16 = order === 'II' ? u16le : u16be;
  const r32 = order === 'II' ? u32le : u32be;
  if (r16(tiff, 2) !== 42) return undefined;
  const ifd = r32(tiff, 4);
  if (!has(tiff, ifd, 2)) return undefined;
  const count = r16(tiff, ifd);
  for (let k = 0; k < count; k++) {
    const entry = ifd + 2 + k * 12;
    if (!has(tiff, entry, 12)) return undefined;
    if (r16(tiff, entry) !== 0x0112) continue;
    const value = r16(tiff, entry + 8);
    return r16(tiff, entry + 2) === 3 && value >= 1 && value <= 8 ? (value as ExifOrientation) : undefined;
  }
  return undefined;
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
  const partial: RasterImageSniff = { kind: 'image', format: 'webp' };
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
    case 'VP8X': {
      if (!has(b, 0, 30)) return cutShort(input, 'webp', 'the VP8X header', partial);
      const flags = u8(b, 20);
      return { kind: 'image', format: 'webp', width: u24le(b, 24) + 1, height: u24le(b, 27) + 1, animated: (flags & 0x02) !== 0 };
    }
    default:
      if (!has(b, 0, 16)) return cutShort(input, 'webp', 'the first chunk header', partial);
      return corrupt('webp', 'malformed', `unexpected first chunk ${JSON.stringify(chunk)}`);
  }
}

function dims(format: Exclude<ImageFormat, 'svg'>, width: number, height: number): SniffResult {
  if (width === 0 || height === 0) return corrupt(format, 'malformed', `header declares ${width}×${height}`);
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
  if (dibSize === 12) {
    if (!has(b, 0, 22)) return cutShort(input, 'bmp', 'the DIB header', { kind: 'image', format: 'bmp' });
    return dims('bmp', u16le(b, 18), u16le(b, 20));
  }
  if (!has(b, 0, 26)) return cutShort(input, 'bmp', 'the DIB header', { kind: 'image', format: 'bmp' });
  // Width and height are signed; a negative height means rows are stored top-down.
  return dims('bmp', Math.abs(u32le(b, 18) | 0), Math.abs(u32le(b, 22) | 0));
}

// ---------------------------------------------------------------------------------------------------------------
// ISO base media (MP4, MOV, M4A, HEIC, AVIF)

interface Box {
  type: string;
  start: number;
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
    const type = ascii(b, i + 4, 4);
    yield { type, start: i, body, end: i + size };
    i += size;
  }
}

const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1', 'mif2']);
const AUDIO_ONLY_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ']);
const QUICKTIME_TOP_LEVEL = new Set(['moov', 'mdat', 'wide']);

function isAudioOnlyBrand(brand: string | undefined): boolean {
  return brand !== undefined && AUDIO_ONLY_BRANDS.has(brand);
}

function sniffIsoBmff(input: Input): SniffResult | undefined {
  const { b } = input;
  const firstType = ascii(b, 4, 4);
  const firstSize = u32be(b, 0);
  if (firstType !== 'ftyp') {
    // QuickTime files from before ftyp existed open straight into one of these boxes.
    if (QUICKTIME_TOP_LEVEL.has(firstType) && firstSize >= 8) return describeMovie(input, 'mov', undefined, []);
    return undefined;
  }
  if (firstSize < 16 || firstSize > 4096 || (firstSize - 16) % 4 !== 0) return undefined;
  if (!has(b, 0, 16)) return cutShort(input, 'mp4', 'the ftyp box', { kind: 'container', format: 'mp4' });
  const brand = ascii(b, 8, 4);
  if (!isPrintableAscii(brand)) return undefined;
  const compatible: string[] = [];
  for (let i = 16; i + 4 <= Math.min(firstSize, b.length); i += 4) compatible.push(ascii(b, i, 4));
  const all = [brand, ...compatible];
  if (AVIF_BRANDS.has(brand) || (HEIC_BRANDS.has(brand) && compatible.some((c) => AVIF_BRANDS.has(c)))) {
    return { kind: 'image', format: 'avif' };
  }
  if (HEIC_BRANDS.has(brand)) return { kind: 'image', format: 'heic' };
  if (!all.some((c) => /^(isom|iso\d|mp4\d|avc1|dash|M4[ABPV] |qt {2}|3g[p2]\d|3g2[a-z]|mmp4|f4v |MSNV)$/.test(c))) {
    // An ftyp of images only (no movie brand) that isn't HEIC/AVIF is some other still-image format.
    if (all.some((c) => AVIF_BRANDS.has(c))) return { kind: 'image', format: 'avif' };
    if (all.some((c) => HEIC_BRANDS.has(c))) return { kind: 'image', format: 'heic' };
  }
  return describeMovie(input, brand === 'qt  ' ? 'mov' : 'mp4', brand, compatible);
}

function describeMovie(input: Input, format: 'mp4' | 'mov', brand: string | undefined, compatibleBrands: string[]): ContainerSniff {
  const { b } = input;
  const result: ContainerSniff = { kind: 'container', format };
  if (brand !== undefined) {
    result.brand = brand;
    result.compatibleBrands = compatibleBrands;
  }
  for (const top of boxes(b, 0, input.size)) {
    if (top.type !== 'moov') continue;
    if (top.end > b.length) break; // fast-start files put moov first; otherwise it is usually at the end, out of sight
    const tracks: ContainerTrack[] = [];
    for (const box of boxes(b, top.body, top.end)) {
      if (box.type === 'mvhd') {
        const duration = mvhdDuration(b, box);
        if (duration !== undefined) result.durationSeconds = duration;
      } else if (box.type === 'trak') {
        tracks.push(describeTrak(b, box));
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

function describeTrak(b: Uint8Array, trak: Box): ContainerTrack {
  let type: ContainerTrack['type'] = 'other';
  let codec: string | undefined;
  const mdia = child(b, trak, 'mdia');
  if (mdia) {
    const hdlr = child(b, mdia, 'hdlr');
    if (hdlr && has(b, hdlr.body, 12)) {
      const handler = ascii(b, hdlr.body + 8, 4);
      type = handler === 'soun' ? 'audio' : handler === 'vide' ? 'video' : 'other';
    }
    const stbl = descend(b, mdia, ['minf', 'stbl']);
    const stsd = stbl && child(b, stbl, 'stsd');
    if (stsd && has(b, stsd.body, 16)) {
      const entry = ascii(b, stsd.body + 12, 4);
      if (isPrintableAscii(entry)) codec = entry;
    }
  }
  return codec === undefined ? { type } : { type, codec };
}

function child(b: Uint8Array, parent: Box, type: string): Box | undefined {
  for (const box of boxes(b, parent.body, parent.end)) if (box.type === type) return box;
  return undefined;
}

function descend(b: Uint8Array, from: Box, path: string[]): Box | undefined {
  let box: Box | undefined = from;
  for (const type of path) box = box && child(b, box, type);
  return box;
}

// ---------------------------------------------------------------------------------------------------------------
// Matroska / WebM

interface EbmlElement {
  id: number;
  body: number;
  /** One past the last byte; for an unknown-size element, the end of its parent. */
  end: number;
  unknownSize: boolean;
}

interface Vint {
  value: number;
  length: number;
  allOnes: boolean;
}

function readVint(b: Uint8Array, i: number, keepMarker: boolean): Vint | undefined {
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
const MKV = { duration: 0x4489, tracks: 0x1654ae6b, trackEntry: 0xae, trackType: 0x83, codecId: 0x86, cluster: 0x1f43b675 };

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

function ebmlString(b: Uint8Array, e: EbmlElement): string | undefined {
  const n = e.end - e.body;
  if (n < 0 || n > 64 || !has(b, e.body, n)) return undefined;
  return ascii(b, e.body, n).replace(/\0+$/, '');
}

function sniffEbml(input: Input): SniffResult | undefined {
  const { b } = input;
  if (u32be(b, 0) !== EBML.header) return undefined;
  const result: ContainerSniff = { kind: 'container', format: 'webm' };
  const [header] = ebmlChildren(b, 0, input.size);
  if (!header) return cutShort(input, 'webm', 'the EBML header', result);
  for (const e of ebmlChildren(b, header.body, header.end)) {
    if (e.id === EBML.docType) {
      const docType = ebmlString(b, e);
      if (docType !== undefined) result.docType = docType;
    }
  }
  if (result.docType === 'matroska') result.format = 'matroska';
  else if (result.docType !== undefined && result.docType !== 'webm') return undefined; // some other EBML document
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
      const tracks: ContainerTrack[] = [];
      for (const entry of ebmlChildren(b, e.body, e.end)) {
        if (entry.id !== MKV.trackEntry) continue;
        const track: ContainerTrack = { type: 'other' };
        for (const field of ebmlChildren(b, entry.body, entry.end)) {
          if (field.id === MKV.trackType) {
            const t = ebmlUint(b, field);
            track.type = t === 1 ? 'video' : t === 2 ? 'audio' : 'other';
          } else if (field.id === MKV.codecId) {
            const codec = ebmlString(b, field);
            if (codec !== undefined) track.codec = codec;
          }
        }
        tracks.push(track);
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
// Audio

const WAV_CODECS: Record<number, WavCodec> = { 1: 'pcm', 2: 'adpcm', 3: 'float', 6: 'alaw', 7: 'mulaw', 0x11: 'adpcm', 0x55: 'mp3' };

function sniffWav(input: Input, rf64: boolean): SniffResult {
  const { b } = input;
  const result: WavSniff = { kind: 'audio', format: 'wav' };
  let ds64DataBytes: number | undefined;
  let fmtSeen = false;
  let bytesPerSecond = 0;
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
      fmtSeen = true;
      let code = u16le(b, body);
      // WAVE_FORMAT_EXTENSIBLE: the real tag is the first two bytes of the sub-format GUID.
      if (code === 0xfffe && size >= 40 && has(b, body, 26)) code = u16le(b, body + 24);
      result.formatCode = code;
      result.codec = WAV_CODECS[code] ?? 'other';
      result.channels = u16le(b, body + 2);
      result.sampleRate = u32le(b, body + 4);
      result.bitsPerSample = u16le(b, body + 14);
      const byteRate = u32le(b, body + 8);
      if (result.channels === 0 || result.sampleRate === 0) {
        return corrupt('wav', 'malformed', `fmt declares ${result.channels} channels at ${result.sampleRate} Hz`);
      }
      const uncompressed = result.codec === 'pcm' || result.codec === 'float' || result.codec === 'alaw' || result.codec === 'mulaw';
      bytesPerSecond =
        uncompressed && result.bitsPerSample > 0
          ? result.channels * Math.ceil(result.bitsPerSample / 8) * result.sampleRate
          : byteRate;
    } else if (id === 'data') {
      data = { offset: body, declared: rf64 && size === 0xffffffff && ds64DataBytes !== undefined ? ds64DataBytes : size };
      break;
    }
    i = body + size + (size & 1); // chunks are padded to even length
  }
  if (!fmtSeen) return cutShort(input, 'wav', 'the chunks before fmt', result);
  if (!data) return input.whole ? corrupt('wav', 'malformed', 'no data chunk') : result;
  const available = input.size - data.offset;
  // Streaming writers leave the size at 0 or all-ones because they could not seek back to fill it in.
  const streamed = (data.declared === 0 || data.declared === 0xffffffff) && available > 0 && data.declared !== available;
  const dataBytes = streamed ? available : data.declared;
  result.dataBytes = dataBytes;
  if (bytesPerSecond > 0) {
    result.durationSeconds = dataBytes / bytesPerSecond;
    if (streamed) result.durationEstimated = true;
  }
  if (data.offset + dataBytes > input.size) result.truncated = true;
  return result;
}

interface StreamInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  totalSamples: number;
}

/** FLAC's STREAMINFO block body (34 bytes; the fields needed are in the first 18). */
function streamInfo(b: Uint8Array, at: number): StreamInfo | undefined {
  if (!has(b, at, 18)) return undefined;
  const packed = u8(b, at + 12);
  return {
    sampleRate: (u8(b, at + 10) << 12) | (u8(b, at + 11) << 4) | (packed >> 4),
    channels: ((packed >> 1) & 0x07) + 1,
    bitsPerSample: (((packed & 0x01) << 4) | (u8(b, at + 13) >> 4)) + 1,
    totalSamples: (u8(b, at + 13) & 0x0f) * 0x100000000 + u32be(b, at + 14),
  };
}

function sniffFlac(input: Input, offset: number): SniffResult | undefined {
  const { b } = input;
  if (ascii(b, offset, 4) !== 'fLaC') return undefined;
  const info = streamInfo(b, offset + 8);
  if (!info) return cutShort(input, 'flac', 'STREAMINFO', { kind: 'audio', format: 'flac' });
  if ((u8(b, offset + 4) & 0x7f) !== 0 || u24be(b, offset + 5) < 34) {
    return corrupt('flac', 'malformed', 'the first metadata block is not STREAMINFO');
  }
  if (info.sampleRate === 0) return corrupt('flac', 'malformed', 'STREAMINFO declares 0 Hz');
  const result: FlacSniff = {
    kind: 'audio',
    format: 'flac',
    sampleRate: info.sampleRate,
    channels: info.channels,
    bitsPerSample: info.bitsPerSample,
  };
  // Zero total samples means the encoder did not know the length.
  if (info.totalSamples > 0) {
    result.totalSamples = info.totalSamples;
    result.durationSeconds = info.totalSamples / info.sampleRate;
  }
  return result;
}

function sniffOgg(input: Input): SniffResult | undefined {
  const { b } = input;
  if (ascii(b, 0, 4) !== 'OggS') return undefined;
  const container: ContainerSniff = { kind: 'container', format: 'ogg' };
  if (!has(b, 0, 27)) return cutShort(input, 'ogg', 'the first page header', container);
  if (b[4] !== 0) return corrupt('ogg', 'malformed', `page version ${u8(b, 4)}`);
  const segments = u8(b, 26);
  const p = 27 + segments; // the first packet, which names the codec
  if (!has(b, 0, p + 8)) return cutShort(input, 'ogg', 'the first packet', container);
  const serial = u32le(b, 14);
  if (ascii(b, p, 8) === 'OpusHead') {
    if (!has(b, p, 19)) return cutShort(input, 'ogg', 'the Opus header', { kind: 'audio', format: 'ogg', codec: 'opus' });
    // Opus always decodes at 48 kHz whatever rate the source had, and granule positions count 48 kHz samples.
    const result: OggAudioSniff = { kind: 'audio', format: 'ogg', codec: 'opus', sampleRate: 48_000, channels: u8(b, p + 9) };
    const granule = lastGranule(input, serial);
    if (granule !== undefined) result.durationSeconds = Math.max(0, granule - u16le(b, p + 10)) / 48_000;
    return result;
  }
  if (u8(b, p) === 0x01 && ascii(b, p + 1, 6) === 'vorbis') {
    if (!has(b, p, 16)) return cutShort(input, 'ogg', 'the Vorbis header', { kind: 'audio', format: 'ogg', codec: 'vorbis' });
    const sampleRate = u32le(b, p + 12);
    if (sampleRate === 0) return corrupt('ogg', 'malformed', 'Vorbis header declares 0 Hz');
    const result: OggAudioSniff = { kind: 'audio', format: 'ogg', codec: 'vorbis', sampleRate, channels: u8(b, p + 11) };
    const granule = lastGranule(input, serial);
    if (granule !== undefined) result.durationSeconds = granule / sampleRate;
    return result;
  }
  if (u8(b, p) === 0x7f && ascii(b, p + 1, 4) === 'FLAC' && ascii(b, p + 9, 4) === 'fLaC') {
    const info = streamInfo(b, p + 17);
    if (!info) return cutShort(input, 'ogg', 'the FLAC header', { kind: 'audio', format: 'ogg', codec: 'flac' });
    if (info.sampleRate === 0) return corrupt('ogg', 'malformed', 'FLAC header declares 0 Hz');
    const result: OggAudioSniff = { kind: 'audio', format: 'ogg', codec: 'flac', sampleRate: info.sampleRate, channels: info.channels };
    if (info.totalSamples > 0) result.durationSeconds = info.totalSamples / info.sampleRate;
    return result;
  }
  if (ascii(b, p, 8) === 'Speex   ') {
    if (!has(b, p, 52)) return cutShort(input, 'ogg', 'the Speex header', { kind: 'audio', format: 'ogg', codec: 'speex' });
    return { kind: 'audio', format: 'ogg', codec: 'speex', sampleRate: u32le(b, p + 36), channels: u32le(b, p + 48) };
  }
  if (u8(b, p) === 0x80 && ascii(b, p + 1, 6) === 'theora') container.tracks = [{ type: 'video', codec: 'theora' }];
  return container;
}

/** The granule position of the stream's last page, when the whole file was given (otherwise the end is out of sight). */
function lastGranule(input: Input, serial: number): number | undefined {
  const { b } = input;
  if (!input.whole) return undefined;
  // Pages are at most 65 307 bytes, so the last one starts within that distance of the end.
  const stop = Math.max(0, b.length - 65_307 - 27);
  for (let i = b.length - 27; i >= stop; i--) {
    if (b[i] !== 0x4f || ascii(b, i, 4) !== 'OggS' || u32le(b, i + 14) !== serial) continue;
    // All ones means no packet ends on this page.
    if (u32le(b, i + 6) === 0xffffffff && u32le(b, i + 10) === 0xffffffff) return undefined;
    return u64le(b, i + 6);
  }
  return undefined;
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
  channels: number;
  length: number;
  samples: number;
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
  const samples = mpeg1 ? 1152 : 576;
  const length = Math.floor(((samples / 8) * bitrate) / sampleRate) + ((b2 >> 1) & 0x01);
  return { mpeg1, sampleRate, bitrate, channels: u8(b, i + 3) >> 6 === 3 ? 1 : 2, length, samples };
}

interface AdtsFrame {
  sampleRate: number;
  channels: number | undefined;
  length: number;
  /** AAC frames of 1024 samples in this ADTS frame. */
  blocks: number;
}

const AAC_SAMPLE_RATES = [96_000, 88_200, 64_000, 48_000, 44_100, 32_000, 24_000, 22_050, 16_000, 12_000, 11_025, 8_000, 7_350];

function adtsFrame(b: Uint8Array, i: number): AdtsFrame | undefined {
  // 12 sync bits, then the layer bits, which ADTS fixes at 00 and MPEG audio never uses.
  if (!has(b, i, 7) || b[i] !== 0xff || (u8(b, i + 1) & 0xf6) !== 0xf0) return undefined;
  const sampleRate = AAC_SAMPLE_RATES[(u8(b, i + 2) >> 2) & 0x0f];
  const length = ((u8(b, i + 3) & 0x03) << 11) | (u8(b, i + 4) << 3) | (u8(b, i + 5) >> 5);
  if (sampleRate === undefined || length < 7) return undefined;
  const config = ((u8(b, i + 2) & 0x01) << 2) | (u8(b, i + 3) >> 6);
  // Config 0 puts the layout in the stream; 7 is 7.1.
  const channels = config === 0 ? undefined : config === 7 ? 8 : config;
  return { sampleRate, channels, length, blocks: (u8(b, i + 6) & 0x03) + 1 };
}

/** A lone sync word is common in random data, so a frame counts only if the next one (when in view) agrees with it. */
function nextAgrees<T extends { sampleRate: number; length: number }>(
  b: Uint8Array,
  i: number,
  frame: T,
  parse: (b: Uint8Array, i: number) => T | undefined,
): boolean {
  const next = i + frame.length;
  if (next + 4 > b.length) return true;
  return parse(b, next)?.sampleRate === frame.sampleRate;
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
    if (mp3 && nextAgrees(b, i, mp3, mpegFrame)) return describeMp3(input, i, mp3);
    const aac = adtsFrame(b, i);
    if (aac && nextAgrees(b, i, aac, adtsFrame)) return describeAac(input, i, aac);
  }
  if (!tagged) return undefined;
  return input.whole || searchEnd < b.length
    ? corrupt('mp3', 'malformed', 'no audio frame after the ID3 tag')
    : { kind: 'audio', format: 'mp3' };
}

function describeMp3(input: Input, start: number, frame: MpegFrame): Mp3Sniff {
  const { b } = input;
  const result: Mp3Sniff = {
    kind: 'audio',
    format: 'mp3',
    sampleRate: frame.sampleRate,
    channels: frame.channels,
    bitrate: frame.bitrate,
  };
  // Encoders put a frame count in the first frame (Xing/Info after the side information, VBRI at a fixed offset);
  // for VBR files it is the only way to a duration short of reading every frame.
  const sideInfo = frame.mpeg1 ? (frame.channels === 1 ? 17 : 32) : frame.channels === 1 ? 9 : 17;
  let frames: number | undefined;
  const xing = start + 4 + sideInfo;
  const tag = ascii(b, xing, 4);
  if ((tag === 'Xing' || tag === 'Info') && has(b, xing, 12) && u32be(b, xing + 4) & 0x01) frames = u32be(b, xing + 8);
  else if (ascii(b, start + 36, 4) === 'VBRI' && has(b, start + 36, 18)) frames = u32be(b, start + 36 + 14);
  if (frames !== undefined && frames > 0) {
    result.durationSeconds = (frames * frame.samples) / frame.sampleRate;
  } else {
    result.durationSeconds = ((input.size - start) * 8) / frame.bitrate;
    result.durationEstimated = true;
  }
  return result;
}

function describeAac(input: Input, start: number, first: AdtsFrame): AacSniff {
  const { b } = input;
  let blocks = 0;
  let i = start;
  // Every ADTS frame is at least 7 bytes, so this walk is bounded by the bytes given.
  for (let frame: AdtsFrame | undefined = first; frame && frame.sampleRate === first.sampleRate; frame = adtsFrame(b, i)) {
    if (i + frame.length > b.length) break;
    blocks += frame.blocks;
    i += frame.length;
  }
  const result: AacSniff = { kind: 'audio', format: 'aac', sampleRate: first.sampleRate };
  if (first.channels !== undefined) result.channels = first.channels;
  if (blocks > 0) {
    const walked = i - start;
    const exact = input.whole && i === b.length;
    const totalBlocks = exact ? blocks : (blocks / walked) * (input.size - start);
    result.durationSeconds = (totalBlocks * 1024) / first.sampleRate;
    if (!exact) result.durationEstimated = true;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// SVG

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
  if (!root.test(text)) return undefined;
  const scan = scanMarkup(text, i);
  const result: SvgImageSniff = {
    kind: 'image',
    format: 'svg',
    svgActive: { ...scan.active, complete: input.whole },
  };
  const viewBox = (scan.rootAttributes.get('viewbox') ?? '').trim().split(/[\s,]+/).map(Number);
  const width = svgLength(scan.rootAttributes.get('width')) ?? positive(viewBox[2]);
  const height = svgLength(scan.rootAttributes.get('height')) ?? positive(viewBox[3]);
  if (width !== undefined) result.width = width;
  if (height !== undefined) result.height = height;
  return result;
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

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

function skipSpace(text: string, i: number): number {
  while (isSpace(text[i])) i++;
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

interface MarkupScan {
  active: Omit<SvgActiveContent, 'complete'>;
  rootAttributes: Map<string, string>;
}

/**
 * One forward pass over the tags from `from`. It errs towards reporting: a '<' inside script text reads as a
 * tag, which can only add findings. Comments and CDATA are skipped because nothing in them runs.
 */
function scanMarkup(text: string, from: number): MarkupScan {
  const active = { script: false, eventHandlers: false, javascriptUrls: false };
  let rootAttributes: Map<string, string> | undefined;
  const name = /[A-Za-z_][\w:.-]*/y;
  let i = from;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    if (text.startsWith('<!--', lt) || text.startsWith('<![CDATA[', lt)) {
      i = text.startsWith('<!--', lt) ? after(text, '-->', lt + 4) : after(text, ']]>', lt + 9);
      if (i < 0) break;
      continue;
    }
    name.lastIndex = lt + 1;
    const element = name.exec(text)?.[0];
    if (element === undefined) {
      i = lt + 1; // closing tag, declaration or a stray '<'
      continue;
    }
    if (localName(element) === 'script') active.script = true;
    const attributes = new Map<string, string>();
    i = readAttributes(text, lt + 1 + element.length, attributes);
    for (const [attribute, value] of attributes) {
      const local = localName(attribute);
      // `<set attributeName="onclick" to="...">` adds a handler by animation.
      if (/^on./.test(local) || (local === 'attributename' && /^\s*on./i.test(value))) active.eventHandlers = true;
      if (isJavascriptUrl(value)) active.javascriptUrls = true;
    }
    rootAttributes ??= attributes;
  }
  return { active, rootAttributes: rootAttributes ?? new Map() };
}

function localName(qualified: string): string {
  return qualified.slice(qualified.lastIndexOf(':') + 1).toLowerCase();
}

/** Reads `name="value"` pairs up to the tag's '>' into `out` (names lower-cased); returns the index after it. */
function readAttributes(text: string, k: number, out: Map<string, string>): number {
  const end = text.length;
  // Every pass consumes at least one character.
  while (k < end) {
    k = skipSpace(text, k);
    const ch = text[k];
    if (ch === undefined) break;
    if (ch === '>') return k + 1;
    if (ch === '/' || ch === '=') {
      k++;
      continue;
    }
    const start = k;
    while (k < end && !isSpace(text[k]) && text[k] !== '=' && text[k] !== '>' && text[k] !== '/') k++;
    const attribute = text.slice(start, k).toLowerCase();
    k = skipSpace(text, k);
    let value = '';
    if (text[k] === '=') {
      k = skipSpace(text, k + 1);
      const quote = text[k];
      if (quote === '"' || quote === "'") {
        const close = text.indexOf(quote, k + 1);
        const stop = close < 0 ? end : close;
        value = text.slice(k + 1, stop);
        k = stop + 1;
      } else {
        const valueStart = k;
        while (k < end && !isSpace(text[k]) && text[k] !== '>') k++;
        value = text.slice(valueStart, k);
      }
    }
    out.set(attribute, value);
  }
  return end;
}

/** Browsers ignore whitespace, control characters and character references when reading a URL's scheme. */
function isJavascriptUrl(value: string): boolean {
  if (!/[jJ&]/.test(value)) return false;
  const decoded = value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => codePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);?/g, (_, dec: string) => codePoint(parseInt(dec, 10)))
    .replace(/&colon;/gi, ':')
    .replace(/&(tab|newline);/gi, '');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a URL parser strips
  return decoded.replace(/[\u0000-\u0020]/g, '').toLowerCase().includes('javascript:');
}

function codePoint(n: number): string {
  return Number.isFinite(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
}

function svgLength(value: string | undefined): number | undefined {
  const match = value === undefined ? null : /^\s*(\d*\.?\d+(?:e[+-]?\d+)?)\s*(?:px)?\s*$/i.exec(value);
  return positive(match ? Number(match[1]) : undefined);
}

function positive(n: number | undefined): number | undefined {
  return n !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
}
