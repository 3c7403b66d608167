/**
 * A model logged by each example (tfjs, brain.js, natural, ml.js, the custom model), run as its
 * README says into a temporary local store (`sqlite:///<tmp>/mlflow.db`, no server), with what a
 * serving test needs of each: its `models:/` URI, its local folder, its input example and
 * `serving_input_example.json`, and what `loadModel(uri).predict` gives for that example.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadModel, loadModel } from '../../src/models/model-api';
import { loadInputExample, type InputExampleInfo } from '../../src/models/input-example';
import { MlflowClient } from '../../src/tracking/client';
import { configure } from '../../src/tracking/fluent';
import { finalModelId } from '../conformance/helpers';
import { lastJson, runNode } from './node';
import { REPO_ROOT } from './python';
import { toCsv } from './scoring-server';

const REGISTER = join(REPO_ROOT, 'dist', 'src', 'register.js');
const example = (path: string) => join(REPO_ROOT, 'examples', path);

/** The examples that log a model, and how each is run. */
const EXAMPLES = [
  { name: 'tfjs', args: ['--require', REGISTER, example('tfjs-preload/train.js')] },
  { name: 'brainjs', args: ['--require', REGISTER, example('brainjs/train.js')] },
  { name: 'natural', args: ['--require', REGISTER, example('natural/train.js')] },
  { name: 'mljs', args: ['--require', REGISTER, example('mljs/train-forest.js')] },
  { name: 'custom', args: [example('custom-model/log-model.js')], allowCode: true },
] as const;

export type ExampleName = (typeof EXAMPLES)[number]['name'];

/** One example's logged model. */
export interface ExampleModel {
  name: ExampleName;
  uri: string;
  dir: string;
  /** A custom model: loading it runs its code. */
  allowCode: boolean;
  /** `serving_input_example.json`, as the file holds it. */
  servingText: string;
  /** The input example as `loadInputExample` reads it: records for DataFrames, nested lists for tensors. */
  input: unknown;
  params?: Record<string, unknown>;
  /** `loadModel(uri).predict(input, params)`, in this process. */
  expected: unknown;
}

/** The local store the models went to. */
export interface ExampleStore {
  dir: string;
  trackingUri: string;
  models: Record<ExampleName, ExampleModel>;
}

/** Runs every example into a new local store and loads back what each logged. */
export async function logExampleModels(): Promise<ExampleStore> {
  const dir = mkdtempSync(join(tmpdir(), 'serve-examples-'));
  const trackingUri = `sqlite:///${join(dir, 'mlflow.db')}`;
  const client = new MlflowClient({ trackingUri });
  const uris = {} as Record<ExampleName, string>;
  // NB: one at a time: they share one SQLite file, and the machine's cores.
  for (const { name, args } of EXAMPLES) {
    const env = { MLFLOW_TRACKING_URI: trackingUri, MLFLOW_EXPERIMENT_NAME: name, MLFLOW_AUTOLOG_LOG_INPUT_EXAMPLES: 'true' };
    const { code, stdout, stderr } = await runNode([...args], env, dir);
    assert.equal(code, 0, `${name}: ${stderr}`);
    if (name === 'custom') {
      uris[name] = lastJson<{ modelUri: string }>(stdout).modelUri;
      continue;
    }
    const experiment = await client.getExperimentByName(name);
    const { runs } = await client.searchRuns({ experimentIds: [experiment!.experimentId] });
    const outputs = runs[0]?.outputs.modelOutputs.map((o) => o.modelId) ?? [];
    assert.ok(outputs.length > 0, `${name} logged a model`);
    const modelId = await finalModelId(outputs, client);
    uris[name] = `models:/${modelId}`;
  }
  configure({ trackingUri });
  const models = {} as Record<ExampleName, ExampleModel>;
  for (const { name, ...rest } of EXAMPLES) {
    const allowCode = 'allowCode' in rest;
    const uri = uris[name];
    const modelDir = await downloadModel(uri);
    const model = await loadModel(uri, { allowCode });
    const info = model.metadata.savedInputExampleInfo as InputExampleInfo | undefined;
    assert.ok(info?.serving_input_path, `${name} saved a serving input example`);
    const loaded = await loadInputExample(modelDir, info, { schema: model.signature?.inputs });
    const { input, params } = info.params ? (loaded as { input: unknown; params: Record<string, unknown> }) : { input: loaded, params: undefined };
    models[name] = {
      name,
      uri,
      dir: modelDir,
      allowCode,
      servingText: readFileSync(join(modelDir, info.serving_input_path), 'utf8'),
      input,
      params,
      expected: await model.predict(input, params),
    };
  }
  return { dir, trackingUri, models };
}

/** The input example as each JSON format (and CSV) carries it, for a DataFrame or a tensor example. */
export function equivalentPayloads(model: ExampleModel): { name: string; body: unknown; contentType?: string }[] {
  const { input, params } = model;
  const withParams = (body: Record<string, unknown>) => (params ? { ...body, params } : body);
  if (Array.isArray(input) && input.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r))) {
    const records = input as Record<string, unknown>[];
    const columns = Object.keys(records[0]!);
    return [
      { name: 'dataframe_records', body: withParams({ dataframe_records: records }) },
      { name: 'instances', body: withParams({ instances: records }) },
      { name: 'inputs as columns', body: withParams({ inputs: Object.fromEntries(columns.map((c) => [c, records.map((r) => r[c])])) }) },
      { name: 'CSV', body: toCsv(columns, records.map((r) => columns.map((c) => r[c]))), contentType: 'text/csv' },
    ];
  }
  const rows = input as unknown[][];
  return [
    { name: 'instances', body: withParams({ instances: rows }) },
    { name: 'dataframe_split without columns', body: withParams({ dataframe_split: { data: rows } }) },
    { name: 'dataframe_records of rows', body: withParams({ dataframe_records: rows }) },
    { name: 'CSV', body: toCsv(rows[0]!.map((_, i) => `c${i}`), rows), contentType: 'text/csv' },
  ];
}
