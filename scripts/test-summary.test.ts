// The CI summary counts what each runner reports, so a failure or a run of nothing cannot read as green.
import { describe, expect, it } from 'vitest';
import { playwrightTally, vitestTally } from './test-summary';

describe('test summary', () => {
  it('reads Vitest pending and todo tests as skipped', () => {
    expect(vitestTally({ numPassedTests: 350, numFailedTests: 2, numPendingTests: 3, numTodoTests: 1 })).toEqual({ passed: 350, failed: 2, skipped: 4 });
  });
  it('counts a flaky Playwright test against the run', () => {
    expect(playwrightTally({ stats: { expected: 60, unexpected: 1, flaky: 2, skipped: 5 } })).toEqual({ passed: 60, failed: 3, skipped: 5 });
  });
  it('reads a report without stats as nothing run', () => {
    expect(playwrightTally({})).toEqual({ passed: 0, failed: 0, skipped: 0 });
  });
});
