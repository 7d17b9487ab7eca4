import { describe, expect, it } from 'vitest';
import { missingEssentials, unsupportedMessage } from './browser-support';

describe('missingEssentials', () => {
  it('finds nothing missing when every essential is there', () => {
    const scope = { ...globalThis, WebAssembly, Worker: function Worker() {}, indexedDB: { open: () => null }, structuredClone, BigInt64Array } as unknown as typeof globalThis;
    expect(missingEssentials(scope)).toEqual([]);
  });

  it('names each missing essential, and a getter that throws (a private window refusing IndexedDB) counts as missing', () => {
    const scope = {
      WebAssembly,
      structuredClone,
      BigInt64Array,
      get indexedDB(): never {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    } as unknown as typeof globalThis;
    expect(missingEssentials(scope)).toEqual(['Web Workers', 'IndexedDB']);
    expect(unsupportedMessage(['Web Workers', 'IndexedDB'])).toBe(
      'This browser cannot run Sensa: it lacks Web Workers, IndexedDB. Sensa works in current Chrome, Edge and Firefox, and in Safari 26 (see docs/browsers.md).',
    );
  });
});
