import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unchainFailures } from './onnx-chain-fix';

// The file Vite bundles for the browser (the package's exports hide dist/ from require.resolve).
const webBuild = readFileSync(new URL('../node_modules/@huggingface/transformers/dist/transformers.web.js', import.meta.url), 'utf8');

/** The installed library's `runInferenceSession` with its queue, as the browser build declares it, run with fake sessions. */
function inferenceQueue(code: string): (session: { run(feed: unknown): Promise<unknown> }) => Promise<unknown> {
  const start = code.indexOf('var webInferenceChain');
  const end = code.indexOf('\n}\n', code.indexOf('function runInferenceSession', start)) + 3;
  const source = code.slice(start, end);
  expect(source).toContain('runInferenceSession');
  // The library's own lines, read from node_modules, evaluated as the browser would run them.
  return new Function('apis', `${source}; return (session) => runInferenceSession(session, {});`)({ IS_WEB_ENV: true });
}

const failing = { run: () => Promise.reject(new Error('ERROR_CODE: 1, bad input')) };
const working = { run: () => Promise.resolve('logits') };

describe('the ONNX queue fix', () => {
  it('reproduces the failure in the installed library: after one failed run, every run fails with its error', async () => {
    const run = inferenceQueue(webBuild);
    await expect(run(failing)).rejects.toThrow('bad input');
    await expect(run(working)).rejects.toThrow('bad input');
  });

  it('after the fix, the failed run still fails for its caller and the next run works', async () => {
    const run = inferenceQueue(unchainFailures(webBuild));
    await expect(run(failing)).rejects.toThrow('bad input');
    await expect(run(working)).resolves.toBe('logits');
  });

  it('changes both queues of the installed browser build, and refuses a queue of another shape', () => {
    const fixed = unchainFailures(webBuild);
    expect(fixed).toContain('webInitChain = webInitChain.catch(() => {}).then(load)');
    expect(fixed).toContain('webInferenceChain = webInferenceChain.catch(() => {}).then(run)');
    expect(() => unchainFailures('let webInitChain = Promise.resolve(); webInitChain = webInitChain.finally(load);')).toThrow(/another shape|check the upgrade/);
    expect(unchainFailures('const unrelated = 1;')).toBe('const unrelated = 1;');
  });
});
