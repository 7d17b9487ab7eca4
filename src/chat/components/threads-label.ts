// The CPU thread count on the model's ready line (WASM loads only).

/** "4 threads"; one thread on a page that is not cross-origin isolated says why, since every other core sits idle. */
export function threadsLabel(threads: number, isolated: boolean = self.crossOriginIsolated): string {
  if (threads !== 1) return `${threads} threads`;
  return isolated ? '1 thread' : '1 thread (this page is not cross-origin isolated)';
}
