/**
 * OpenTelemetry: with an SDK registered (an in-memory exporter here), each autologged training
 * call and the agent's upload work are spans carrying the run id.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import * as tf from '@tensorflow/tfjs';
import { autolog } from '../../src/autolog/autolog';
import { configure } from '../../src/tracking/fluent';
import { runsOf, uniqueName } from '../conformance/helpers';
import { testServer } from '../harness/mlflow-server';

function model(): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 2, inputShape: [3], activation: 'softmax' }));
  m.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
  return m;
}

describe('OpenTelemetry spans', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let experiment: string;

  before(async () => {
    trace.setGlobalTracerProvider(provider);
    experiment = uniqueName('tracing');
    configure({ trackingUri: (await testServer()).url, experimentName: experiment });
    autolog();
  });
  after(async () => {
    trace.disable();
    await provider.shutdown();
  });

  test('a training call is a span with mlflow.run_id, and so is each piece of upload work', async () => {
    exporter.reset();
    await model().fit(tf.ones([8, 3]), tf.ones([8, 2]), { epochs: 2, verbose: 0 });
    const [run] = await runsOf(experiment);
    assert.ok(run);
    const spans = exporter.getFinishedSpans();
    const fit = spans.find((s) => s.name === 'mlflow-autolog tfjs.fit');
    assert.ok(fit, spans.map((s) => s.name).join(', '));
    assert.equal(fit.attributes['mlflow.run_id'], run.info.runId);
    assert.equal(fit.attributes['mlflow.autolog.integration'], 'tfjs');
    // NB: params and datasets are journaled records, sent by the sender: no work of the call's own.
    for (const name of ['model-summary', 'log-model', 'flush']) {
      const span = spans.find((s) => s.name === `mlflow-autolog tfjs.${name}`);
      assert.ok(span, `span for ${name}`);
      assert.equal(span.attributes['mlflow.run_id'], run.info.runId);
    }
  });

  test("a training call that fails is a span with an error status, and the library's error is unchanged", async () => {
    exporter.reset();
    const error = await model()
      .fit(tf.ones([8, 4]), tf.ones([8, 2]), { epochs: 1, verbose: 0 })
      .then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof Error);
    const fit = exporter.getFinishedSpans().find((s) => s.name === 'mlflow-autolog tfjs.fit');
    assert.ok(fit);
    assert.equal(fit.status.code, SpanStatusCode.ERROR);
    assert.equal(fit.status.message, error.message);
  });
});
