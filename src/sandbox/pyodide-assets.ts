// Pyodide's files, emitted by the build from the npm package and served by the app itself (never a CDN).

import loaderUrl from 'pyodide/pyodide.mjs?url';
import runtimeUrl from 'pyodide/pyodide.asm.mjs?url';
import wasmUrl from 'pyodide/pyodide.asm.wasm?url';
import stdlibUrl from 'pyodide/python_stdlib.zip?url';
import lockUrl from 'pyodide/pyodide-lock.json?url';

/** File name (as Pyodide asks for it) to the URL the app serves it at. */
export const PYODIDE_FILES: Readonly<Record<string, string>> = {
  'pyodide.mjs': loaderUrl,
  'pyodide.asm.mjs': runtimeUrl,
  'pyodide.asm.wasm': wasmUrl,
  'python_stdlib.zip': stdlibUrl,
  'pyodide-lock.json': lockUrl,
};

let loading: Promise<Record<string, ArrayBuffer>> | null = null;

/**
 * Fetches Pyodide from the app's origin once per page. The service worker keeps the files after the first use, so
 * Python works offline from then on. A failed fetch is forgotten, so the next run tries again.
 */
export function loadPyodideFiles(): Promise<Record<string, ArrayBuffer>> {
  loading ??= Promise.all(
    Object.entries(PYODIDE_FILES).map(async ([name, url]) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`Could not load Python (${name}: HTTP ${response.status})`);
      return [name, await response.arrayBuffer()] as const;
    }),
  ).then(Object.fromEntries, (error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
