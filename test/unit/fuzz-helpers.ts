/**
 * What the fuzz suites share: seeded fast-check runs counted per suite (the count is printed when
 * the file ends, so CI logs show it), and a per-case time bound that tells a hang or a quadratic
 * blow-up from a slow machine.
 */
import assert from 'node:assert/strict';
import { after } from 'node:test';
import fc from 'fast-check';

export const SEED = 42;
const FULL_RUNS = 10_000;
/** Cases per property: 10,000 in `npm test`; the fast tier (`npm run test:unit`) sets MLFLOW_TEST_FUZZ_RUNS lower. */
export const RUNS = Number(process.env.MLFLOW_TEST_FUZZ_RUNS) || FULL_RUNS;
/** A generous bound per case: a hang shows, a slow CI machine does not. */
export const CASE_MS = 2_000;

/** A suite named `name`: `fuzz` runs one seeded property and counts its cases. */
export function fuzzSuite(name: string, onEnd?: () => void): { fuzz: <T>(arbitrary: fc.Arbitrary<T>, check: (value: T) => void, numRuns?: number) => void } {
  const totals = { cases: 0, failures: 0 };
  after(() => {
    onEnd?.();
    console.log(`fuzz ${name}: ${totals.cases} cases, ${totals.failures} failures`);
  });
  return {
    fuzz(arbitrary, check, numRuns = FULL_RUNS) {
      // NB: a property's own count (say, 300 deep documents) scales with the tier as the default does.
      const scaled = Math.max(1, Math.round((numRuns * RUNS) / FULL_RUNS));
      const result = fc.check(fc.property(arbitrary, check), { seed: SEED, numRuns: scaled, includeErrorInReport: true });
      totals.cases += result.numRuns;
      if (result.failed) totals.failures += 1;
      assert.equal(result.failed, false, fc.defaultReportMessage(result));
    },
  };
}

/** Runs `work` and fails the case when it took longer than {@link CASE_MS}. */
export function inTime<T>(work: () => T): T {
  const started = performance.now();
  try {
    return work();
  } finally {
    const elapsed = performance.now() - started;
    assert.ok(elapsed < CASE_MS, `one case took ${Math.round(elapsed)} ms`);
  }
}
