/**
 * A package imported as an ES module by its file's URL or path, not by its name, as vitest
 * imports the packages it leaves to Node: the import hook must recognise the package's entry
 * file and patch it as for `import 'ml-kmeans'`, and leave the package's other files alone.
 * Each script runs with `--import mlflow-autolog/register` against the real server and without
 * the agent; the results must be the same.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { uniqueName } from '../conformance/helpers';
import { testServer } from '../harness/mlflow-server';
import { lastJson, runNode } from '../harness/node';
import { pythonJson, REPO_ROOT } from '../harness/python';

const KMEANS = join(REPO_ROOT, 'node_modules', 'ml-kmeans', 'lib');

/** A script that imports `specifier` and clusters four points with it. */
function script(specifier: string, exportName: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'esm-by-path-'));
  const file = join(dir, 'train.mjs');
  writeFileSync(
    file,
    `const { ${exportName}: kmeans } = await import(${JSON.stringify(specifier)});
const result = kmeans([[1, 1], [1, 2], [8, 8], [9, 8]], 2, { seed: 3 });
console.log(JSON.stringify({ clusters: result.clusters, centroids: result.centroids }));
`,
  );
  return file;
}

describe('a watched package imported by file URL or path', () => {
  let serverUrl: string;
  before(async () => {
    serverUrl = (await testServer()).url;
  });

  async function train(file: string, withAgent: boolean): Promise<{ experiment: string; result: unknown }> {
    const experiment = uniqueName('esm-by-path');
    const args = withAgent ? ['--import', 'mlflow-autolog/register', file] : [file];
    const { code, stdout, stderr } = await runNode(args, { MLFLOW_TRACKING_URI: serverUrl, MLFLOW_EXPERIMENT_NAME: experiment });
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /mlflow-autolog:/, 'no agent warning');
    return { experiment, result: lastJson(stdout) };
  }

  async function runsIn(experiment: string): Promise<{ status: string; estimator: string | null; K: string | null }[]> {
    return pythonJson(
      `import json, os, mlflow
client = mlflow.MlflowClient(os.environ['URI'])
e = client.get_experiment_by_name(os.environ['EXPERIMENT'])
runs = client.search_runs([e.experiment_id]) if e else []
print(json.dumps([{'status': r.info.status, 'estimator': r.data.tags.get('estimator_class'), 'K': r.data.params.get('K')} for r in runs]))`,
      { URI: serverUrl, EXPERIMENT: experiment },
    );
  }

  for (const [title, specifier] of [
    ['its entry file by file: URL', pathToFileURL(join(KMEANS, 'index.js')).href],
    ['its entry file by absolute path', join(KMEANS, 'index.js')],
  ] as const) {
    test(`${title} is patched as the package: one run, the same clusters as without the agent`, async () => {
      const file = script(specifier, 'kmeans');
      const plain = await train(file, false);
      const logged = await train(file, true);
      assert.deepEqual(logged.result, plain.result);
      assert.deepEqual(await runsIn(logged.experiment), [{ status: 'FINISHED', estimator: 'ml-kmeans.kmeans', K: '2' }]);
    });
  }

  test('another file of the package, imported by URL, is not taken for the package: no run, the same clusters', async () => {
    const file = script(pathToFileURL(join(KMEANS, 'kmeans.js')).href, 'kmeans');
    const plain = await train(file, false);
    const logged = await train(file, true);
    assert.deepEqual(logged.result, plain.result);
    assert.deepEqual(await runsIn(logged.experiment), []);
  });
});
