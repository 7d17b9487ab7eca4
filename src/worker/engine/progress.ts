// Folds transformers.js' per-file progress callbacks into our own throttled download events.

import type { FileProgress } from '../protocol';

export function createProgressTracker(
  emit: (files: FileProgress[], loaded: number, total: number) => void,
  intervalMs = 100,
  now: () => number = () => performance.now(),
) {
  const files = new Map<string, FileProgress>();
  let lastEmit = -Infinity;

  const send = () => {
    lastEmit = now();
    const list = [...files.values()].map((f) => ({ ...f }));
    const loaded = list.reduce((sum, f) => sum + f.loaded, 0);
    const total = list.reduce((sum, f) => sum + f.total, 0);
    emit(list, loaded, total);
  };

  return {
    update(file: string, loaded: number, total: number) {
      const entry = files.get(file) ?? { file, loaded: 0, total: 0, done: false };
      entry.loaded = loaded;
      entry.total = Math.max(total, loaded);
      files.set(file, entry);
      if (now() - lastEmit >= intervalMs) send();
    },
    done(file: string) {
      const entry = files.get(file);
      if (!entry) return;
      entry.done = true;
      entry.loaded = entry.total;
      send();
    },
    flush: send,
  };
}
