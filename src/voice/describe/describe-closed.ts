// Describe for me while it is closed: the real store starts from it, and so does the stand-in that the app shell holds
// until the mode's code has loaded (lazy-describe-mode.ts). Its own file, so the shell gets it without that code.

import type { DescribeState } from './describe-mode';

export function describeClosed(): Pick<DescribeState, 'open' | 'phase' | 'request' | 'error' | 'advice' | 'described' | 'interval'> {
  return { open: false, phase: 'idle', request: null, error: null, advice: null, described: false, interval: false };
}
