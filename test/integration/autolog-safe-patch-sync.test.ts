/**
 * safePatchSync and safePatchConstructor, safePatch's boundary for synchronous trainers: the
 * original's value or error passes through synchronously as the same object, agent errors are
 * one warning, the original runs exactly once, and the managed run ends in the background with
 * the right status, which flush() and the next training call wait for. Uses fake library classes
 * and the real MLflow server.
 */
import assert from 'node:assert/strict';
import { before, beforeEach, describe, test } from 'node:test';
import { resolveConfig } from '../../src/autolog/options';
import { safePatchClass, safePatchConstructor, safePatchSync, unwrapConstructor, type SyncPatchFunction } from '../../src/autolog/safe-patch-sync';
import { safePatch } from '../../src/autolog/safe-patch';
import { isWrapped, unwrap } from '../../src/autolog/shimmer';
import { autologState } from '../../src/autolog/state';
import { backgroundCount } from '../../src/tracking/background';
import { activeRun, configure, endRun, flush, startRun, withRun } from '../../src/tracking/fluent';
import { collectWarnings, runsOf, uniqueName } from '../conformance/helpers';
import { testServer } from '../harness/mlflow-server';
import { readRun } from '../harness/python';

type Outcome = { value?: object; error?: Error };

/** A stand-in for a synchronous library: `train` returns (or throws) what the test hands it. */
class FakeModel {
  calls = 0;
  seenRunId: string | undefined;
  train(outcome: Outcome): object | undefined {
    this.calls++;
    this.seenRunId = activeRun()?.runId ?? (activeRun() ? 'pending' : undefined);
    if (outcome.error) throw outcome.error;
    return outcome.value;
  }
}

/** A stand-in for a library whose constructor trains (ml-knn, ml-regression). */
class FakeRegression {
  static constructed = 0;
  readonly slope: number;
  constructor(x: number[], y: number[]) {
    FakeRegression.constructed++;
    if (x.length !== y.length) throw new RangeError('x and y differ in length');
    this.slope = y[0]! / x[0]!;
  }
  predict(x: number): number {
    return this.slope * x;
  }
  static load(json: { slope: number }): FakeRegression {
    return new FakeRegression([1], [json.slope]);
  }
}

function patchWith(patch: SyncPatchFunction<FakeModel, [Outcome], object | undefined>): void {
  unwrap(FakeModel.prototype, 'train');
  safePatchSync('fake', FakeModel.prototype, 'train', patch);
}

const logging: SyncPatchFunction<FakeModel, [Outcome], object | undefined> = (call, _self, args, session) => {
  session.logParams({ given: 'yes' });
  call(...args);
  session.logMetrics({ training_score: 0.5 }, 0);
};

describe('safePatchSync', () => {
  let serverUrl: string;
  let experiment: string;
  before(async () => {
    serverUrl = (await testServer()).url;
  });
  beforeEach(() => {
    experiment = uniqueName('safe-patch-sync');
    configure({ trackingUri: serverUrl, experimentName: experiment });
    autologState.config = resolveConfig({}, ['fake'], {});
  });

  test("the library's return value comes back synchronously as the very same object", async () => {
    patchWith(logging);
    const value = { trees: 3 };
    const model = new FakeModel();
    assert.equal(model.train({ value }), value);
    assert.equal(model.calls, 1);
    await flush();
  });

  test('flush() waits for the managed run, which holds the params and metrics and ends FINISHED', async () => {
    autologState.config = resolveConfig({ extraTags: { team: 'tabular' } }, ['fake'], {});
    patchWith(logging);
    const model = new FakeModel();
    model.train({ value: {} });
    assert.ok(model.seenRunId, 'a managed run is active while the original trains');
    assert.equal(activeRun(), undefined, 'and not after it returned');
    assert.ok(backgroundCount() > 0, 'the run ends in the background');
    await flush();
    assert.equal(backgroundCount(), 0);
    const runs = await runsOf(experiment);
    assert.equal(runs.length, 1);
    const run = await readRun(serverUrl, runs[0]!.info.runId);
    assert.equal(run.info.status, 'FINISHED');
    assert.equal(run.tags['mlflow.autologging'], 'fake');
    assert.equal(run.tags.team, 'tabular');
    assert.equal(run.params.given, 'yes');
    assert.equal(run.metrics.training_score?.[0]?.value, 0.5);
  });

  test("the library's throw comes back synchronously as the very same error and the run ends FAILED", async () => {
    patchWith(logging);
    const error = new RangeError('bad shape');
    const { error: thrown, warnings } = await collectWarnings(async () => new FakeModel().train({ error }));
    assert.equal(thrown, error);
    assert.deepEqual(warnings, []);
    await flush();
    const runs = await runsOf(experiment);
    assert.equal(runs.length, 1);
    assert.equal(runs[0]!.info.status, 'FAILED');
  });

  test('the next autologged training call (sync or async) starts at once, without waiting for the earlier runs to end', async () => {
    patchWith(logging);
    class AsyncModel {
      started = 0;
      async fit(): Promise<void> {
        this.started = Date.now();
      }
    }
    safePatch('fake', AsyncModel.prototype, 'fit', async (call) => void (await call()));
    const first = new FakeModel();
    first.train({ value: {} });
    new FakeModel().train({ value: {} });
    const model = new AsyncModel();
    const called = Date.now();
    const fitting = model.fit();
    // NB: the original runs synchronously inside the call: nothing of the earlier runs was awaited.
    assert.ok(model.started > 0 && model.started - called < 50, 'fit started at once');
    await fitting;
    await flush();
    const statuses = (await runsOf(experiment)).map((r) => r.info.status).sort();
    assert.deepEqual(statuses, ['FINISHED', 'FINISHED', 'FINISHED'], 'every run ends, each on its own');
  });

  test('a run the user started is used and left open', async () => {
    patchWith(logging);
    const run = await startRun();
    try {
      const model = new FakeModel();
      model.train({ value: {} });
      assert.equal(model.seenRunId, run.runId);
      await flush();
      const read = await readRun(serverUrl, run.runId!);
      assert.equal(read.info.status, 'RUNNING');
      assert.equal(read.params.given, 'yes');
    } finally {
      await endRun();
    }
    assert.equal((await runsOf(experiment)).length, 1);
  });

  test('exclusive skips autologging inside a user run but not outside one', async () => {
    autologState.config = resolveConfig({ exclusive: true }, ['fake'], {});
    let patchRan = 0;
    patchWith((call, _self, args) => {
      patchRan++;
      call(...args);
    });
    await withRun(() => new FakeModel().train({ value: {} }));
    assert.equal(patchRan, 0);
    new FakeModel().train({ value: {} });
    assert.equal(patchRan, 1);
    await flush();
  });

  test('an agent error before the original runs it exactly once and is one warning', async () => {
    patchWith(() => {
      throw new Error('agent broke early');
    });
    const value = {};
    const model = new FakeModel();
    const { result, warnings } = await collectWarnings(async () => {
      const returned = model.train({ value });
      await flush();
      return returned;
    });
    assert.equal(result, value);
    assert.equal(model.calls, 1);
    assert.deepEqual(warnings, ['mlflow-autolog: Encountered unexpected error during fake autologging: agent broke early']);
    assert.equal((await runsOf(experiment))[0]!.info.status, 'FINISHED');
  });

  test("an agent error after the original ran keeps the original's value and is one warning", async () => {
    patchWith((call, _self, args, session) => {
      call(...args);
      session.fail(new Error('first'));
      throw new Error('second');
    });
    const value = {};
    const model = new FakeModel();
    const { result, warnings } = await collectWarnings(async () => {
      const returned = model.train({ value });
      await flush();
      return returned;
    });
    assert.equal(result, value);
    assert.equal(model.calls, 1);
    assert.deepEqual(warnings, ['mlflow-autolog: Encountered unexpected error during fake autologging: first']);
  });

  test('an agent error in background work (an upload) is one warning and the run still ends FINISHED', async () => {
    patchWith((call, _self, args, session) => {
      call(...args);
      session.track('upload', async () => {
        throw new Error('upload broke');
      });
    });
    const { warnings } = await collectWarnings(async () => {
      new FakeModel().train({ value: {} });
      await flush();
    });
    assert.deepEqual(warnings, ['mlflow-autolog: Encountered unexpected error during fake autologging: upload broke']);
    assert.equal((await runsOf(experiment))[0]!.info.status, 'FINISHED');
  });

  test('in testing mode an agent error is thrown synchronously, and a background one by flush()', async () => {
    process.env.MLFLOW_AUTOLOG_TESTING = 'true';
    try {
      const mine = new Error('agent broke');
      patchWith(() => {
        throw mine;
      });
      const model = new FakeModel();
      assert.throws(() => model.train({ value: {} }), (e) => e === mine);
      assert.equal(model.calls, 1, 'the original ran first');
      await flush();
      const late = new Error('late');
      patchWith((call, _self, args, session) => {
        call(...args);
        session.track('upload', async () => {
          throw late;
        });
      });
      new FakeModel().train({ value: {} });
      await assert.rejects(flush(), (e) => e === late);
      assert.deepEqual((await runsOf(experiment)).map((r) => r.info.status).sort(), ['FAILED', 'FINISHED']);
    } finally {
      delete process.env.MLFLOW_AUTOLOG_TESTING;
    }
  });

  test('a patch that calls the original twice gets an error; the original still runs only once', async () => {
    patchWith((call, _self, args) => {
      call(...args);
      call(...args);
    });
    const model = new FakeModel();
    const { warnings } = await collectWarnings(async () => {
      model.train({ value: {} });
      await flush();
    });
    assert.equal(model.calls, 1);
    assert.match(warnings[0]!, /tried to call train twice/);
  });

  test('a nested call of the same integration passes straight through to the original', async () => {
    let patchRan = 0;
    const inner = new FakeModel();
    patchWith((call, _self, args) => {
      patchRan++;
      inner.train({ value: {} });
      call(...args);
    });
    new FakeModel().train({ value: {} });
    await flush();
    assert.equal(patchRan, 1);
    assert.equal(inner.calls, 1);
    assert.equal((await runsOf(experiment)).length, 1);
  });

  test('disabled, the wrapper calls the original directly and creates no run', async () => {
    autologState.config = resolveConfig({ fake: { disable: true } }, ['fake'], {});
    let patchRan = 0;
    patchWith((call, _self, args) => {
      patchRan++;
      call(...args);
    });
    const value = {};
    assert.equal(new FakeModel().train({ value }), value);
    assert.equal(patchRan, 0);
    assert.equal(backgroundCount(), 0);
    assert.deepEqual(await runsOf(experiment), []);
  });
});

describe('safePatchConstructor', () => {
  let experiment: string;
  let serverUrl: string;
  before(async () => {
    serverUrl = (await testServer()).url;
  });
  beforeEach(() => {
    experiment = uniqueName('safe-patch-constructor');
    configure({ trackingUri: serverUrl, experimentName: experiment });
    autologState.config = resolveConfig({}, ['fake'], {});
  });

  const recordSlope: SyncPatchFunction<object, unknown[], object> = (call, self, args, session) => {
    const model = call(...args) as FakeRegression;
    session.logParams({ estimator_class: (self as Function).name });
    session.logMetrics({ slope: model.slope }, 0);
  };

  test('construction trains inside the boundary; instanceof, statics and name keep working', async () => {
    const exports = { FakeRegression };
    safePatchConstructor('fake', exports, 'FakeRegression', recordSlope);
    const Patched = exports.FakeRegression;
    assert.notEqual(Patched, FakeRegression);
    assert.ok(isWrapped(Patched));
    const model = new Patched([2], [6]);
    assert.ok(model instanceof FakeRegression);
    assert.ok(model instanceof Patched);
    assert.ok(new FakeRegression([1], [1]) instanceof Patched);
    assert.equal(model.constructor, FakeRegression);
    assert.equal(model.predict(2), 6);
    assert.equal(Patched.name, 'FakeRegression');
    assert.ok(Patched.load({ slope: 2 }) instanceof Patched);
    await flush();
    const runs = await runsOf(experiment);
    assert.equal(runs.length, 1, 'one run: load() inside the module is not autologged as training');
    const run = await readRun(serverUrl, runs[0]!.info.runId);
    assert.equal(run.params.estimator_class, 'FakeRegression');
    assert.equal(run.metrics.slope?.[0]?.value, 3);
    unwrapConstructor(exports, 'FakeRegression');
    assert.equal(exports.FakeRegression, FakeRegression);
  });

  test("the constructor's throw passes through as the same error and the run ends FAILED", async () => {
    const exports = { FakeRegression };
    safePatchConstructor('fake', exports, 'FakeRegression', recordSlope);
    const before = FakeRegression.constructed;
    assert.throws(() => new exports.FakeRegression([1, 2], [1]), (e) => e instanceof RangeError && e.message === 'x and y differ in length');
    assert.equal(FakeRegression.constructed, before + 1, 'the constructor ran once');
    await flush();
    assert.equal((await runsOf(experiment))[0]!.info.status, 'FAILED');
    unwrapConstructor(exports, 'FakeRegression');
  });

  test('a subclass of the patched class constructs instances of itself', async () => {
    const exports = { FakeRegression };
    safePatchConstructor('fake', exports, 'FakeRegression', recordSlope);
    class Doubled extends exports.FakeRegression {
      twice(x: number): number {
        return 2 * this.predict(x);
      }
    }
    const model = new Doubled([1], [3]);
    assert.ok(model instanceof Doubled);
    assert.equal(model.twice(1), 6);
    await flush();
    unwrapConstructor(exports, 'FakeRegression');
  });

  test('patching twice leaves one layer, and a frozen namespace gets the same replacement object every time', async () => {
    const exports = { FakeRegression };
    safePatchConstructor('fake', exports, 'FakeRegression', recordSlope);
    safePatchConstructor('fake', exports, 'FakeRegression', recordSlope);
    assert.equal((exports.FakeRegression as unknown as { __original: unknown }).__original, FakeRegression);
    unwrapConstructor(exports, 'FakeRegression');
    assert.equal(exports.FakeRegression, FakeRegression);

    const frozen = Object.freeze({ FakeRegression, other: 1 });
    const first = safePatchConstructor('fake', frozen, 'FakeRegression', recordSlope) as typeof frozen;
    const second = safePatchConstructor('fake', frozen, 'FakeRegression', recordSlope);
    assert.equal(frozen.FakeRegression, FakeRegression, 'the frozen namespace is untouched');
    assert.equal(first, second);
    assert.equal(first.other, 1);
    assert.equal(first.FakeRegression, safePatchClass('fake', FakeRegression, recordSlope));
    new first.FakeRegression([1], [5]);
    await flush();
    assert.equal((await runsOf(experiment)).length, 1);
  });

  test('disabled, construction is untouched and creates no run', async () => {
    autologState.config = resolveConfig({ disable: true }, ['fake'], {});
    const exports = { FakeRegression };
    safePatchConstructor('fake', exports, 'FakeRegression', recordSlope);
    assert.equal(new exports.FakeRegression([1], [4]).slope, 4);
    assert.equal(backgroundCount(), 0);
    assert.deepEqual(await runsOf(experiment), []);
    unwrapConstructor(exports, 'FakeRegression');
  });

  test('calling the patched class without new throws what the class throws', () => {
    const Patched = safePatchClass('fake', FakeRegression, recordSlope) as unknown as (x: number[], y: number[]) => unknown;
    assert.throws(() => Patched([1], [1]), TypeError);
  });
});
