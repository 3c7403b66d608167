/**
 * The CI subset of `npm run test:upstream`: libraries' own test suites under each runner (jest,
 * vitest, mocha, jasmine), run by scripts/test-upstream.ts without and with the agent preloaded
 * (and its setup file under jest and vitest). Each suite gives every test the
 * same result both times, and the agent creates runs while it runs (`npm run test:upstream` runs
 * every suite; test/upstream/suites.ts lists them).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { SuiteOutcome } from '../../scripts/test-upstream';
import { runNode } from '../harness/node';
import { UPSTREAM_SUITES } from '../upstream/suites';

describe('the libraries\' own suites under the agent (CI subset)', () => {
  const outcomes = new Map<string, SuiteOutcome>();
  let output = '';

  before(async () => {
    const json = join(mkdtempSync(join(tmpdir(), 'mlflow-autolog-upstream-test-')), 'outcomes.json');
    const result = await runNode(['--import', 'tsx', 'scripts/test-upstream.ts', '--subset', '--json', json], {});
    output = `${result.stdout}\n${result.stderr}`;
    process.stdout.write(result.stdout);
    for (const outcome of JSON.parse(readFileSync(json, 'utf8')) as SuiteOutcome[]) outcomes.set(outcome.package, outcome);
  });

  for (const suite of UPSTREAM_SUITES.filter((s) => s.subset)) {
    test(`${suite.package} ${suite.version}'s own ${suite.runner} suite gives every test the same result with the agent, which creates runs`, () => {
      const outcome = outcomes.get(suite.package);
      assert.ok(outcome, `the driver ran the suite:\n${output}`);
      assert.deepEqual(outcome.problems, [], `${suite.package}: ${[...outcome.problems, ...outcome.differences].join('\n')}`);
      assert.equal(outcome.verdict, 'pass');
      assert.ok(outcome.runsCreated > 0);
    });
  }
});
