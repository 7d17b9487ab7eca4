// One-at-a-time work: ONNX Runtime sessions are not re-entrant (two runs at once on one WASM session corrupt its
// memory), and the VAD's model carries state from one audio frame to the next.

/** Returns a function that runs each piece of work after the previous one settled, whatever its outcome. */
export function createSerialQueue(): <T>(work: () => Promise<T>) => Promise<T> {
  let chain: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = chain.then(work);
    chain = run.catch(() => undefined);
    return run;
  };
}
