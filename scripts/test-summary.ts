// Totals Vitest's, Playwright's and the Firefox smoke run's JSON reports into the one closing line CI is read by: "N passed, N failed, N skipped".
// A run that executed nothing must not look like one that passed, so zero tests run is a failure too.

import { existsSync, readFileSync } from 'node:fs';

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

const REPORTS = { vitest: 'reports/vitest.json', playwright: 'reports/playwright.json', firefox: 'reports/firefox.json' } as const;

/** Vitest's JSON reporter (Jest-compatible): numPassedTests, numFailedTests, numPendingTests + numTodoTests. */
export function vitestTally(report: Record<string, number>): Tally {
  return {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

/** Playwright's JSON reporter: stats.expected passed, unexpected + flaky count against, skipped were not run. */
export function playwrightTally(report: { stats?: Record<string, number> }): Tally {
  const stats = report.stats ?? {};
  return { passed: stats.expected ?? 0, failed: (stats.unexpected ?? 0) + (stats.flaky ?? 0), skipped: stats.skipped ?? 0 };
}

function read(path: string): Record<string, unknown> | null {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : null;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const total: Tally = { passed: 0, failed: 0, skipped: 0 };
  const add = (name: string, tally: Tally | null) => {
    if (!tally) {
      // A runner that never wrote its report did not finish: count that as a failure, not as nothing.
      console.log(`${name}: no report (the runner did not finish)`);
      total.failed += 1;
      return;
    }
    console.log(`${name}: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
    total.passed += tally.passed;
    total.failed += tally.failed;
    total.skipped += tally.skipped;
  };
  const vitest = read(REPORTS.vitest);
  add('vitest', vitest && vitestTally(vitest as Record<string, number>));
  const playwright = read(REPORTS.playwright);
  add('playwright', playwright && playwrightTally(playwright as { stats?: Record<string, number> }));
  // The Firefox smoke run (e2e/firefox) is a Vitest suite of its own, with Vitest's report format.
  const firefox = read(REPORTS.firefox);
  add('firefox', firefox && vitestTally(firefox as Record<string, number>));
  console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(total.failed > 0 || total.passed + total.failed === 0 ? 1 : 0);
}
