// Reads the sandbox page's policy and checks that it names the hash of the page's one inline script (Node only).

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface SandboxPage {
  /** The Content-Security-Policy of the page's meta tag. */
  policy: string;
  /** 'sha256-…' of the inline script, as the policy must name it. */
  scriptHash: string;
}

export function readSandboxPage(path: string): SandboxPage {
  const html = readFileSync(path, 'utf8');
  const policy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (!policy || script === undefined) throw new Error(`${path}: no policy or no inline script`);
  return { policy, scriptHash: `sha256-${createHash('sha256').update(script).digest('base64')}` };
}
