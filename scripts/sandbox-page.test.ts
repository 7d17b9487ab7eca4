import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSandboxPage } from './sandbox-page';

describe('the sandbox page', () => {
  const page = readSandboxPage(resolve(import.meta.dirname, '../public/sandbox.html'));

  it("names its own script's hash, so nothing else inline can run (npx tsx scripts/sandbox-hash.ts after an edit)", () => {
    expect(page.policy).toContain(`'${page.scriptHash}'`);
    expect(page.policy).not.toContain('unsafe-inline');
  });

  it('allows no network and no scripts from any host', () => {
    const directives = new Map(page.policy.split(';').map((part) => { const [name, ...values] = part.trim().split(/\s+/); return [name, values] as const; }));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.has('connect-src')).toBe(false);
    expect(directives.get('script-src')?.filter((source) => !source.startsWith("'sha256-"))).toEqual(['blob:', "'unsafe-eval'", "'wasm-unsafe-eval'"]);
    expect(directives.get('worker-src')).toEqual(['blob:']);
  });
});
