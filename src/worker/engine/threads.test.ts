import { describe, expect, it } from 'vitest';
import { MAX_WASM_THREADS, wasmThreads } from './threads';

describe('wasmThreads', () => {
  it('uses every core of an isolated page, up to the cap', () => {
    expect(wasmThreads(true, 2)).toBe(2);
    expect(wasmThreads(true, 6)).toBe(6);
    expect(wasmThreads(true, MAX_WASM_THREADS)).toBe(MAX_WASM_THREADS);
    expect(wasmThreads(true, 64)).toBe(MAX_WASM_THREADS);
  });

  it('uses one thread without isolation, whatever the core count', () => {
    expect(wasmThreads(false, 16)).toBe(1);
  });

  it('uses one thread when the browser hides or garbles the core count', () => {
    for (const cores of [undefined, 0, -3, Number.NaN, Number.POSITIVE_INFINITY]) expect(wasmThreads(true, cores)).toBe(1);
    expect(wasmThreads(true, 1)).toBe(1);
  });

  it('leaves spare cores to the page, never going below one thread', () => {
    expect(wasmThreads(true, 2, 1)).toBe(1);
    expect(wasmThreads(true, 8, 1)).toBe(7);
    expect(wasmThreads(true, 64, 1)).toBe(MAX_WASM_THREADS);
    expect(wasmThreads(true, 1, 1)).toBe(1);
    expect(wasmThreads(false, 16, 1)).toBe(1);
  });
});
