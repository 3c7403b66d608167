/**
 * The conformance suite: the same guarantees checked over every instrumentation, through its
 * driver (drivers/). Runs in-process against the real MLflow server, with `autolog()`.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { autolog } from '../../src/autolog/autolog';
import { BUILTIN_INSTRUMENTATIONS } from '../../src/autolog/builtin';
import { registerInstrumentation } from '../../src/autolog/engine';
import { CORE_FAULT_POINTS, __setFaultInjection, InjectedFault } from '../../src/autolog/fault-injection';
import { autologState } from '../../src/autolog/state';
import { checkVersion, readPackageVersion } from '../../src/autolog/versions';
import { configure, getClient, withRun } from '../../src/tracking/fluent';
import { testServer } from '../harness/mlflow-server';
import { DRIVERS } from './drivers';
import { collectWarnings, runsOf, tagOf, uniqueName } from './helpers';

test('every built-in instrumentation has a conformance driver', () => {
  assert.deepEqual(
    DRIVERS.map((d) => d.instrumentation.name).sort(),
    BUILTIN_INSTRUMENTATIONS.map((i) => i.name).sort(),
  );
});

// NB: the tfjs-node pass (scripts/test-tfjs-node.sh) runs the tfjs driver alone: the others do not use tfjs.
const only = process.env.MLFLOW_TEST_CONFORMANCE_ONLY;
for (const driver of DRIVERS.filter((d) => !only || d.instrumentation.name === only)) {
  const { instrumentation } = driver;
  const name = instrumentation.name;

  describe(`${name} conformance`, () => {
    let serverUrl: string;
    let baseline: unknown;
    let experiment: string;

    /** Points the fluent API at a fresh experiment and returns its name. */
    function freshExperiment(label: string): string {
      experiment = uniqueName(`conformance-${name}-${label}`);
      configure({ trackingUri: serverUrl, experimentName: experiment });
      return experiment;
    }

    before(async () => {
      serverUrl = (await testServer()).url;
      driver.load();
    });

    test('the versions manifest names the installed version as supported and tested', () => {
      const baseDir = require.resolve(`${instrumentation.versions.module}/package.json`).replace(/[/\\]package\.json$/, '');
      const version = readPackageVersion(baseDir);
      assert.ok(version, 'the installed package has a version');
      assert.ok(instrumentation.versions.tested.includes(version), `${version} is in tested: ${instrumentation.versions.tested.join(', ')}`);
      assert.equal(checkVersion(instrumentation.versions, version), 'tested');
    });

    test('disabled, training is unpatched, creates nothing, and gives the reference result', async () => {
      const exp = freshExperiment('disabled');
      autolog({ disable: true });
      assert.equal(driver.isPatched(), false);
      const first = await collectWarnings(() => driver.train());
      const second = await driver.train();
      assert.equal(first.error, undefined);
      assert.deepEqual(first.warnings, []);
      // NB: the reference result must itself be reproducible, or the comparisons below prove nothing.
      assert.deepEqual(first.result, second);
      baseline = second;
      assert.deepEqual(await runsOf(exp), []);
    });

    test('enabled, training gives the same result and one FINISHED run with the epoch metrics', async () => {
      const exp = freshExperiment('enabled');
      autolog();
      assert.equal(driver.isPatched(), true);
      const { result, warnings, error } = await collectWarnings(() => driver.train());
      assert.equal(error, undefined);
      assert.deepEqual(warnings, []);
      assert.deepEqual(result, baseline);
      const runs = await runsOf(exp);
      assert.equal(runs.length, 1);
      const [run] = runs;
      assert.equal(run!.info.status, 'FINISHED');
      assert.equal(tagOf(run!, 'mlflow.autologging'), name);
      for (const key of driver.epochMetrics) {
        const history = await metricSteps(run!.info.runId, key);
        assert.deepEqual(history, Array.from({ length: driver.epochs }, (_, i) => i), `${key} steps`);
      }
    });

    test('disable after enable unpatches, and re-enable patches again', async () => {
      autolog({ disable: true });
      assert.equal(driver.isPatched(), false);
      const exp = freshExperiment('reenabled');
      assert.deepEqual(await driver.train(), baseline);
      assert.equal((await runsOf(exp)).length, 0);
      autolog();
      assert.equal(driver.isPatched(), true);
      assert.deepEqual(await driver.train(), baseline);
      assert.equal((await runsOf(exp)).length, 1);
    });

    test('patching twice leaves one layer: one run per call and one point per epoch', async () => {
      autolog();
      const record = loadedExports(name);
      instrumentation.patch(record.exports, record.version, record.baseDir);
      instrumentation.patch(record.exports, record.version, record.baseDir);
      const exp = freshExperiment('twice');
      assert.deepEqual(await driver.train(), baseline);
      const runs = await runsOf(exp);
      assert.equal(runs.length, 1);
      const steps = await metricSteps(runs[0]!.info.runId, driver.epochMetrics[0]!);
      assert.deepEqual(steps, Array.from({ length: driver.epochs }, (_, i) => i));
    });

    for (const point of [...CORE_FAULT_POINTS, ...instrumentation.faultPoints]) {
      test(`an agent error forced at "${point}" leaves training results identical and prints exactly one warning`, async () => {
        const exp = freshExperiment(`fault-${point}`);
        autolog();
        __setFaultInjection(point);
        let outcome;
        try {
          outcome = await collectWarnings(() => driver.train());
        } finally {
          __setFaultInjection(undefined);
        }
        assert.equal(outcome.error, undefined);
        assert.deepEqual(outcome.result, baseline);
        assert.equal(outcome.warnings.length, 1, outcome.warnings.join('\n'));
        assert.equal(outcome.warnings[0], `mlflow-autolog: Encountered unexpected error during ${name} autologging: injected fault at ${point}`);
        for (const run of await runsOf(exp)) assert.notEqual(run.info.status, 'RUNNING', 'no run is left open');
      });
    }

    test('with MLFLOW_AUTOLOG_TESTING=true an agent error is thrown instead of warned', async () => {
      freshExperiment('testing-mode');
      autolog();
      process.env.MLFLOW_AUTOLOG_TESTING = 'true';
      __setFaultInjection(instrumentation.faultPoints[0]);
      try {
        const { error, warnings } = await collectWarnings(() => driver.train());
        assert.ok(error instanceof InjectedFault, String(error));
        assert.deepEqual(warnings, []);
      } finally {
        __setFaultInjection(undefined);
        delete process.env.MLFLOW_AUTOLOG_TESTING;
      }
    });

    test("the user's error from training propagates with the same identity and the run is FAILED", async () => {
      const exp = freshExperiment('user-error');
      autolog();
      const mine = new Error('raised by the user callback');
      const { result, warnings } = await collectWarnings(() => driver.trainThrowing(mine));
      assert.equal(result, mine);
      assert.deepEqual(warnings, []);
      const runs = await runsOf(exp);
      assert.equal(runs.length, 1);
      assert.equal(runs[0]!.info.status, 'FAILED');
    });

    test("the library's own error (a bad input shape) is the one it throws without the agent, and the run is FAILED", async () => {
      autolog({ disable: true });
      const reference = (await driver.trainWithBadInput()) as Error;
      const exp = freshExperiment('bad-input');
      autolog();
      const error = (await driver.trainWithBadInput()) as Error;
      assert.equal(error.constructor, reference.constructor);
      assert.equal(error.message, reference.message);
      const runs = await runsOf(exp);
      assert.equal(runs.length, 1);
      assert.equal(runs[0]!.info.status, 'FAILED');
    });

    test('inside a user run, training logs into it; with exclusive it logs nothing there', async () => {
      const exp = freshExperiment('user-run');
      autolog();
      await withRun(async () => {
        assert.deepEqual(await driver.train(), baseline);
      });
      autolog({ exclusive: true });
      await withRun(async () => {
        assert.deepEqual(await driver.train(), baseline);
      });
      const runs = await runsOf(exp);
      assert.equal(runs.length, 2);
      const withData = runs.filter((r) => r.data.metrics.length > 0);
      assert.equal(withData.length, 1, 'only the non-exclusive run got metrics');
      assert.equal(tagOf(withData[0]!, 'mlflow.autologging'), undefined, 'a user run is not tagged as autologged');
    });

    test('an unsupported version gets one warning, no patch, and training still works', async () => {
      autolog({ disable: true });
      const unsupported = { ...instrumentation, versions: { ...instrumentation.versions, supported: ['<0.0.1'] } };
      const exp = freshExperiment('unsupported');
      try {
        const { warnings } = await collectWarnings(async () => {
          registerInstrumentation(unsupported);
          autolog();
          autolog();
        });
        assert.equal(warnings.length, 1, warnings.join('\n'));
        assert.match(warnings[0]!, new RegExp(`${name} autologging is off for ${instrumentation.versions.module.replace(/[/]/g, '\\/')}@`));
        assert.equal(driver.isPatched(), false);
        assert.deepEqual(await driver.train(), baseline);
        assert.deepEqual(await runsOf(exp), []);
      } finally {
        registerInstrumentation(instrumentation);
        autolog();
      }
      assert.equal(driver.isPatched(), true);
    });

    test('a supported but untested version is patched with one warning, and skipped under disableForUnsupportedVersions', async () => {
      autolog({ disable: true });
      const untested = { ...instrumentation, versions: { ...instrumentation.versions, supported: ['*'], tested: ['0.0.1'] } };
      try {
        const patched = await collectWarnings(async () => {
          registerInstrumentation(untested);
          autolog();
          autolog();
        });
        assert.equal(patched.warnings.length, 1, patched.warnings.join('\n'));
        assert.match(patched.warnings[0]!, /was tested with .* >=0\.0\.1 <=0\.0\.1, not .*; it may not work/);
        assert.equal(driver.isPatched(), true);

        autolog({ disable: true });
        registerInstrumentation(instrumentation);
        const skipped = await collectWarnings(async () => {
          registerInstrumentation(untested);
          autolog({ disableForUnsupportedVersions: true });
        });
        assert.equal(skipped.warnings.length, 1, skipped.warnings.join('\n'));
        assert.match(skipped.warnings[0]!, /it is skipped because disableForUnsupportedVersions is set/);
        assert.equal(driver.isPatched(), false);
        const exp = freshExperiment('untested-skipped');
        assert.deepEqual(await driver.train(), baseline);
        assert.deepEqual(await runsOf(exp), []);
      } finally {
        registerInstrumentation(instrumentation);
        autolog();
      }
      assert.equal(driver.isPatched(), true);
    });
  });
}

/** The steps of a metric's history, read with the package's client. */
async function metricSteps(runId: string, key: string): Promise<number[]> {
  const points = await getClient().getMetricHistory(runId, key);
  return points.map((p) => p.step).sort((a, b) => a - b);
}

function loadedExports(integration: string) {
  const record = autologState.loaded.find((r) => r.instrumentation.name === integration);
  assert.ok(record, `${integration}'s module was seen by the hooks`);
  return record;
}
