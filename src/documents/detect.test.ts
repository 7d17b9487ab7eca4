import { describe, expect, it } from 'vitest';
import { classifyDocument, decodeText } from './detect';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('classifyDocument', () => {
  it('finds a PDF by its header, whatever its name, and text by its name', () => {
    expect(classifyDocument({ name: 'scan', size: 10 }, bytes('%PDF-1.7\n'))).toEqual({ kind: 'pdf' });
    expect(classifyDocument({ name: 'x.pdf', size: 10 }, bytes('junk\n%PDF-1.4'))).toEqual({ kind: 'pdf' });
    expect(classifyDocument({ name: 'notes.md', size: 5 }, bytes('# Hi'))).toEqual({ kind: 'text', format: 'markdown' });
    expect(classifyDocument({ name: 'main.rs', size: 5 }, bytes('fn x'))).toEqual({ kind: 'text', format: 'code' });
    expect(classifyDocument({ name: 'Dockerfile', size: 5 }, bytes('FROM'))).toEqual({ kind: 'text', format: 'code' });
  });

  it('leaves pictures and sounds to the media path', () => {
    expect(classifyDocument({ name: 'a.png', size: 10 }, new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
  });

  it('refuses a ZIP renamed .pdf, a fake PDF, an empty file and an oversized one', () => {
    expect(() => classifyDocument({ name: 'r.pdf', size: 10 }, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]))).toThrow(/ZIP archive/);
    expect(() => classifyDocument({ name: 'r.pdf', size: 10 }, bytes('hello'))).toThrow(/not one/);
    expect(() => classifyDocument({ name: 'e.txt', size: 0 }, bytes(''))).toThrow(/empty/);
    expect(() => classifyDocument({ name: 'big.pdf', size: 201_000_000 }, bytes('%PDF-1.7'))).toThrow(/201 MB.*200 MB/);
  });
});

describe('decodeText', () => {
  it('reads UTF-8 and UTF-16 with a byte-order mark', () => {
    expect(decodeText('a.txt', bytes('café'))).toBe('café');
    expect(decodeText('a.txt', new Uint8Array([0xff, 0xfe, 0x68, 0, 0x69, 0]))).toBe('hi');
    expect(decodeText('a.txt', new Uint8Array([0xef, 0xbb, 0xbf, 0x68]))).toBe('h');
  });

  it('refuses a text in an encoding it cannot tell, and a binary file', () => {
    // "café" in Windows-1252: 0xE9 alone is not UTF-8.
    expect(() => decodeText('old.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9]))).toThrow(/not UTF-8 text/);
    expect(() => decodeText('bin.txt', new Uint8Array([0x63, 0, 0x66]))).toThrow(/binary/);
  });
});
