// Builds tiny headers in code for every format the sniffer knows, then checks what the app reads from them, and that no input makes it throw.

import { describe, expect, it } from 'vitest';
import { sniff, type SniffResult } from './sniff';

type Part = number[] | Uint8Array | string;

/** Concatenates byte arrays and Latin-1 strings. */
function bytes(...parts: Part[]): Uint8Array {
  const arrays = parts.map((p) => (typeof p === 'string' ? Uint8Array.from(p, (c) => c.charCodeAt(0)) : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

const be16 = (n: number) => [(n >>> 8) & 0xff, n & 0xff];
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const le16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
const le32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const zeros = (n: number) => new Array<number>(n).fill(0);

function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

// --- builders -----------------------------------------------------------------------------------------------------

function pngChunk(type: string, data: Part): Uint8Array {
  const body = bytes(type, data);
  return bytes(be32(body.length - 4), body, be32(crc32(body)));
}

function pngHeader(width: number, height: number): Uint8Array {
  return bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], pngChunk('IHDR', [...be32(width), ...be32(height), 8, 2, 0, 0, 0]));
}

function jpegSegment(marker: number, payload: Part): Uint8Array {
  const body = bytes(payload);
  return bytes([0xff, marker], be16(body.length + 2), body);
}

const JFIF = jpegSegment(0xe0, bytes('JFIF\0', [1, 1, 0, 0, 1, 0, 1, 0, 0]));

function sof0(width: number, height: number): Uint8Array {
  return jpegSegment(0xc0, [8, ...be16(height), ...be16(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
}

function jpeg(width: number, height: number, ...before: Uint8Array[]): Uint8Array {
  const dht = jpegSegment(0xc4, [0x00, ...zeros(16)]);
  const sos = jpegSegment(0xda, [1, 1, 0, 0, 63, 0]);
  return bytes([0xff, 0xd8], JFIF, ...before, sof0(width, height), dht, sos, [0x12, 0x34, 0xff, 0x00, 0x56], [0xff, 0xd9]);
}

interface WavSpec {
  channels?: number;
  sampleRate?: number;
  bits?: number;
  formatCode?: number;
  dataBytes: number;
  carried?: number;
  before?: Uint8Array;
}

function wav({ channels = 1, sampleRate = 16_000, bits = 16, formatCode = 1, dataBytes, carried = dataBytes, before }: WavSpec): Uint8Array {
  const blockAlign = channels * (bits / 8);
  const fmt = bytes('fmt ', le32(16), le16(formatCode), le16(channels), le32(sampleRate), le32(sampleRate * blockAlign), le16(blockAlign), le16(bits));
  const extra = before ?? new Uint8Array();
  return bytes('RIFF', le32(4 + extra.length + fmt.length + 8 + dataBytes), 'WAVE', extra, fmt, 'data', le32(dataBytes), zeros(carried));
}

/** MPEG-1 Layer III, 128 kb/s, 44.1 kHz, stereo: 417-byte frames. */
function mp3Frame(payload: Part = []): Uint8Array {
  const frame = new Uint8Array(417);
  frame.set([0xff, 0xfb, 0x90, 0x00]);
  frame.set(bytes(payload), 4);
  return frame;
}

function id3(size: number): Uint8Array {
  return bytes('ID3', [4, 0, 0], [(size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f], zeros(size));
}

function oggPage(headerType: number, granule: number, serial: number, sequence: number, packet: Uint8Array): Uint8Array {
  const lacing: number[] = [];
  let left = packet.length;
  while (left >= 255) {
    lacing.push(255);
    left -= 255;
  }
  lacing.push(left);
  return bytes('OggS', [0, headerType], le32(granule % 2 ** 32), le32(Math.floor(granule / 2 ** 32)), le32(serial), le32(sequence), le32(0), [lacing.length], lacing, packet);
}

function opusHead(channels: number, preSkip: number): Uint8Array {
  return bytes('OpusHead', [1, channels], le16(preSkip), le32(44_100), [0, 0, 0]);
}

function flacStreamInfo(sampleRate: number, channels: number, bits: number, totalSamples: number): Uint8Array {
  const packed = ((sampleRate & 0x0f) << 4) | ((channels - 1) << 1) | ((bits - 1) >> 4);
  return bytes(be16(4096), be16(4096), [0, 0, 0, 0, 0, 0], [sampleRate >> 12, (sampleRate >> 4) & 0xff, packed], [(((bits - 1) & 0x0f) << 4) | Math.floor(totalSamples / 2 ** 32)], be32(totalSamples >>> 0), zeros(16));
}

function ebml(id: number[], payload: Part): Uint8Array {
  const body = bytes(payload);
  const size = body.length < 127 ? [0x80 | body.length] : [0x40 | (body.length >> 8), body.length & 0xff];
  return bytes(id, size, body);
}

function webm(docType: string, tracks: Array<[type: number, codec: string]>, durationMs?: number): Uint8Array {
  const header = ebml([0x1a, 0x45, 0xdf, 0xa3], bytes(ebml([0x42, 0x86], [1]), ebml([0x42, 0x82], docType)));
  const float = new Uint8Array(8);
  new DataView(float.buffer).setFloat64(0, durationMs ?? 0);
  const info = ebml([0x15, 0x49, 0xa9, 0x66], bytes(ebml([0x2a, 0xd7, 0xb1], [0x0f, 0x42, 0x40]), durationMs === undefined ? [] : ebml([0x44, 0x89], float)));
  const entries = tracks.map(([type, codec], n) => ebml([0xae], bytes(ebml([0xd7], [n + 1]), ebml([0x83], [type]), ebml([0x86], codec))));
  const trackList = ebml([0x16, 0x54, 0xae, 0x6b], bytes(...entries));
  const cluster = ebml([0x1f, 0x43, 0xb6, 0x75], zeros(32));
  // MediaRecorder writes the Segment with an unknown size, since it can't seek back to fill it in.
  return bytes(header, [0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], info, trackList, cluster);
}

function box(type: string, ...payload: Part[]): Uint8Array {
  const body = bytes(...payload);
  return bytes(be32(body.length + 8), type, body);
}

function ftyp(major: string, ...compatible: string[]): Uint8Array {
  return box('ftyp', major, be32(0), ...compatible);
}

function mp4Moov(seconds: number, handler: string, sampleEntry: string): Uint8Array {
  const mvhd = box('mvhd', zeros(4), zeros(8), be32(1000), be32(seconds * 1000), zeros(80));
  const hdlr = box('hdlr', zeros(8), handler, zeros(12), [0]);
  const stsd = box('stsd', zeros(4), be32(1), box(sampleEntry, zeros(28)));
  return box('moov', mvhd, box('trak', box('mdia', hdlr, box('minf', box('stbl', stsd)))));
}

/** ADTS AAC-LC frame, 44.1 kHz, stereo. */
function adtsFrame(length: number): Uint8Array {
  const frame = new Uint8Array(length);
  frame.set([0xff, 0xf1, 0x50, 0x80 | (length >> 11), (length >> 3) & 0xff, ((length & 7) << 5) | 0x1f, 0xfc]);
  return frame;
}

// --- tests --------------------------------------------------------------------------------------------------------

describe('images', () => {
  it('reads a PNG header that claims 30000×30000 without needing the pixels', () => {
    expect(sniff(pngHeader(30_000, 30_000), 1_000)).toEqual({ kind: 'image', format: 'png', width: 30_000, height: 30_000 });
  });

  it('calls a PNG with a damaged IHDR corrupt', () => {
    const png = pngHeader(64, 64);
    png[17] = (png[17] ?? 0) ^ 0x01; // width changes, checksum doesn't
    expect(sniff(png)).toMatchObject({ kind: 'corrupt', format: 'png', reason: 'malformed' });
  });

  it('says a PNG cut inside IHDR is truncated only when that was the whole file', () => {
    const cut = pngHeader(64, 64).subarray(0, 20);
    expect(sniff(cut)).toMatchObject({ kind: 'corrupt', format: 'png', reason: 'truncated' });
    expect(sniff(cut, 5_000)).toEqual({ kind: 'image', format: 'png' });
  });

  it('walks JPEG segments to the frame header', () => {
    expect(sniff(jpeg(640, 480))).toEqual({ kind: 'image', format: 'jpeg', width: 640, height: 480 });
  });

  it('calls a whole JPEG that ends before its frame header truncated, and a prefix of one just sizeless', () => {
    const full = jpeg(640, 480);
    const cut = full.subarray(0, 12); // inside the JFIF segment
    expect(sniff(cut)).toMatchObject({ kind: 'corrupt', format: 'jpeg', reason: 'truncated' });
    expect(sniff(cut, full.length)).toEqual({ kind: 'image', format: 'jpeg' });
  });

  it('calls a JPEG whose scan comes before any frame header corrupt', () => {
    expect(sniff(bytes([0xff, 0xd8], JFIF, [0xff, 0xd9]))).toMatchObject({ kind: 'corrupt', format: 'jpeg', reason: 'malformed' });
    expect(sniff(bytes([0xff, 0xd8], JFIF, jpegSegment(0xda, [0])))).toMatchObject({ kind: 'corrupt', reason: 'malformed' });
  });

  it('reads GIF logical screen size', () => {
    expect(sniff(bytes('GIF89a', le16(320), le16(200), [0xf7, 0, 0]))).toEqual({ kind: 'image', format: 'gif', width: 320, height: 200 });
  });

  it('reads WebP sizes from VP8, VP8L and VP8X', () => {
    const riff = (chunk: Uint8Array) => bytes('RIFF', le32(4 + chunk.length), 'WEBP', chunk);
    const vp8 = riff(bytes('VP8 ', le32(20), [0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a], le16(300), le16(150), zeros(10)));
    const bits = (400 - 1) | ((250 - 1) << 14);
    const vp8l = riff(bytes('VP8L', le32(10), [0x2f], le32(bits), zeros(5)));
    // Flags 0x10: alpha, not animation (0x02).
    const vp8x = riff(bytes('VP8X', le32(10), [0x10, 0, 0, 0], [0xff, 0x0f, 0x00], [0x3f, 0x00, 0x00]));
    expect(sniff(vp8)).toEqual({ kind: 'image', format: 'webp', width: 300, height: 150 });
    expect(sniff(vp8l)).toEqual({ kind: 'image', format: 'webp', width: 400, height: 250 });
    expect(sniff(vp8x)).toEqual({ kind: 'image', format: 'webp', width: 4096, height: 64 });
  });

  it('reads BMP sizes, including a top-down (negative height) bitmap', () => {
    const bmp = bytes('BM', le32(54 + 12), zeros(4), le32(54), le32(40), le32(2), le32(-2 >>> 0), le16(1), le16(24), zeros(24));
    expect(sniff(bmp)).toEqual({ kind: 'image', format: 'bmp', width: 2, height: 2 });
    expect(sniff(bytes('BMW is a car maker.\n'))).toEqual({ kind: 'unknown' });
  });

  it('tells HEIC from AVIF by ftyp brand', () => {
    expect(sniff(bytes(ftyp('heic', 'mif1', 'heic'), zeros(32)))).toEqual({ kind: 'image', format: 'heic' });
    expect(sniff(bytes(ftyp('avif', 'mif1', 'avif'), zeros(32)))).toEqual({ kind: 'image', format: 'avif' });
    expect(sniff(bytes(ftyp('mif1', 'avif', 'miaf'), zeros(32)))).toEqual({ kind: 'image', format: 'avif' });
  });
});

describe('SVG', () => {
  it('finds the root element after a prolog, comment and doctype with an internal subset', () => {
    const svg = `<?xml version="1.0" encoding="UTF-8"?>
<!-- drawn by hand -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [ <!ENTITY ns "x"> ]>
<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" onload="document.title='pwned'"><script>1</script></svg>`;
    expect(sniff(bytes(svg))).toEqual({ kind: 'image', format: 'svg' });
    expect(sniff(new TextEncoder().encode('\ufeff  <svg:svg xmlns:svg="http://www.w3.org/2000/svg"/>'), 10_000)).toEqual({ kind: 'image', format: 'svg' });
  });

  it('reads UTF-16 SVG', () => {
    const text = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="20"/>';
    const utf16 = bytes([0xff, 0xfe], Array.from(text).flatMap((c) => le16(c.charCodeAt(0))));
    expect(sniff(utf16)).toEqual({ kind: 'image', format: 'svg' });
  });

  it('does not take HTML or other XML for SVG', () => {
    expect(sniff(bytes('<!DOCTYPE html><html><body><svg></svg></body></html>'))).toEqual({ kind: 'unknown' });
    expect(sniff(bytes('<?xml version="1.0"?><svgx/>'))).toEqual({ kind: 'unknown' });
    expect(sniff(bytes('<?xml version="1.0"'))).toEqual({ kind: 'unknown' });
  });
});

describe('audio', () => {
  it('times a WAV from its header, whatever its layout', () => {
    const file = wav({ channels: 2, sampleRate: 44_100, bits: 16, dataBytes: 44_100 * 4 * 3 });
    expect(sniff(file.subarray(0, 1024), file.length)).toEqual({ kind: 'audio', format: 'wav', durationSeconds: 3 });
    expect(sniff(wav({ formatCode: 3, bits: 32, sampleRate: 8000, dataBytes: 32_000 }))).toEqual({ kind: 'audio', format: 'wav', durationSeconds: 1 });
  });

  it('takes a two-hour WAV header at its word, even when the file is shorter', () => {
    const twoHours = 2 * 3600 * 16_000 * 2;
    expect(sniff(wav({ dataBytes: twoHours, carried: 3200 }))).toEqual({ kind: 'audio', format: 'wav', durationSeconds: 7200 });
  });

  it('steps over odd-sized chunks before fmt, and times a streamed WAV from the file size', () => {
    const list = bytes('LIST', le32(5), 'INFOx', [0]); // odd size: one pad byte
    const file = wav({ dataBytes: 0xffffffff, carried: 0, before: list });
    expect(sniff(file, file.length + 32_000)).toEqual({ kind: 'audio', format: 'wav', durationSeconds: 1 });
  });

  it('calls a WAV with zero channels corrupt', () => {
    expect(sniff(wav({ channels: 0, dataBytes: 4 }))).toMatchObject({ kind: 'corrupt', format: 'wav', reason: 'malformed' });
  });

  it('reads an MP3 after an ID3 tag and estimates its duration from the bitrate', () => {
    const frames = Array.from({ length: 4 }, () => mp3Frame());
    const size = 210 + 16_000 * 60; // one minute at 128 kb/s
    expect(sniff(bytes(id3(200), ...frames), size)).toEqual({ kind: 'audio', format: 'mp3', durationSeconds: 60 });
  });

  it('takes an MP3 duration from the Xing frame count when present', () => {
    const xing = mp3Frame(bytes(zeros(32), 'Xing', be32(1), be32(1000)));
    expect(sniff(bytes(xing, mp3Frame(), mp3Frame()), 5_000_000)).toEqual({ kind: 'audio', format: 'mp3', durationSeconds: (1000 * 1152) / 44_100 });
  });

  it('sniffs a text file named .mp3 as unknown', () => {
    const text = new TextEncoder().encode('This is not music. It is a shopping list: eggs, milk, bread.\n');
    expect(sniff(text)).toEqual({ kind: 'unknown' });
  });

  it('needs the next MPEG frame to agree before calling bytes MP3', () => {
    expect(sniff(bytes(mp3Frame(), [0x00, 0x11, 0x22, 0x33]))).toEqual({ kind: 'unknown' });
  });

  it('times FLAC from STREAMINFO', () => {
    const flac = bytes('fLaC', [0x80, 0, 0, 34], flacStreamInfo(44_100, 2, 16, 441_000));
    expect(sniff(flac, 1_000_000)).toEqual({ kind: 'audio', format: 'flac', durationSeconds: 10 });
  });

  it('calls Ogg with a sound codec audio, and Ogg Theora a video container', () => {
    const opus = bytes(oggPage(2, 0, 77, 0, opusHead(1, 312)), oggPage(0, 0, 77, 1, bytes('OpusTags', zeros(8))));
    expect(sniff(opus, 100_000)).toEqual({ kind: 'audio', format: 'ogg' });
    const vorbis = oggPage(2, 0, 5, 0, bytes([1], 'vorbis', le32(0), [2], le32(22_050), zeros(13)));
    expect(sniff(vorbis, 100_000)).toEqual({ kind: 'audio', format: 'ogg' });
    expect(sniff(oggPage(2, 0, 5, 0, bytes([0x80], 'theora', zeros(40))))).toEqual({ kind: 'container', format: 'ogg', tracks: ['video'] });
  });

  it('recognises ADTS AAC (its length is left to the browser)', () => {
    expect(sniff(bytes(...Array.from({ length: 10 }, () => adtsFrame(400))))).toEqual({ kind: 'audio', format: 'aac' });
  });
});

describe('containers', () => {
  it('reads a MediaRecorder-style WebM: its tracks tell sound from video, and its duration when written', () => {
    expect(sniff(webm('webm', [[2, 'A_OPUS']]), 1_000_000)).toEqual({ kind: 'container', format: 'webm', tracks: ['audio'] });
    expect(sniff(webm('webm', [[1, 'V_VP8'], [2, 'A_OPUS']], 2500))).toEqual({ kind: 'container', format: 'webm', tracks: ['video', 'audio'], durationSeconds: 2.5 });
    expect(sniff(webm('matroska', []))).toMatchObject({ kind: 'container', format: 'matroska' });
    expect(sniff(webm('notwebm', []))).toEqual({ kind: 'unknown' });
  });

  it('reads tracks and duration from an MP4 whose moov comes first, and nothing from one whose moov is out of sight', () => {
    const m4a = bytes(ftyp('M4A ', 'M4A ', 'isom'), mp4Moov(5, 'soun', 'mp4a'), box('mdat', zeros(16)));
    expect(sniff(m4a)).toEqual({ kind: 'container', format: 'mp4', durationSeconds: 5, tracks: ['audio'] });
    const mp4 = bytes(ftyp('isom', 'isom', 'mp41'), mp4Moov(700, 'vide', 'avc1'));
    expect(sniff(mp4)).toEqual({ kind: 'container', format: 'mp4', durationSeconds: 700, tracks: ['video'] });
    expect(sniff(bytes(ftyp('qt  ', 'qt  '), box('mdat', zeros(64))), 10_000_000)).toEqual({ kind: 'container', format: 'mov' });
  });
});

describe('not media', () => {
  it.each([
    ['empty', new Uint8Array()],
    ['zeros', new Uint8Array(100)],
    ['PDF', bytes('%PDF-1.7\n%âãÏÓ\n')],
    ['ZIP', bytes('PK', [3, 4], zeros(30))],
    ['RIFF AVI', bytes('RIFF', le32(100), 'AVI LIST', zeros(20))],
    ['text starting "ID3"', bytes('ID3 tags hold song titles and cover art.\n')],
    ['short text starting "BM"', bytes('BM?\n')],
  ])('%s is unknown', (_, input) => {
    expect(sniff(input)).toEqual({ kind: 'unknown' });
  });
});

describe('robustness', () => {
  function mulberry32(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  const samples: Uint8Array[] = [
    pngHeader(30_000, 30_000),
    jpeg(640, 480),
    bytes('GIF89a', le16(320), le16(200), [0xf7, 0, 0]),
    bytes('RIFF', le32(30), 'WEBP', 'VP8X', le32(10), [0x12, 0, 0, 0], [0xff, 0x0f, 0x00], [0x3f, 0x00, 0x00]),
    bytes('RIFF', le32(30), 'WEBP', 'VP8 ', le32(20), [0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a], le16(300), le16(150)),
    bytes('BM', le32(66), zeros(4), le32(54), le32(40), le32(2), le32(2), le16(1), le16(24), zeros(24)),
    bytes('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "b">]><svg width="3" onload="x"><script>1</script><a href="javascript:1"/></svg>'),
    wav({ dataBytes: 7200 * 32_000, carried: 64 }),
    wav({ dataBytes: 0xffffffff, carried: 16, before: bytes('LIST', le32(3), 'abc', [0]) }),
    bytes(id3(50), mp3Frame(bytes(zeros(32), 'Xing', be32(1), be32(99))), mp3Frame()),
    bytes('fLaC', [0x80, 0, 0, 34], flacStreamInfo(48_000, 1, 24, 96_000)),
    bytes(oggPage(2, 0, 1, 0, opusHead(2, 312)), oggPage(4, 96_312, 1, 1, new Uint8Array(40))),
    oggPage(2, 0, 5, 0, bytes([0x7f], 'FLAC', [1, 0, 0, 1], 'fLaC', [0x80, 0, 0, 34], flacStreamInfo(44_100, 2, 16, 44_100))),
    webm('webm', [[1, 'V_VP8'], [2, 'A_OPUS']], 1234),
    bytes(ftyp('isom', 'isom', 'mp41'), mp4Moov(2, 'vide', 'avc1'), box('mdat', zeros(8))),
    bytes(...Array.from({ length: 3 }, () => adtsFrame(100))),
  ];

  const KINDS = new Set(['image', 'audio', 'container', 'unknown', 'corrupt']);

  /** Every number a result carries is finite and non-negative, and sizes are whole numbers. */
  function expectWellFormed(result: SniffResult) {
    expect(KINDS.has(result.kind)).toBe(true);
    for (const [key, value] of Object.entries(result)) {
      if (typeof value === 'number') {
        expect(Number.isFinite(value), key).toBe(true);
        expect(value, key).toBeGreaterThanOrEqual(0);
      }
    }
    if (result.kind === 'image') {
      for (const n of [result.width, result.height]) if (n !== undefined) expect(Number.isInteger(n) && n > 0).toBe(true);
    }
  }

  it('recognises each sample (the fuzz below mutates these)', () => {
    for (const sample of samples) expect(['image', 'audio', 'container']).toContain(sniff(sample).kind);
  });

  it('survives every truncation of every sample, as a whole file and as a prefix', () => {
    for (const sample of samples) {
      for (let n = 0; n <= sample.length; n++) {
        expectWellFormed(sniff(sample.subarray(0, n)));
        expectWellFormed(sniff(sample.subarray(0, n), sample.length + 1000));
      }
    }
  });

  it('survives random byte mutations of every sample', () => {
    const random = mulberry32(1234);
    for (const sample of samples) {
      for (let round = 0; round < 400; round++) {
        const mutated = sample.slice();
        const flips = 1 + Math.floor(random() * 6);
        for (let k = 0; k < flips; k++) mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256);
        expectWellFormed(sniff(mutated, random() < 0.5 ? mutated.length : mutated.length * 3));
      }
    }
  });

  it('survives random bytes, with and without a real magic number in front', () => {
    const random = mulberry32(42);
    const magics = samples.map((s) => s.subarray(0, 12));
    for (let round = 0; round < 3000; round++) {
      const noise = Uint8Array.from({ length: Math.floor(random() * 300) }, () => Math.floor(random() * 256));
      const magic = magics[round % magics.length] ?? new Uint8Array();
      const input = round % 3 === 0 ? noise : bytes(magic.subarray(0, Math.floor(random() * (magic.length + 1))), noise);
      expectWellFormed(sniff(input, random() < 0.5 ? input.length : Math.floor(random() * 1e9)));
    }
  });

  it('accepts nonsense sizes', () => {
    const png = pngHeader(1, 1);
    for (const size of [Number.NaN, -1, 0, Infinity, 3.5]) expectWellFormed(sniff(png, size));
  });

  it('stays linear on pathological input', () => {
    const mib = 1024 * 1024;
    const inputs = [
      bytes([0xff, 0xd8], new Uint8Array(mib).fill(0xff)), // endless JPEG fill bytes
      bytes('<svg ', '<'.repeat(mib)),
      bytes('<svg ', 'a="'.repeat(mib / 3)),
      bytes('<!--', '-'.repeat(mib)),
      bytes('RIFF', le32(0), 'WAVE', new Uint8Array(mib)), // zero-sized chunks all the way
      bytes(id3(100), new Uint8Array(mib).fill(0xff)),
      bytes([0x1a, 0x45, 0xdf, 0xa3, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], new Uint8Array(mib).fill(0x81)),
      bytes('OggS', new Uint8Array(mib).fill(0x4f)),
    ];
    const started = performance.now();
    for (const input of inputs) expectWellFormed(sniff(input));
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
