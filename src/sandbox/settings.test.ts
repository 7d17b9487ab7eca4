import { describe, expect, it } from 'vitest';
import { DEFAULT_CODE_SETTINGS, parseCodeSettings, runLimits } from './settings';

describe('code settings', () => {
  it('defaults to 30 s and 1 GiB when nothing, garbage or another version is stored', () => {
    expect(parseCodeSettings(null)).toEqual(DEFAULT_CODE_SETTINGS);
    expect(parseCodeSettings('{not json')).toEqual(DEFAULT_CODE_SETTINGS);
    expect(parseCodeSettings(JSON.stringify({ version: 9, settings: { timeLimitSeconds: 5 } }))).toEqual(DEFAULT_CODE_SETTINGS);
    expect(DEFAULT_CODE_SETTINGS).toEqual({ timeLimitSeconds: 30, memoryLimitMiB: 1024 });
  });

  it('keeps stored choices, clamped to the allowed range', () => {
    expect(parseCodeSettings(JSON.stringify({ version: 1, settings: { timeLimitSeconds: 5, memoryLimitMiB: 99999 } }))).toEqual({ timeLimitSeconds: 5, memoryLimitMiB: 3072 });
    expect(parseCodeSettings(JSON.stringify({ version: 1, settings: { timeLimitSeconds: 0, memoryLimitMiB: 'big' } }))).toEqual({ timeLimitSeconds: 1, memoryLimitMiB: 1024 });
  });

  it('turns choices into the limits a run gets', () => {
    expect(runLimits({ timeLimitSeconds: 2, memoryLimitMiB: 64 })).toEqual({ timeLimitMs: 2000, memoryLimitBytes: 64 * 1024 * 1024 });
  });
});
