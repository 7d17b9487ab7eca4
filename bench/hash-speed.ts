// `npx tsx bench/hash-speed.ts [MB]`: sha256 of a model-sized buffer fed in 64 KiB chunks (about what a fetch body's
// reader hands over), with @noble/hashes (pure JS) and hash-wasm (WebAssembly), the two the download check has used.
// Prints MB/s for each; both must give the same digest. Node runs the same V8 and WebAssembly as Chromium's worker.

import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { createSHA256 } from 'hash-wasm';
import { randomFillSync } from 'node:crypto';
import { loadavg } from 'node:os';

const CHUNK = 64 * 1024;

async function main(): Promise<void> {
  const mb = Number(process.argv[2] ?? 256);
  const data = new Uint8Array(mb * 1e6);
  for (let i = 0; i < data.length; i += 65536) randomFillSync(data, i, Math.min(65536, data.length - i));
  const chunks = Array.from({ length: Math.ceil(data.length / CHUNK) }, (_, i) => data.subarray(i * CHUNK, (i + 1) * CHUNK));

  const runs: Record<string, () => Promise<string>> = {
    '@noble/hashes sha256': async () => {
      const h = nobleSha256.create();
      for (const c of chunks) h.update(c);
      return bytesToHex(h.digest());
    },
    'hash-wasm sha256': async () => {
      const h = await createSHA256();
      h.init();
      for (const c of chunks) h.update(c);
      return h.digest('hex');
    },
  };
  const digests = new Set<string>();
  for (const [name, run] of Object.entries(runs)) {
    await run(); // warm-up: compile and tier up
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      digests.add(await run());
      times.push(performance.now() - t);
    }
    const best = Math.min(...times);
    console.log(`${name}: ${(mb / (best / 1000)).toFixed(0)} MB/s (best of 3 over ${mb} MB in 64 KiB chunks; ${times.map((t) => t.toFixed(0)).join('/')} ms)`);
  }
  console.log(`digests agree: ${digests.size === 1 ? 'yes' : 'NO'}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; Node ${process.version}`);
}

void main();
