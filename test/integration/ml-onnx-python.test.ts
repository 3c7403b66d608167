/**
 * The ONNX files the ml.js and brain.js exporters write are valid for an independent reader: the
 * project's Python (.venv: onnx, onnxruntime) runs `onnx.checker.check_model(full_check=True)`
 * on each and predicts with onnxruntime what the flavors predict in Node (labels exactly, numbers
 * within 1e-5).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { brainjsCase, brainjsVersions, brainjsZoo, mljsCase, mljsZoo, type ZooCase } from '../fixtures/ml-onnx-zoo';
import { pythonJson } from '../harness/python';

interface PythonResult {
  checked: boolean;
  error?: string;
  inputs?: string[];
  outputs?: Record<string, { dtype: string; shape: number[]; data: number[] }>;
}

const PREDICT = `import json, os, sys
import numpy as np, onnx, onnxruntime as ort
cases = json.load(open(os.environ['CASES']))
results = {}
for file, feeds in cases.items():
    path = os.path.join(os.environ['DIR'], file)
    try:
        onnx.checker.check_model(onnx.load(path), full_check=True)
        session = ort.InferenceSession(path, providers=['CPUExecutionProvider'])
        out = session.run(None, {k: np.array(v['data'], dtype=np.float64).reshape(v['dims']) for k, v in feeds.items()})
        results[file] = {'checked': True, 'inputs': [i.name for i in session.get_inputs()], 'outputs': {
            o.name: {'dtype': str(a.dtype), 'shape': list(a.shape), 'data': a.reshape(-1).tolist()} for o, a in zip(session.get_outputs(), out)}}
    except Exception as e:
        results[file] = {'checked': False, 'error': f'{type(e).__name__}: {e}'}
print(json.dumps(results))`;

const cases: ZooCase[] = [
  ...mljsZoo().map(({ name, model, rows }) => mljsCase(name, model, rows)),
  ...brainjsVersions().flatMap(({ version, brain }) => brainjsZoo(brain).map(({ name, net, rows }) => brainjsCase(`brain.js ${version} ${name}`, net, rows))),
];
const fileOf = (i: number) => `model-${i}.onnx`;
let dir: string;
let results: Record<string, PythonResult>;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ml-onnx-'));
  const feeds: Record<string, ZooCase['feeds']> = {};
  cases.forEach((c, i) => {
    writeFileSync(join(dir, fileOf(i)), c.onnx);
    feeds[fileOf(i)] = c.feeds;
  });
  writeFileSync(join(dir, 'cases.json'), JSON.stringify(feeds));
  results = await pythonJson<Record<string, PythonResult>>(PREDICT, { DIR: dir, CASES: join(dir, 'cases.json') });
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('exported ONNX models read back by Python onnx and onnxruntime', () => {
  test('both ml.js and brain.js models are among the files checked', () => {
    assert.ok(cases.filter((c) => c.name.startsWith('ml-')).length >= 15);
    assert.ok(cases.filter((c) => c.name.startsWith('brain.js')).length >= 5);
  });

  cases.forEach((c, i) => {
    test(`${c.name}: passes onnx's full check and predicts in Python what Node predicts`, () => {
      const result = results[fileOf(i)]!;
      assert.equal(result.error, undefined);
      assert.equal(result.checked, true);
      assert.deepEqual([...result.inputs!].sort(), Object.keys(c.feeds).sort());
      assert.deepEqual(Object.keys(result.outputs!).sort(), Object.keys(c.expected).sort());
      for (const [name, want] of Object.entries(c.expected)) {
        const got = result.outputs![name]!;
        assert.equal(got.dtype, want.type, `${name} dtype`);
        assert.deepEqual(got.shape, want.dims, `${name} shape`);
        if (want.type === 'int64') assert.deepEqual(got.data, want.data, `${name} labels`);
        else want.data.forEach((v, j) => assert.ok(Math.abs(got.data[j]! - v) <= 1e-5 * Math.max(1, Math.abs(v)), `${name}[${j}]: ${got.data[j]} vs Node ${v}`));
      }
    });
  });
});
