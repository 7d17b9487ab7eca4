// `npm test` after both builds: proves the production build (dist/) holds no test hook or fault injection, and that
// the test build (dist-e2e/) does, so the check cannot pass by looking for words that were never there.
//
// Usage: tsx scripts/check-production-bundle.ts [--dist dist] [--test-dist dist-e2e]
// Reads every file of both folders (the app's and the workers' JS, their source maps, sw.js, index.html, assets).
// Prints what it checked; exits 1 when dist/ holds a marker, dist-e2e/ lacks one, or a folder is missing.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Words only test-build code contains, each one no library uses: the page hook's query flag and global, the fault
 * names, and the worker's fault request kind (src/worker/fault-protocol.ts; a plain "debug" would match ONNX
 * Runtime's log level, so the kind is named to be found).
 */
export const TEST_ONLY_MARKERS = ['test-hooks', 'sensaTest', 'failNextLoad', 'fail-next-load', 'lose-device', 'inject-fault'] as const;

/** The markers that occur in `text`, in the order of `markers`. */
export function findMarkers(text: string, markers: readonly string[] = TEST_ONLY_MARKERS): string[] {
  return markers.filter((marker) => text.includes(marker));
}

/** Every file under `dir`, recursively, as paths relative to it. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** For each file of `dir`, the markers it holds (files with none are left out). Bytes are read as Latin-1: a marker is ASCII, so a byte-exact search. */
export function scanBuild(dir: string, markers: readonly string[] = TEST_ONLY_MARKERS): { files: string[]; finds: Map<string, string[]> } {
  const files = listFiles(dir);
  const finds = new Map<string, string[]>();
  for (const file of files) {
    const found = findMarkers(readFileSync(join(dir, file), 'latin1'), markers);
    if (found.length > 0) finds.set(file, found);
  }
  return { files, finds };
}

function describeFiles(files: string[]): string {
  const count = (test: (f: string) => boolean) => files.filter(test).length;
  return `${files.length} files (${count((f) => f.endsWith('.js'))} .js, ${count((f) => f.endsWith('.map'))} .map, ${count((f) => f.endsWith('.html'))} .html, ${count((f) => f.endsWith('.wasm') || f.endsWith('.mjs'))} .wasm/.mjs, sw.js ${files.includes('sw.js') ? 'included' : 'MISSING'})`;
}

export function main(argv: readonly string[], print: (line: string) => void = console.log): number {
  const option = (name: string, fallback: string) => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
  };
  const dist = option('--dist', 'dist');
  const testDist = option('--test-dist', 'dist-e2e');
  let failed = false;

  print(`Markers of test-only code: ${TEST_ONLY_MARKERS.join(', ')}`);
  if (!existsSync(dist)) {
    print(`FAIL ${dist}/ is missing: run \`npm run build\` first.`);
    failed = true;
  } else {
    const { files, finds } = scanBuild(dist);
    print(`${dist}/ (production): read ${describeFiles(files)}`);
    if (files.length === 0 || !files.includes('index.html')) {
      print(`FAIL ${dist}/ has no index.html: not a build.`);
      failed = true;
    }
    for (const [file, found] of finds) print(`FAIL ${dist}/${file} holds ${found.join(', ')}`);
    if (finds.size > 0) failed = true;
    else print(`ok   ${dist}/ holds none of them`);
  }

  if (!existsSync(testDist)) {
    print(`FAIL ${testDist}/ is missing: run \`npm run build:e2e\` first (without it this check would prove nothing).`);
    failed = true;
  } else {
    const { files, finds } = scanBuild(testDist);
    print(`${testDist}/ (test build): read ${describeFiles(files)}`);
    for (const marker of TEST_ONLY_MARKERS) {
      const where = [...finds].filter(([, found]) => found.includes(marker)).map(([file]) => file);
      if (where.length === 0) {
        print(`FAIL ${testDist}/ lacks ${marker}: the check looks for a word the test build no longer uses; update TEST_ONLY_MARKERS.`);
        failed = true;
      } else {
        print(`ok   ${marker} in ${where.filter((f) => !f.endsWith('.map')).join(', ') || where.join(', ')}`);
      }
    }
  }
  print(failed ? 'Production bundle check FAILED.' : 'Production bundle check passed: no test hook ships in dist/.');
  return failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
