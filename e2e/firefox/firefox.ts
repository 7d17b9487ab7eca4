// Which Firefox the smoke run drives: SENSA_FIREFOX, else Debian's firefox-esr (.ci/run installs it).

import { existsSync } from 'node:fs';

/**
 * The executable, or null only when the run was told to go without Firefox (SENSA_SKIP_FIREFOX=1). A machine that
 * merely lacks it fails loudly instead, so CI cannot pass by skipping the browser it is meant to test.
 */
export function firefoxExecutable(): string | null {
  const found = [process.env.SENSA_FIREFOX, '/usr/bin/firefox-esr', '/usr/bin/firefox'].find((path) => path && existsSync(path));
  if (found) return found;
  if (process.env.SENSA_SKIP_FIREFOX === '1') return null;
  throw new Error('No Firefox found: install Debian\'s firefox-esr, point SENSA_FIREFOX at a Firefox, or set SENSA_SKIP_FIREFOX=1 to skip the Firefox smoke run.');
}
