// The bench's result rows, the printed table and the JSON written under bench/results/.

export type Unit = 'ms' | 'tok/s' | 'KB' | 'MB' | 'x' | 'count' | 'per s' | 'GFLOP/s' | '%';

export interface Target {
  /** Human form, e.g. "≥ 0.97× bare". */
  text: string;
  /** Which figure the target is checked against. */
  on: 'ratio' | 'app';
  op: '>=' | '<=';
  value: number;
}

export interface Row {
  id: string;
  section: string;
  label: string;
  unit: Unit;
  app: number | null;
  bare: number | null;
  /** app / bare, or app / app-at-turn-1 for the conversation rows. */
  ratio: number | null;
  target: Target | null;
  verdict: 'pass' | 'miss' | 'not measured' | null;
  note?: string;
}

export function row(r: Omit<Row, 'ratio' | 'verdict'> & { ratio?: number | null }): Row {
  const ratio = r.ratio !== undefined ? r.ratio : r.app !== null && r.bare !== null && r.bare !== 0 ? r.app / r.bare : null;
  let verdict: Row['verdict'] = null;
  if (r.target) {
    const figure = r.target.on === 'ratio' ? ratio : r.app;
    if (figure === null || !Number.isFinite(figure)) verdict = 'not measured';
    else verdict = (r.target.op === '>=' ? figure >= r.target.value : figure <= r.target.value) ? 'pass' : 'miss';
  }
  return { ...r, ratio, verdict };
}

export function notMeasured(section: string, id: string, label: string, note: string): Row {
  return { id, section, label, unit: 'ms', app: null, bare: null, ratio: null, target: null, verdict: 'not measured', note };
}

function fmt(value: number | null, unit: Unit): string {
  if (value === null || !Number.isFinite(value)) return '–';
  switch (unit) {
    case 'ms':
      if (Math.abs(value) < 10) return `${value.toFixed(2)} ms`;
      return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
    case 'tok/s':
      return `${value.toFixed(2)} tok/s`;
    case 'KB':
      return `${value.toFixed(1)} KB`;
    case 'MB':
      return `${value.toFixed(0)} MB`;
    case 'count':
      return String(Math.round(value));
    case 'per s':
      return `${value.toFixed(1)}/s`;
    case 'x':
      return `${value.toFixed(2)}×`;
    case 'GFLOP/s':
      return `${value.toFixed(value >= 10 ? 0 : 2)} GFLOP/s`;
    case '%':
      return `±${value.toFixed(1)} %`;
  }
}

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));
const padStart = (s: string, n: number) => ' '.repeat(Math.max(0, n - [...s].length)) + s;

export function formatTable(rows: readonly Row[]): string {
  const header = ['', 'app', 'bare', 'ratio', 'target', ''];
  const body = rows.map((r) => [
    `  ${r.label}`,
    r.verdict === 'not measured' && r.app === null ? 'not measured yet' : fmt(r.app, r.unit),
    fmt(r.bare, r.unit),
    r.ratio === null ? '' : `${r.ratio.toFixed(2)}×`,
    r.target?.text ?? '',
    r.verdict === 'not measured' ? '' : (r.verdict ?? ''),
  ]);
  const widths = header.map((h, i) => Math.max([...h].length, ...body.map((b) => [...(b[i] ?? '')].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === 4 ? pad(c, widths[i] ?? 0) : padStart(c, widths[i] ?? 0)))
      .join('   ')
      .trimEnd();
  const out: string[] = [line(header)];
  let section = '';
  rows.forEach((r, i) => {
    if (r.section !== section) {
      section = r.section;
      out.push(section);
    }
    out.push(line(body[i] ?? []));
    if (r.note) out.push(`      ${r.note}`);
  });
  return out.join('\n');
}

/** Rounds figures so the JSON stays small and diffs stay readable. */
export function roundDeep<T>(value: T): T {
  if (typeof value === 'number') return (Number.isInteger(value) ? value : Math.round(value * 1000) / 1000) as T;
  if (Array.isArray(value)) return value.map((v) => roundDeep(v)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundDeep(v)])) as T;
  return value;
}

/** Median and interquartile range of a sample, and the IQR's half-width as a share of the median: the spread a row reports. */
export interface Spread {
  n: number;
  median: number;
  q1: number;
  q3: number;
  min: number;
  max: number;
  /** ± this much of the median (half the IQR / median, in %). */
  halfIqrPct: number;
}

/** Quartiles by linear interpolation between order statistics (the common "type 7" rule). Null for an empty sample. */
export function spreadOf(values: readonly number[]): Spread | null {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const at = (p: number) => {
    const i = (v.length - 1) * p;
    const lo = Math.floor(i);
    const hi = Math.ceil(i);
    return (v[lo] ?? 0) + ((v[hi] ?? 0) - (v[lo] ?? 0)) * (i - lo);
  };
  const median = at(0.5);
  const q1 = at(0.25);
  const q3 = at(0.75);
  return { n: v.length, median, q1, q3, min: v[0] ?? 0, max: v[v.length - 1] ?? 0, halfIqrPct: median ? ((q3 - q1) / 2 / median) * 100 : 0 };
}

export function fmtSpread(s: Spread | null, digits = 1): string {
  if (!s) return '–';
  return `${s.median.toFixed(digits)} (IQR ${s.q1.toFixed(digits)}–${s.q3.toFixed(digits)}, ±${s.halfIqrPct.toFixed(1)} %, n=${s.n})`;
}
