/**
 * The tfjs ONNX exports against Python's own readers: `onnx.checker` (full check, with shape
 * inference) accepts every file, and Python onnxruntime predicts on them what tfjs predicts.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { tfjsToOnnx } from '../../instrumentations/tfjs/onnx';
import type { TfLayersModel } from '../../instrumentations/tfjs/internal-types';
import { inputArrays, type NamedArray, predictTfjs, ZOO } from '../fixtures/tfjs-onnx-zoo';
import { pythonJson } from '../harness/python';

const TOLERANCE = 1e-5;

interface PythonResult {
  /** The checker's error, or null when it accepted the file. */
  check: string | null;
  /** The largest absolute difference of each output from tfjs's prediction (null when Python lacked it). */
  diffs: Record<string, number | null>;
  inputNames: string[];
  outputNames: string[];
  error: string | null;
}

const CHECK_AND_PREDICT = `
import json, sys
import numpy as np
import onnx
import onnxruntime as ort

folder = sys.argv[1]
cases = json.load(open(folder + '/cases.json'))
results = {}
for name, case in cases.items():
    path = f'{folder}/{name}.onnx'
    result = {'check': None, 'diffs': {}, 'inputNames': [], 'outputNames': [], 'error': None}
    try:
        onnx.checker.check_model(onnx.load(path), full_check=True)
    except Exception as e:
        result['check'] = f'{type(e).__name__}: {e}'
    try:
        session = ort.InferenceSession(path, providers=['CPUExecutionProvider'])
        result['inputNames'] = [i.name for i in session.get_inputs()]
        result['outputNames'] = [o.name for o in session.get_outputs()]
        feeds = {k: np.array(v['data'], dtype=np.float32).reshape(v['shape']) for k, v in case['inputs'].items()}
        got = dict(zip(result['outputNames'], session.run(None, feeds)))
        for k, want in case['expected'].items():
            if k not in got or list(got[k].shape) != want['shape']:
                result['diffs'][k] = None
            else:
                diff = np.abs(got[k].astype(np.float64) - np.array(want['data'], dtype=np.float64).reshape(want['shape']))
                result['diffs'][k] = float(np.max(diff)) if not np.isnan(diff).any() else None
    except Exception as e:
        result['error'] = f'{type(e).__name__}: {e}'
    results[name] = result
print(json.dumps(results))
`;

describe('tfjs ONNX exports read by Python onnx and onnxruntime', () => {
  const models: Record<string, { inputNames: string[]; outputNames: string[] }> = {};
  let results: Record<string, PythonResult> = {};

  before(async () => {
    const folder = await mkdtemp(join(tmpdir(), 'mlflow-autolog-tfjs-onnx-'));
    const cases: Record<string, { inputs: Record<string, NamedArray>; expected: Record<string, NamedArray> }> = {};
    for (const [name, build] of Object.entries(ZOO)) {
      const zoo = build();
      cases[name] = { inputs: inputArrays(zoo), expected: predictTfjs(zoo) };
      models[name] = { inputNames: zoo.model.inputNames, outputNames: zoo.model.outputNames };
      await writeFile(join(folder, `${name}.onnx`), tfjsToOnnx(zoo.model as unknown as TfLayersModel));
    }
    await writeFile(join(folder, 'cases.json'), JSON.stringify(cases));
    results = await pythonJson<Record<string, PythonResult>>(CHECK_AND_PREDICT.replace('sys.argv[1]', JSON.stringify(folder)));
  });

  for (const name of Object.keys(ZOO)) {
    test(`the ${name} model passes onnx.checker's full check and predicts in Python onnxruntime what tfjs predicts`, () => {
      const result = results[name];
      assert.ok(result, `Python returned nothing for ${name}`);
      assert.equal(result.check, null);
      assert.equal(result.error, null);
      assert.deepEqual(result.inputNames, models[name]!.inputNames);
      assert.deepEqual(result.outputNames, models[name]!.outputNames);
      assert.deepEqual(Object.keys(result.diffs).sort(), [...models[name]!.outputNames].sort());
      for (const [output, diff] of Object.entries(result.diffs)) {
        assert.ok(diff !== null && diff <= TOLERANCE, `${output}: largest difference ${diff}`);
      }
    });
  }
});
