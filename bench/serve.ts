// Builds the app and the bare baseline page into bench/.app-dist and serves them on 127.0.0.1:4180 (SENSA_BENCH_PORT
// to change it: two benches on one machine).
// The app's paths get the same headers as `vite preview` (Content-Security-Policy etc., read from vite.config.ts);
// /bare/ gets only the cross-origin isolation pair (COOP/COEP), so that ONNX Runtime may use threads there as in the
// app; the app's other policies (CSP etc.) are not transformers.js as its docs use it.
// /__models/<name>/hub/<org>/<repo>/<file> serves the generated models' big files (see hub.ts: the fake Hub redirects there).

import { createServer, type Server } from 'node:http';
import { join, resolve } from 'node:path';
import { build, loadConfigFromFile } from 'vite';
import { sendStaticFile } from '../e2e/fixtures/static-host';
import { BENCH_DIR } from './make-model';

export const REPO_ROOT = resolve(BENCH_DIR, '..');
export const APP_DIST = join(BENCH_DIR, '.app-dist');
export const PORT = Number(process.env.SENSA_BENCH_PORT ?? 4180);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

/** Same as `npx vite build --outDir bench/.app-dist --emptyOutDir`, then the bare page into bench/.app-dist/bare. */
export async function buildPages(): Promise<void> {
  await build({ root: REPO_ROOT, logLevel: 'warn', build: { outDir: APP_DIST, emptyOutDir: true } });
  await build({
    configFile: false,
    root: join(BENCH_DIR, 'bare'),
    base: '/bare/',
    logLevel: 'warn',
    worker: { format: 'es' },
    build: { outDir: join(APP_DIST, 'bare'), emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 5000 },
  });
}

export const MODEL_FILES_PATH = '/__models/';
const MODELS_DIR = join(BENCH_DIR, '.models');

export async function serve(): Promise<Server> {
  const loaded = await loadConfigFromFile({ command: 'serve', mode: 'production', isPreview: true }, join(REPO_ROOT, 'vite.config.ts'));
  const appHeaders: Record<string, string> = {};
  for (const [k, v] of Object.entries(loaded?.config.preview?.headers ?? {})) if (v !== undefined) appHeaders[k] = String(v);
  const bareHeaders = Object.fromEntries(Object.entries(appHeaders).filter(([k]) => /^cross-origin-(opener|embedder)-policy$/i.test(k)));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', BASE_URL);
    const fromHub = url.pathname.startsWith(MODEL_FILES_PATH);
    const root = fromHub ? MODELS_DIR : APP_DIST;
    const path = decodeURIComponent(fromHub ? url.pathname.slice(MODEL_FILES_PATH.length) : url.pathname);
    sendStaticFile(root, path, req, res, {
      'cache-control': 'no-cache',
      // Reached through a cross-origin redirect from huggingface.co, so the request's origin is "null".
      ...(fromHub ? { 'access-control-allow-origin': '*' } : url.pathname.startsWith('/bare/') ? bareHeaders : appHeaders),
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(PORT, '127.0.0.1', () => ok());
  });
  return server;
}
