import { describe, expect, it } from 'vitest';
import { formatTable, row, spreadOf } from './report';

describe('bench spread', () => {
  it('gives the median and interquartile range by linear interpolation, and the half-IQR as a share of the median', () => {
    const s = spreadOf([10, 12, 11, 13, 9, NaN]);
    expect(s).toMatchObject({ n: 5, median: 11, q1: 10, q3: 12, min: 9, max: 13 });
    expect(s?.halfIqrPct).toBeCloseTo((1 / 11) * 100);
    expect(spreadOf([4, 6])).toMatchObject({ median: 5, q1: 4.5, q3: 5.5 });
    expect(spreadOf([])).toBeNull();
  });

  it('prints a spread row with its target and verdict', () => {
    const r = row({ id: 'x', section: 's', label: 'spread', unit: '%', app: 3.2, bare: null, target: { text: 'under ±5 %', on: 'app', op: '<=', value: 5 } });
    expect(r.verdict).toBe('pass');
    expect(formatTable([r])).toMatch(/±3\.2 %.*under ±5 %.*pass/);
  });
});
