// Vite: the React app, a module worker for the model, and the headers the preview server must send.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readSandboxPage } from './scripts/sandbox-page';
import { onnxChainFix } from './scripts/onnx-chain-fix';

/** Pyodide's emitted files; src/pwa/service-worker.ts caches them on first use under the same pattern. */
const PYTHON_FILE = /^assets\/(pyodide|python_stdlib)[-.]/;

/**
 * Cross-origin isolation, so ONNX Runtime's WASM backend may use SharedArrayBuffer and run on every core (see
 * docs/speed.md). require-corp rather than credentialless: Safari supports only require-corp, and the app embeds
 * nothing cross-origin without CORS (the CSP allows only 'self' for scripts, styles, fonts, images and frames;
 * Hub downloads are CORS fetches, which COEP does not block). src/pwa/service-worker.ts adds the same two headers
 * where a static host sends none.
 */
const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } as const;

/**
 * Writes the precache list and a version into the built service worker: every emitted file (the
 * shell, the model worker, ONNX Runtime's .wasm/.mjs, fonts) and everything in public/, but no source maps.
 * The version changes whenever any of those bytes change, so a new build is a new service worker. The isolation
 * headers go in too, so the service worker sends exactly what the preview server sends.
 */
function sensaServiceWorker(): Plugin {
  return {
    name: 'sensa-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const sw = bundle['sw.js'];
      if (!sw || sw.type !== 'chunk') throw new Error('sensa-service-worker: sw.js was not built');
      const hash = createHash('sha256');
      const files: string[] = [];
      for (const [name, item] of Object.entries(bundle)) {
        // KaTeX ships .ttf and .woff fallbacks for old browsers; every browser with WebGPU reads .woff2.
        if (name === 'sw.js' || name.endsWith('.map') || /\.(ttf|woff)$/.test(name)) continue;
        // Python (about 13 MB) is for those who run code: the service worker keeps it on first use instead.
        if (PYTHON_FILE.test(name)) continue;
        files.push(`/${name}`);
        hash.update(name);
        if (name === 'index.html' && item.type === 'asset') hash.update(item.source);
      }
      for (const name of readdirSync(resolve('public'))) {
        files.push(`/${name}`);
        hash.update(name).update(readFileSync(resolve('public', name)));
      }
      // index.html is emitted after this hook runs; its content is fixed by the hashed names above.
      if (!files.includes('/index.html')) files.push('/index.html');
      files.sort();
      sw.code = sw.code
        .replace('__SENSA_PRECACHE__', JSON.stringify(files))
        .replace('__SENSA_VERSION__', JSON.stringify(hash.digest('hex').slice(0, 16)))
        .replace('__SENSA_ISOLATION__', JSON.stringify(ISOLATION_HEADERS));
    },
  };
}

// What every file but the page gets, workers included: they never talk to the person's servers, so their
// connect-src stays the static one. frame-ancestors only works as a header.
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self' blob: data: https://huggingface.co https://*.huggingface.co https://*.hf.co",
  "img-src 'self' blob: data:",
  // Previews of audio and video attachments play from blob: URLs of the person's own files.
  "media-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The page's own header: connect-src as wide as index.html's meta, because src/app/connect-policy.ts adds the policy
 * that decides it at boot (the app, the model hosts, the servers the person added): a request must pass every policy,
 * so a static list here would shut those servers out (docs/remote.md). Everything else, default-src included, is as strict.
 */
const PAGE_CSP = CSP.replace(/connect-src [^;]*;/, "connect-src 'self' blob: data: http: https:;");

/** Serves PAGE_CSP for the page itself (the app is one page: any path without a file extension, and index.html). */
function pagePolicy(): Plugin {
  return {
    name: 'sensa-page-policy',
    configurePreviewServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = request.url?.split('?')[0] ?? '/';
        if (path === '/index.html' || !/\.[a-z0-9]+$/i.test(path)) {
          const setHeader = response.setHeader.bind(response);
          response.setHeader = (name, value) => setHeader(name, name.toLowerCase() === 'content-security-policy' ? PAGE_CSP : value);
          setHeader('Content-Security-Policy', PAGE_CSP);
        }
        next();
      });
    },
  };
}

/**
 * The code sandbox (public/sandbox.html) gets its own policy: an opaque origin, no network, its one inline script by
 * hash, and framing by the app only. The build fails if the page's script no longer matches the hash its policy names.
 */
function sandboxPolicy(): Plugin {
  const page = readSandboxPage(resolve('public/sandbox.html'));
  if (!page.policy.includes(`'${page.scriptHash}'`)) {
    throw new Error(`public/sandbox.html: its policy must name '${page.scriptHash}' (run npx tsx scripts/sandbox-hash.ts)`);
  }
  // `sandbox allow-scripts` gives the page an opaque origin (a meta tag can't carry it); src/pwa/service-worker.ts adds
  // it too when it serves the page offline.
  const header = `${page.policy}; frame-ancestors 'self'; sandbox allow-scripts`;
  return {
    name: 'sensa-sandbox-policy',
    configurePreviewServer(server) {
      server.middlewares.use((request, response, next) => {
        if (request.url?.split('?')[0] === '/sandbox.html') {
          const setHeader = response.setHeader.bind(response);
          response.setHeader = (name, value) => setHeader(name, name.toLowerCase() === 'content-security-policy' ? header : value);
          setHeader('Content-Security-Policy', header);
        }
        next();
      });
    },
  };
}

/**
 * Every module the page loads before its first paint, found once the module graph is known: the static imports
 * reachable from index.html. Rolldown would otherwise cut the modules a lazily loaded panel shares with the shell into
 * many small preloaded chunks, which gzip worse than one (docs/i18n.md measured +2 KB for one lazy panel). The
 * service worker's own graph is left out, so it never loads the shell.
 */
function shellModules(): Plugin & { has(id: string): boolean } {
  const shell = new Set<string>();
  return {
    name: 'sensa-shell-modules',
    apply: 'build',
    has: (id: string) => shell.has(id),
    buildEnd() {
      const reach = (start: string[]) => {
        const seen = new Set<string>();
        const queue = [...start];
        while (queue.length > 0) {
          const id = queue.pop() ?? '';
          if (seen.has(id)) continue;
          seen.add(id);
          queue.push(...(this.getModuleInfo(id)?.importedIds ?? []));
        }
        return seen;
      };
      const ids = [...this.getModuleIds()];
      const entries = ids.filter((id) => this.getModuleInfo(id)?.isEntry);
      const worker = reach(entries.filter((id) => id.includes('service-worker')));
      // An icon set's barrel reaches every icon: icons are left to Rolldown, which puts each where it is used.
      const barrelLeaf = (id: string) => /[\\/]lucide-react[\\/]dist[\\/]esm[\\/]icons[\\/]/.test(id);
      for (const id of reach(entries.filter((id) => !id.includes('service-worker')))) if (!worker.has(id) && !barrelLeaf(id)) shell.add(id);
    },
  };
}

/** The test build's mode: `vite build --mode e2e` (npm run build:e2e) keeps fault injection; every other build drops it. */
const TEST_MODE = 'e2e';

export default defineConfig(({ mode }) => {
  const shell = shellModules();
  return {
  plugins: [react(), onnxChainFix(), sensaServiceWorker(), sandboxPolicy(), pagePolicy(), shell],
  define: { __SENSA_TEST_HOOKS__: JSON.stringify(mode === TEST_MODE) },
  // Workers are bundled on their own and get only these plugins: the model worker is where transformers.js runs.
  worker: { format: 'es', plugins: () => [onnxChainFix()] },
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
    // Small fonts would be inlined into the CSS as data: URLs, which the CSP's font-src 'self' refuses (KaTeX lost
    // glyphs that way): fonts stay files. Other small assets may still be inlined.
    assetsInlineLimit: (file) => (/\.(woff2?|ttf|otf)$/.test(file) ? false : undefined),
    rollupOptions: {
      input: { index: resolve('index.html'), sw: resolve('src/pwa/service-worker.ts') },
      // The service worker must keep one stable URL at the root to control the whole app.
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
        // The shell stays one chunk however many panels load lazily (see shellModules).
        codeSplitting: { groups: [{ name: 'shell', test: (id: string) => shell.has(id) }] },
      },
    },
  },
  optimizeDeps: { exclude: ['@huggingface/transformers', 'onnxruntime-web'] },
  server: { headers: { ...ISOLATION_HEADERS } },
  preview: { headers: { ...ISOLATION_HEADERS, 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' } },
  };
});
