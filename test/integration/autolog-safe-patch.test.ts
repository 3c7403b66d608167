/**
 * safePatch, MLflow's safe_patch: the library's results and errors pass through as the same
 * objects, agent errors are one warning, the original runs exactly once, and managed runs end
 * with the right status. Uses a fake library method and the real MLflow server.
 */
import assert from 'node:assert/strict';
import { before, beforeEach, describe, test } from 'node:test';
import { resolveConfig } from '../../src/autolog/options';
import { safePatch, type PatchFunction } from '../../src/autolog/safe-patch';
import type { AutologSession } from '../../src/autolog/session';
import { isWrapped, unwrap, wrap } from '../../src/autolog/shimmer';
import { autologState } from '../../src/autolog/state';
import { activeRun, configure, endRun, startRun, withRun } from '../../src/tracking/fluent';
import { collectWarnings, runsOf, uniqueName } from '../conformance/helpers';
import { testServer } from '../harness/mlflow-server';
import { readRun } from '../harness/python';

/** A stand-in for a library: `train` resolves to (or rejects with) what the test hands it. */
class FakeModel {
  calls = 0;
  seenRunId: string | undefined;
  seenRun: ReturnType<typeof activeRun>;
  async train(outcome: { value?: object; error?: Error }): Promise<object | undefined> {
    this.calls++;
    // NB: the run may not exist on the server yet (training never waits for it): its id comes later.
    this.seenRun = activeRun();
    this.seenRunId = this.seenRun?.runId;
    await new Promise((r) => setImmediate(r));
    if (outcome.error) throw outcome.error;
    return outcome.value;
  }
}

function patchWith(patch: PatchFunction<FakeModel, [{ value?: object; error?: Error }], Promise<object | undefined>>): void {
  unwrap(FakeModel.prototype, 'train');
  safePatch('fake', FakeModel.prototype, 'train', patch);
}

const passThrough: PatchFunction<FakeModel, [{ value?: object; error?: Error }], Promise<object | undefined>> = async (call, _self, args) => {
  await call(...args);
};

describe('safePatch', () => {
  let serverUrl: string;
  let experiment: string;
  before(async () => {
    serverUrl = (await testServer()).url;
  });
  beforeEach(() => {
    experiment = uniqueName('safe-patch');
    configure({ trackingUri: serverUrl, experimentName: experiment });
    autologState.config = resolveConfig({}, ['fake'], {});
  });

  test("the library's resolved value comes back as the very same object", async () => {
    patchWith(passThrough);
    const value = { history: [1, 2, 3] };
    const model = new FakeModel();
    assert.equal(await model.train({ value }), value);
    assert.equal(model.calls, 1);
  });

  test("the library's rejection comes back as the very same error and the managed run ends FAILED", async () => {
    patchWith(passThrough);
    const error = new RangeError('bad shape');
    const { error: thrown, warnings } = await collectWarnings(() => new FakeModel().train({ error }));
    assert.equal(thrown, error);
    assert.deepEqual(warnings, []);
    const runs = await runsOf(experiment);
    assert.equal(runs.length, 1);
    assert.equal(runs[0]!.info.status, 'FAILED');
  });

  test('a call with no active run gets a managed run, active during training, tagged and ended FINISHED', async () => {
    autologState.config = resolveConfig({ extraTags: { team: 'vision' } }, ['fake'], {});
    patchWith(passThrough);
    const model = new FakeModel();
    await model.train({ value: {} });
    assert.equal(model.seenRun?.managedBy, 'fake', 'activeRun() inside training is the managed run');
    assert.equal(activeRun(), undefined, 'the managed run is not active after training');
    const run = await readRun(serverUrl, await model.seenRun.resolveRunId());
    assert.equal(run.info.status, 'FINISHED');
    assert.equal(run.tags['mlflow.autologging'], 'fake');
    assert.equal(run.tags.team, 'vision');
  });

  test('a run the user started is used and left open', async () => {
    patchWith(passThrough);
    const run = await startRun();
    try {
      const model = new FakeModel();
      await model.train({ value: {} });
      assert.equal(model.seenRunId, run.runId);
      assert.equal((await readRun(serverUrl, run.runId!)).info.status, 'RUNNING');
    } finally {
      await endRun();
    }
    assert.equal((await runsOf(experiment)).length, 1);
  });

  test('exclusive skips autologging inside a user run but not outside one', async () => {
    autologState.config = resolveConfig({ exclusive: true }, ['fake'], {});
    let patchRan = 0;
    patchWith(async (call, _self, args) => {
      patchRan++;
      await call(...args);
    });
    await withRun(() => new FakeModel().train({ value: {} }));
    assert.equal(patchRan, 0);
    await new FakeModel().train({ value: {} });
    assert.equal(patchRan, 1);
  });

  test('an agent error before the original runs it exactly once and is one warning', async () => {
    patchWith(async () => {
      throw new Error('agent broke early');
    });
    const value = {};
    const model = new FakeModel();
    const { result, warnings } = await collectWarnings(() => model.train({ value }));
    assert.equal(result, value);
    assert.equal(model.calls, 1);
    assert.deepEqual(warnings, ['mlflow-autolog: Encountered unexpected error during fake autologging: agent broke early']);
  });

  test("an agent error after the original ran keeps the original's value and is one warning", async () => {
    patchWith(async (call, _self, args, session: AutologSession) => {
      await call(...args);
      session.fail(new Error('first'));
      throw new Error('second');
    });
    const value = {};
    const model = new FakeModel();
    const { result, warnings } = await collectWarnings(() => model.train({ value }));
    assert.equal(result, value);
    assert.equal(model.calls, 1);
    assert.deepEqual(warnings, ['mlflow-autolog: Encountered unexpected error during fake autologging: first']);
  });

  test('an agent error raised while the original is still running waits for it and keeps its rejection', async () => {
    patchWith(async (call, _self, args) => {
      void call(...args).catch(() => undefined);
      throw new Error('agent gave up');
    });
    const error = new TypeError('library failed');
    const model = new FakeModel();
    const { error: thrown, warnings } = await collectWarnings(() => model.train({ error }));
    assert.equal(thrown, error);
    assert.equal(model.calls, 1);
    assert.equal(warnings.length, 1);
  });

  test('a patch that calls the original twice gets an error; the original still runs only once', async () => {
    patchWith(async (call, _self, args) => {
      await call(...args);
      await call(...args);
    });
    const model = new FakeModel();
    const { warnings } = await collectWarnings(() => model.train({ value: {} }));
    assert.equal(model.calls, 1);
    assert.match(warnings[0]!, /tried to call train twice/);
  });

  test('silent suppresses the warning but not the fallback to the original', async () => {
    autologState.config = resolveConfig({ silent: true }, ['fake'], {});
    patchWith(async () => {
      throw new Error('quiet please');
    });
    const model = new FakeModel();
    const { warnings } = await collectWarnings(() => model.train({ value: {} }));
    assert.deepEqual(warnings, []);
    assert.equal(model.calls, 1);
  });

  test('a nested call of the same integration passes straight through to the original', async () => {
    let patchRan = 0;
    const inner = new FakeModel();
    patchWith(async (call, _self, args) => {
      patchRan++;
      await inner.train({ value: {} });
      await call(...args);
    });
    await new FakeModel().train({ value: {} });
    assert.equal(patchRan, 1);
    assert.equal(inner.calls, 1);
    assert.equal((await runsOf(experiment)).length, 1);
  });

  test('disabled, the wrapper calls the original directly and creates no run', async () => {
    autologState.config = resolveConfig({ fake: { disable: true } }, ['fake'], {});
    let patchRan = 0;
    patchWith(async (call, _self, args) => {
      patchRan++;
      await call(...args);
    });
    const value = {};
    assert.equal(await new FakeModel().train({ value }), value);
    assert.equal(patchRan, 0);
    assert.deepEqual(await runsOf(experiment), []);
  });
});

describe('wrap and unwrap', () => {
  test('wrapping twice leaves one layer and unwrapping restores the original method', () => {
    class Target {
      method(): string {
        return 'original';
      }
    }
    const original = Target.prototype.method;
    const layer = (orig: Function) =>
      function (this: unknown) {
        return `wrapped(${orig.call(this)})`;
      };
    wrap(Target.prototype, 'method', layer);
    wrap(Target.prototype, 'method', layer);
    assert.equal(new Target().method(), 'wrapped(original)');
    assert.ok(isWrapped(Target.prototype.method));
    assert.equal(Object.getOwnPropertyDescriptor(Target.prototype, 'method')!.enumerable, false);
    unwrap(Target.prototype, 'method');
    assert.equal(Target.prototype.method, original);
    assert.equal(isWrapped(Target.prototype.method), false);
  });

  test('unwrap leaves a method alone when someone replaced the wrapper since', () => {
    const target = { method: () => 'original' };
    wrap(target, 'method', () => () => 'wrapped');
    const theirs = () => 'theirs';
    const ours = target.method as unknown as { __unwrap(): void };
    target.method = theirs;
    ours.__unwrap();
    assert.equal(target.method, theirs);
  });

  test('wrapping a subclass over an inherited wrapper keeps the parent wrapped', () => {
    class Parent {
      run(): string {
        return 'parent';
      }
    }
    class Child extends Parent {}
    wrap(Parent.prototype, 'run', (orig) => function (this: unknown) { return `p(${orig.call(this)})`; });
    wrap(Child.prototype, 'run', (orig) => function (this: unknown) { return `c(${orig.call(this)})`; });
    assert.equal(new Child().run(), 'c(p(parent))');
    unwrap(Child.prototype, 'run');
    assert.equal(new Child().run(), 'p(parent)');
    assert.ok(isWrapped(Parent.prototype.run));
  });
});
