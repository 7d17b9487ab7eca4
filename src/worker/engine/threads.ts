// How many threads ONNX Runtime's WASM backend gets. Set once per worker, before its first session.

/**
 * The cap. Decoding a small model is a chain of small matrix-vector products: past about 8 threads each one spends
 * more time waking and joining the pool than computing, and every thread is another worker with its own stack.
 * ONNX Runtime's own default is half the cores and at most 4, which leaves most of a desktop CPU idle.
 */
export const MAX_WASM_THREADS = 8;

/**
 * One thread per logical core, up to the cap; one thread when the page is not cross-origin isolated (ONNX Runtime
 * needs SharedArrayBuffer for more), or the browser does not say how many cores it has. `spareCores` are left out
 * (never below one thread): a worker that runs for minutes while the page stays in use leaves the page a core.
 */
export function wasmThreads(crossOriginIsolated: boolean, hardwareConcurrency: number | undefined, spareCores = 0): number {
  if (!crossOriginIsolated || !hardwareConcurrency || !Number.isFinite(hardwareConcurrency)) return 1;
  return Math.max(1, Math.min(MAX_WASM_THREADS, Math.floor(hardwareConcurrency) - spareCores));
}
