// What a browser must have before Sensa can start, checked first thing at boot so a browser that lacks one gets a
// sentence that names it instead of a blank page (issue 17: Safari and older browsers). Missing *optional* features
// (WebGPU, a service worker, AudioWorklet, the share target...) are handled where they are used, each with its own note.

export interface Essential {
  /** What the person is told is missing. */
  name: string;
  present: (scope: typeof globalThis) => boolean;
}

export const ESSENTIALS: readonly Essential[] = [
  // Models run in ONNX Runtime's WebAssembly build even when WebGPU does the maths.
  { name: 'WebAssembly', present: (s) => typeof s.WebAssembly?.instantiate === 'function' },
  { name: 'Web Workers', present: (s) => typeof s.Worker === 'function' },
  // Chats, pictures and model files are kept there; private windows in some browsers remove it.
  { name: 'IndexedDB', present: (s) => typeof s.indexedDB?.open === 'function' },
  // Attachments and model files are copied between threads and into storage with it.
  { name: 'structuredClone', present: (s) => typeof s.structuredClone === 'function' },
  // Token ids and int64 tensors of every model.
  { name: 'BigInt64Array', present: (s) => typeof s.BigInt64Array === 'function' },
];

export function missingEssentials(scope: typeof globalThis): string[] {
  return ESSENTIALS.filter((e) => {
    try {
      return !e.present(scope);
    } catch {
      return true;
    }
  }).map((e) => e.name);
}

/** The message shown in place of the app; plain text, no React (React itself may be what cannot run). */
export function unsupportedMessage(missing: readonly string[]): string {
  return `This browser cannot run Sensa: it lacks ${missing.join(', ')}. Sensa works in current Chrome, Edge and Firefox, and in Safari 26 (see docs/browsers.md).`;
}
