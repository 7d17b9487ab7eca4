// Imported first by main.tsx: stops the boot with a clear sentence when an essential is missing (browser-support.ts).

import { missingEssentials, unsupportedMessage } from './browser-support';

const missing = missingEssentials(globalThis);
if (missing.length > 0) {
  const root = document.getElementById('root');
  if (root) {
    const note = document.createElement('p');
    note.className = 'boot-note';
    note.setAttribute('role', 'alert');
    note.textContent = unsupportedMessage(missing);
    root.replaceChildren(note);
  }
  // Nothing after this import may run: it would fail somewhere less clear.
  throw new Error(unsupportedMessage(missing));
}
