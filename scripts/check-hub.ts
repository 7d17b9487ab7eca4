// `npm run check:hub`: asks the live Hub (or --hub <url>) whether every catalog repo still has the files, sizes and revision the catalog names.
//
// Usage: npm run check:hub -- [--hub <url>] [--catalog <file>] [--no-sizes]
//   --hub       the Hub to ask (default: $HF_ENDPOINT, else https://huggingface.co)
//   --catalog   a catalog.json to check instead of src/models/catalog.json
//   --no-sizes  only whether each file exists, not its size (for a Hub whose files are stand-ins, like the test fixtures)
// It reads what the app reads: the API's tree listing of each folder (parsed by the app's own parseTree) and
// config.json / tokenizer_config.json through resolve URLs. Prints one row per check; exits 1 on any DIFF.

import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CATALOG, parseCatalog } from '../src/models/catalog';
import { type ModelSpec } from '../src/domain/model';
import { parseTree, type ListedFile } from '../src/storage/common/hub-listing';
import type { Dtype } from '../src/domain/model';
import { externalChunks } from '../e2e/fixtures/replicas/catalog-check';

export interface CheckRow {
  repo: string;
  check: string;
  expected: string;
  found: string;
  ok: boolean;
}

export interface CheckOptions {
  hub: string;
  sizes: boolean;
  fetch?: typeof fetch;
}

/** transformers.js 4.3.2's file suffix for each dtype. */
const SUFFIX: Record<Dtype, string> = { fp32: '', fp16: '_fp16', q4: '_q4', q4f16: '_q4f16', q8: '_quantized' };
const COMMIT = /^[0-9a-f]{40}$/;

const dirname = (file: string) => (file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '');
const basename = (file: string) => file.slice(file.lastIndexOf('/') + 1);

function headers(): Record<string, string> {
  const token = process.env.HF_TOKEN;
  return { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
}

/** One folder's listing, following the API's `Link: <…>; rel="next"` pages. null when the folder is not there. */
async function listFolder(spec: ModelSpec, folder: string, options: CheckOptions): Promise<Map<string, ListedFile> | null> {
  const doFetch = options.fetch ?? fetch;
  let url: string | null = `${options.hub}/api/models/${spec.repo}/tree/${encodeURIComponent(spec.revision)}${folder ? `/${folder}` : ''}`;
  const files = new Map<string, ListedFile>();
  while (url) {
    const response: Response = await doFetch(url, { headers: headers() });
    if (!response.ok) return null;
    for (const [path, file] of parseTree(await response.json())) files.set(path, file);
    const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '');
    url = next?.[1] ?? null;
  }
  return files;
}

/** The files the engine reads besides the weights, by what the model is and takes (transformers.js 4.3.2). */
function requiredFiles(spec: ModelSpec): string[] {
  const files = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];
  if (spec.task === 'chat' || spec.task === 'speech-recognition') files.push('generation_config.json');
  if (spec.task === 'speech-recognition' || spec.inputs.some((m) => m !== 'text')) files.push('preprocessor_config.json');
  // Gemma 4's processor always reads processor_config.json (processing_gemma4.js: uses_processor_config).
  if (spec.architecture === 'gemma4') files.push('processor_config.json');
  return files;
}

async function checkModel(spec: ModelSpec, options: CheckOptions): Promise<CheckRow[]> {
  const doFetch = options.fetch ?? fetch;
  const rows: CheckRow[] = [];
  const row = (check: string, expected: string, found: string, ok: boolean) => rows.push({ repo: spec.repo, check, expected, found, ok });
  const resolve = (file: string) => `${options.hub}/${spec.repo}/resolve/${encodeURIComponent(spec.revision)}/${file}`;

  // The revision: config.json at it must resolve, and a pinned commit must be the commit the Hub names.
  let config: Record<string, unknown>;
  try {
    const response = await doFetch(resolve('config.json'), { headers: headers() });
    if (!response.ok) {
      const code = response.headers.get('x-error-code');
      row('revision', spec.revision, `HTTP ${response.status}${code ? ` ${code}` : ''} for config.json`, false);
      return rows;
    }
    const commit = response.headers.get('x-repo-commit');
    const pinned = COMMIT.test(spec.revision);
    row('revision', spec.revision, commit ?? 'no x-repo-commit header', pinned ? commit === spec.revision : true);
    config = (await response.json()) as Record<string, unknown>;
  } catch (error) {
    row('revision', spec.revision, `unreachable: ${error instanceof Error ? error.message : String(error)}`, false);
    return rows;
  }

  // Every catalog file, each variant's and each voice's, once, from its folder's listing.
  const sizes = new Map<string, number | null>();
  for (const variant of Object.values(spec.dtypes)) for (const file of variant?.files ?? []) sizes.set(file.path, file.bytes ?? sizes.get(file.path) ?? null);
  for (const voice of spec.voices ?? []) sizes.set(voice.path, null);
  const required = requiredFiles(spec);
  const folders = new Set(['', ...[...sizes.keys()].map(dirname)]);
  const listing = new Map<string, ListedFile>();
  for (const folder of [...folders].sort()) {
    const files = await listFolder(spec, folder, options);
    if (files) for (const [path, file] of files) listing.set(path, file);
  }

  for (const file of required) row(`needs ${file}`, 'present', listing.has(file) ? 'present' : 'missing', listing.has(file));
  if (spec.task === 'chat') {
    // The chat template lives in tokenizer_config.json or, for newer repos, chat_template.jinja.
    let inConfig = false;
    if (listing.has('tokenizer_config.json')) {
      const response = await doFetch(resolve('tokenizer_config.json'), { headers: headers() });
      inConfig = response.ok && typeof ((await response.json()) as Record<string, unknown>).chat_template !== 'undefined';
    }
    const where = [inConfig ? 'tokenizer_config.json' : null, listing.has('chat_template.jinja') ? 'chat_template.jinja' : null].filter(Boolean);
    row('chat template', 'tokenizer_config.json or chat_template.jinja', where.length ? where.join(' + ') : 'none', where.length > 0);
  }

  for (const [path, bytes] of sizes) {
    const listed = listing.get(path);
    const expected = options.sizes && bytes !== null ? `${bytes} B` : 'present';
    const found = !listed ? 'missing' : options.sizes && bytes !== null ? `${listed.bytes} B` : 'present';
    row(`file ${path}`, expected, found, expected === found);
  }

  // External data: what config.json makes transformers.js load, what the catalog lists, and what the Hub has must agree.
  const tjsConfig = (config['transformers.js_config'] ?? null) as Record<string, unknown> | null;
  const graphs = new Map<string, { session: string; listed: string[] }>();
  for (const [key, variant] of Object.entries(spec.dtypes)) {
    if (!variant) continue;
    for (const [session, dtype] of Object.entries(variant.sessions ?? { model: key as Dtype })) {
      const graph = `onnx/${session}${SUFFIX[dtype]}.onnx`;
      const listed = variant.files.map((f) => f.path).filter((p) => p === `${graph}_data` || p.startsWith(`${graph}_data_`));
      graphs.set(graph, { session, listed });
    }
  }
  for (const [graph, { session, listed }] of graphs) {
    const wanted = externalChunks(tjsConfig, basename(graph), session);
    const onHub = [...listing.keys()].filter((p) => p === `${graph}_data` || p.startsWith(`${graph}_data_`)).length;
    row(
      `external data ${graph}`,
      `${wanted} (config.json)`,
      `catalog ${listed.length}, Hub ${onHub}`,
      wanted === listed.length && wanted === onHub,
    );
  }
  return rows;
}

/** Checks every model in the catalog, one repo after another (the Hub rate-limits bursts). */
export async function checkHub(catalog: readonly ModelSpec[], options: CheckOptions): Promise<CheckRow[]> {
  const rows: CheckRow[] = [];
  for (const spec of catalog) rows.push(...(await checkModel(spec, options)));
  return rows;
}

export function formatTable(rows: readonly CheckRow[]): string {
  const cells = [['repo', 'check', 'expected', 'found', ''], ...rows.map((r) => [r.repo, r.check, r.expected, r.found, r.ok ? 'ok' : 'DIFF'])];
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)));
  return cells.map((c) => c.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** The command line; returns the exit status (0 all ok, 1 any difference, 2 a usage error). */
export async function main(argv: readonly string[], print: (line: string) => void = console.log): Promise<number> {
  const known = new Set(['--hub', '--catalog', '--no-sizes']);
  const unknown = argv.filter((a, i) => a.startsWith('--') && !known.has(a) && !(i > 0 && ['--hub', '--catalog'].includes(argv[i - 1]!)));
  if (unknown.length) {
    print(`Unknown option ${unknown.join(', ')}. Usage: npm run check:hub -- [--hub <url>] [--catalog <file>] [--no-sizes]`);
    return 2;
  }
  const hub = (option(argv, '--hub') ?? process.env.HF_ENDPOINT ?? 'https://huggingface.co').replace(/\/+$/, '');
  const catalogPath = option(argv, '--catalog');
  const catalog = catalogPath ? parseCatalog(JSON.parse(readFileSync(catalogPath, 'utf8'))) : CATALOG;
  const sizes = !argv.includes('--no-sizes');
  print(`Checking ${catalog.length} models against ${hub}${sizes ? '' : ' (sizes not compared)'}`);
  const rows = await checkHub(catalog, { hub, sizes });
  print(formatTable(rows));
  const diffs = rows.filter((r) => !r.ok).length;
  print(diffs ? `${diffs} of ${rows.length} checks differ.` : `All ${rows.length} checks agree.`);
  return diffs ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}
