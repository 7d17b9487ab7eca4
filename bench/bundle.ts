// Gzip sizes of what the browser runs: the app shell (entry chunks named by index.html) and the model worker bundle.

import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BundleSizes {
  shell: BundleFile[];
  worker: BundleFile[];
  shellGzip: number;
  workerGzip: number;
}

function measure(dist: string, path: string): BundleFile {
  const body = readFileSync(join(dist, path));
  return { file: path, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
}

/**
 * Shell: every script and modulepreload in index.html (what a visit loads before any model), JS only.
 * Worker: every `new Worker(new URL('/assets/x.js'))` target in those chunks. ONNX Runtime's .wasm/.mjs are left out.
 */
export function bundleSizes(dist: string): BundleSizes {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = [...html.matchAll(/<script[^>]+src="\/?([^"]+\.js)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/?([^"]+\.js)"/g)]
    .map((m) => m[1] ?? '')
    .filter(Boolean);
  const shell = [...new Set(entry)].map((path) => measure(dist, path));
  const assets = new Set(readdirSync(join(dist, 'assets')));
  const workers = new Set<string>();
  for (const chunk of shell) {
    const text = readFileSync(join(dist, chunk.file), 'utf8');
    for (const m of text.matchAll(/new Worker\(\s*new URL\(\s*["'`]([^"'`]+)["'`]/g)) {
      const name = basename(m[1] ?? '');
      if (assets.has(name) && name.endsWith('.js')) workers.add(`assets/${name}`);
    }
  }
  const worker = [...workers].map((path) => measure(dist, path));
  const sum = (files: BundleFile[]) => files.reduce((a, f) => a + f.gzipBytes, 0);
  return { shell, worker, shellGzip: sum(shell), workerGzip: sum(worker) };
}
