/**
 * The CLI's plain-text tables are laid out exactly as MLflow's own CLI lays them out: its
 * `_create_table`, run on the same rows with the pinned MLflow.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTable } from '../../src/cli/table';
import { pythonJson } from '../harness/python';

test('a table is laid out character for character as MLflow\'s _create_table lays out the same rows', async () => {
  const headers = ['Date', 'Name', 'ID'];
  const rows = [
    ['2026-11-30 04:13:15 UTC', 'quick-bee-864', '9883b37aef524474831648859947717d'],
    ['2026-11-30 04:13:14 UTC', 'a', 'c6e5aace07764f9b90cce0a8e3524879'],
    ['', 'x', 'y'],
  ];
  const mlflow = await pythonJson<string>(
    `import json; from mlflow.utils.string_utils import _create_table; print(json.dumps(_create_table(${JSON.stringify(rows)}, headers=${JSON.stringify(headers)})))`,
  );
  // NB: MLflow pads the last column too; trailing spaces are all we drop.
  assert.equal(formatTable(headers, rows), mlflow.split('\n').map((line) => line.trimEnd()).join('\n'));
});

