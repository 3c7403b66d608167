/** Running the README's first command's script the way a new user does. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './python';

const exec = promisify(execFile);

/** Runs the quickstart in a new folder with no tracking URI; resolves to the folder, what it printed, and the ids it named. */
export async function runQuickstart(): Promise<{ cwd: string; stdout: string; runId: string; modelId: string }> {
  const cwd = mkdtempSync(join(tmpdir(), 'quickstart-'));
  const env = { ...process.env, MLFLOW_TRACKING_URI: '', MLFLOW_EXPERIMENT_NAME: '', MLFLOW_EXPERIMENT_ID: '' };
  const { stdout } = await exec(process.execPath, [join(REPO_ROOT, 'examples', 'quickstart', 'train.js')], { cwd, env });
  const runId = /Trained and logged run ([0-9a-f]{32})/.exec(stdout)?.[1];
  const modelId = /model: +models:\/(m-[0-9a-f]{32})/.exec(stdout)?.[1];
  assert.ok(runId && modelId, stdout);
  return { cwd, stdout, runId, modelId };
}
