// The production-bundle check: what it counts as test-only code, and that it fails both ways (a leak, or a vacuous pass).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_ONLY_MARKERS, findMarkers, main } from './check-production-bundle';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fake build folder: index.html, sw.js and the given files under assets/. */
function build(assets: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sensa-bundle-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="/assets/index.js"></script>');
  writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch",()=>{})');
  for (const [name, text] of Object.entries(assets)) writeFileSync(join(dir, 'assets', name), text);
  return dir;
}

const TEST_CHUNK = 'new URLSearchParams(location.search).has("test-hooks")&&(window.sensaTest={failNextLoad:m=>r.call("inject-fault",{action:"fail-next-load",message:m}),loseGpuDevice:()=>r.call("inject-fault",{action:"lose-device"})})';

describe('findMarkers', () => {
  it('finds each test-only word in minified code', () => {
    expect(findMarkers(TEST_CHUNK)).toEqual([...TEST_ONLY_MARKERS]);
    expect(findMarkers('a.call("inject-fault",p)')).toEqual(['inject-fault']);
  });

  it('does not mistake library words for test hooks: ONNX Runtime\'s debug log level, a test file name, "device lost"', () => {
    const library = 'const L={verbose:0,info:1,warning:2,error:3,fatal:4};ort.env.logLevel="debug";console.debug("x");if(e==="debug")t();' +
      'device.lost.then(i=>i.reason);const s="hooks";/* test */const hooks=[];';
    expect(findMarkers(library)).toEqual([]);
  });
});

describe('main', () => {
  const run = (dist: string, testDist: string) => {
    const lines: string[] = [];
    const code = main(['--dist', dist, '--test-dist', testDist], (line) => lines.push(line));
    return { code, output: lines.join('\n') };
  };

  it('passes when production holds no marker and the test build holds every one', () => {
    const { code, output } = run(build({ 'index.js': 'console.log(1)' }), build({ 'index.js': 'x', 'test-api.js': TEST_CHUNK }));
    expect(output).toContain('holds none of them');
    expect(code).toBe(0);
  });

  it('fails on a marker anywhere in production, source maps included, and names the file', () => {
    const { code, output } = run(build({ 'index.js': 'x', 'entry.js.map': '{"sourcesContent":["case \'lose-device\':"]}' }), build({ 't.js': TEST_CHUNK }));
    expect(output).toMatch(/FAIL .*entry\.js\.map holds lose-device/);
    expect(code).toBe(1);
  });

  it('fails when the test build lacks a marker, so the check cannot pass vacuously', () => {
    const { code, output } = run(build({ 'index.js': 'x' }), build({ 't.js': TEST_CHUNK.replaceAll('sensaTest', 'hooks') }));
    expect(output).toMatch(/FAIL .* lacks sensaTest/);
    expect(code).toBe(1);
  });

  it('fails, saying which build to run, when a folder is missing', () => {
    const missing = join(tmpdir(), 'sensa-no-such-build');
    expect(run(missing, build({ 't.js': TEST_CHUNK })).output).toContain('run `npm run build` first');
    expect(run(build({ 'index.js': 'x' }), missing).output).toContain('run `npm run build:e2e` first');
    expect(run(missing, missing).code).toBe(1);
  });
});
