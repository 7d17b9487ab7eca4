// check:hub against the fake Hub served over HTTP: the known differences of the fixtures, a clean pass, and planted faults.

import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import catalogJson from '../src/models/catalog.json';
import { FakeHub } from '../e2e/fixtures/hub';
import { writeFixtures } from '../e2e/fixtures/build-fixtures';
import { writeEmbedderFixture } from '../e2e/fixtures/embedder/build';
import { writeOmniFixture } from '../e2e/fixtures/omni/build';
import { MULTIMODAL_SIZES, REPOS } from '../e2e/fixtures/repos';
import { writeSmolVlmFixture } from '../e2e/fixtures/smolvlm/build';
import { writeSupertonicFixture } from '../e2e/fixtures/supertonic/build';
import { writeWhisperFixture } from '../e2e/fixtures/whisper/build';
import { writeJanusFixture } from '../e2e/fixtures/janus/build';
import { main } from './check-hub';

type CatalogJson = typeof catalogJson;

let dir: string;
let hubRoot: string;
let hub: { origin: string; close: () => Promise<void> };

beforeAll(async () => {
  // The same fake Hub `npm run fixtures` writes, in a folder of its own (unit tests run before the fixtures step).
  dir = mkdtempSync(join(tmpdir(), 'sensa-check-hub-'));
  hubRoot = join(dir, 'hub');
  writeFixtures(dir);
  for (const repo of MULTIMODAL_SIZES.omni) writeOmniFixture(hubRoot, repo);
  for (const repo of MULTIMODAL_SIZES.smolvlm) writeSmolVlmFixture(hubRoot, repo);
  writeWhisperFixture(hubRoot, REPOS.whisper);
  writeSupertonicFixture(hubRoot, REPOS.supertonic);
  writeEmbedderFixture(hubRoot, REPOS.embedder);
  writeJanusFixture(hubRoot);
  hub = await new FakeHub(hubRoot).listen();
  // Every catalog chat repo is written (two 33 MB Gemma tokenizers among them): allow for a busy machine.
}, 300_000);

afterAll(async () => {
  await hub?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; lines: string[]; diffs: string[] }> {
  const lines: string[] = [];
  const code = await main(['--hub', hub.origin, ...args], (text) => lines.push(...text.split('\n')));
  // Each DIFF row, as "repo | check | expected | found", columns split on runs of two or more spaces.
  const diffs = lines.filter((l) => / DIFF$/.test(l)).map((l) => l.replace(/\s+DIFF$/, '').split(/\s{2,}/).join(' | '));
  return { code, lines, diffs };
}

function writeCatalog(name: string, catalog: CatalogJson): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(catalog));
  return file;
}

/**
 * The real catalog with the fixtures' own sizes for every file, and without the files the fixtures do not have: what
 * the catalog would say if the fixtures were the real repos. Checked with sizes, it must agree in every row.
 */
function fixtureCatalog(): CatalogJson {
  const catalog = structuredClone(catalogJson);
  for (const model of catalog.models) {
    for (const variant of Object.values(model.dtypes) as { files: { path: string; bytes: number | null }[] }[]) {
      variant.files = variant.files.filter((f) => exists(join(hubRoot, model.repo, f.path)));
      for (const file of variant.files) file.bytes = statSync(join(hubRoot, model.repo, file.path)).size;
    }
  }
  return catalog;
}

function exists(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function model(catalog: CatalogJson, repo: string) {
  const found = catalog.models.find((m) => m.repo === repo);
  if (!found) throw new Error(`no ${repo} in the catalog`);
  return found;
}

describe('npm run check:hub against the fake Hub', () => {
  it('finds every file the real catalog lists, external-data chunks included, in the replica fixtures', async () => {
    // The fixtures are replicas of the real repos' layouts (e2e/fixtures/replicas/), so only sizes may differ.
    const { code, diffs, lines } = await run(['--no-sizes']);
    expect(diffs).toEqual([]);
    expect(code).toBe(0);
    expect(lines.at(-1)).toMatch(/^All \d+ checks agree\.$/);
  });

  it('passes, sizes included, for a catalog that describes the fixtures, with a pinned revision', async () => {
    const catalog = fixtureCatalog();
    model(catalog, REPOS.qwen3).revision = FakeHub.commitOf(REPOS.qwen3);
    const { code, diffs, lines } = await run(['--catalog', writeCatalog('fixture-catalog.json', catalog)]);
    expect(diffs).toEqual([]);
    expect(code).toBe(0);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${REPOS.qwen3}\\s+revision\\s+${FakeHub.commitOf(REPOS.qwen3)}\\s+${FakeHub.commitOf(REPOS.qwen3)}\\s+ok$`)));
    expect(lines.at(-1)).toMatch(/^All \d+ checks agree\.$/);
  });

  it('names each planted difference: a wrong size, a missing file, unlisted external data, a vanished revision', async () => {
    const catalog = fixtureCatalog();
    const q4 = model(catalog, REPOS.qwen3).dtypes.q4!.files[0]!;
    const realSize = q4.bytes!;
    q4.bytes = realSize + 1;
    model(catalog, REPOS.supertonic).voices![0]!.path = 'voices/F9.bin';
    const tts = model(catalog, REPOS.supertonic).dtypes.fp32!;
    tts.files = tts.files.filter((f) => f.path !== 'onnx/text_encoder.onnx_data');
    model(catalog, REPOS.llama3).revision = 'f'.repeat(40);
    const { code, diffs } = await run(['--catalog', writeCatalog('planted.json', catalog)]);
    expect(code).toBe(1);
    expect(diffs).toEqual([
      `${REPOS.qwen3} | file onnx/model_q4.onnx | ${realSize + 1} B | ${realSize} B`,
      `${REPOS.llama3} | revision | ${'f'.repeat(40)} | HTTP 404 RevisionNotFound for config.json`,
      `${REPOS.supertonic} | file voices/F9.bin | present | missing`,
      `${REPOS.supertonic} | external data onnx/text_encoder.onnx | 1 (config.json) | catalog 0, Hub 1`,
    ]);
  });

  it('names a file the engine needs that the repo lost', async () => {
    const root = join(dir, 'lost-hub');
    cpSync(join(hubRoot, REPOS.whisper), join(root, REPOS.whisper), { recursive: true });
    rmSync(join(root, REPOS.whisper, 'preprocessor_config.json'));
    const lost = await new FakeHub(root).listen();
    try {
      const catalog = fixtureCatalog();
      catalog.models = [model(catalog, REPOS.whisper)];
      const lines: string[] = [];
      const code = await main(['--hub', lost.origin, '--catalog', writeCatalog('whisper.json', catalog)], (t) => lines.push(...t.split('\n')));
      expect(code).toBe(1);
      expect(lines.filter((l) => l.endsWith('DIFF'))).toEqual([expect.stringMatching(/needs preprocessor_config\.json\s+present\s+missing\s+DIFF$/)]);
    } finally {
      await lost.close();
    }
  });

  it('runs as `npm run check:hub` against the Hub HF_ENDPOINT names', async () => {
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile('npm', ['run', '--silent', 'check:hub', '--', '--no-sizes'], { env: { ...process.env, HF_ENDPOINT: hub.origin } }, (error, stdout) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout }),
      );
    });
    expect(result.stdout).toContain(`against ${hub.origin} (sizes not compared)`);
    expect(result.stdout).toMatch(/All \d+ checks agree\./);
    expect(result.code).toBe(0);
  });
});
