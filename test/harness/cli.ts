/**
 * Running the built `mlflow-autolog` command as a user does, and filling a store for it to read
 * with test/fixtures/fill-local-store.js (runs, metric histories, a text artifact, a nested run
 * and an autologged ml.js forest registered with the alias @champion).
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uniqueName } from '../conformance/helpers';
import { lastJson, runNode, type NodeResult } from './node';
import { REPO_ROOT } from './python';

export const CLI = join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');
const FILL = join(REPO_ROOT, 'test', 'fixtures', 'fill-local-store.js');

/** Runs `mlflow-autolog <args>` in `cwd` with no tracking URI or experiment of the test's environment unless `env` gives one. */
export function cli(args: string[], env: NodeJS.ProcessEnv = {}, cwd = REPO_ROOT): Promise<NodeResult> {
  return runNode([CLI, ...args], { MLFLOW_TRACKING_URI: '', MLFLOW_EXPERIMENT_NAME: '', MLFLOW_EXPERIMENT_ID: '', ...env }, cwd);
}

export interface FilledStore {
  /** The folder the fixture ran in (a local store's ./mlflow.db is there). */
  cwd: string;
  /** What to pass as --tracking-uri: the server's URL or `sqlite:///<cwd>/mlflow.db`. */
  trackingUri: string;
  experiment: string;
  model: string;
  /** The runs in the order the fixture made them (the forest's run last), the forest's model id and version. */
  ids: { runIds: string[]; modelId: string; version: string };
}

/**
 * Fills `server` (a URL), or a new local SQLite store when undefined, with `runs` runs of `points`
 * points each; the fixture runs in a new folder under `parent`.
 */
export async function fillStore(server: string | undefined, runs = 2, points = 20, parent = tmpdir()): Promise<FilledStore> {
  const cwd = mkdtempSync(join(parent, 'cli-store-'));
  const experiment = uniqueName('cli');
  const model = uniqueName('cli-forest');
  const filled = await runNode([FILL, String(runs), String(points), model], { MLFLOW_TRACKING_URI: server ?? '', MLFLOW_EXPERIMENT_NAME: experiment }, cwd);
  assert.equal(filled.code, 0, filled.stderr);
  const ids = lastJson<FilledStore['ids']>(filled.stdout);
  return { cwd, trackingUri: server ?? `sqlite:///${join(cwd, 'mlflow.db')}`, experiment, model, ids };
}
