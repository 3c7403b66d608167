/**
 * MLflow releases other than the pinned one, run with the pinned one's Python: each is installed
 * (scripts/install-mlflow-versions.sh) with `pip install --no-deps --target .mlflow-versions/<version>`
 * and put first on PYTHONPATH, so its `mlflow` package shadows the one in .venv while reusing
 * .venv's dependencies (SQLAlchemy, alembic, …) and the few pins its folder adds.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PYTHON, REPO_ROOT } from './python';

const run = promisify(execFile);

/** Where scripts/install-mlflow-versions.sh puts the releases: `<dir>/<version>/`. */
export const MLFLOW_VERSIONS_DIR = process.env.MLFLOW_VERSIONS_DIR ?? join(REPO_ROOT, '.mlflow-versions');

export interface MlflowRelease {
  version: string;
  /** The alembic head revision of the release's schema (docs/research/sqlite-store.md, section 2). */
  head: string;
  /** Its folder, first on PYTHONPATH; none for the pinned release in .venv. */
  pythonPath?: string;
  /** `mlflow db upgrade` can create a database from an empty file (3.14 on: `_is_empty_database`). */
  upgradesEmptyFile: boolean;
}

/** The release of `version` installed under {@link MLFLOW_VERSIONS_DIR}. */
export function installedRelease(version: string, head: string, upgradesEmptyFile: boolean): MlflowRelease {
  return { version, head, pythonPath: join(MLFLOW_VERSIONS_DIR, version), upgradesEmptyFile };
}

/** The pinned release, in .venv. */
export const PINNED_RELEASE: MlflowRelease = { version: '3.18.0', head: 'f4a9b2c7d1e6', upgradesEmptyFile: true };

/** Why the release cannot run here (not installed), or undefined when it can. */
export function releaseMissing(release: MlflowRelease): string | undefined {
  if (!existsSync(PYTHON)) return `${PYTHON} is missing: run scripts/install-mlflow.sh`;
  if (release.pythonPath && !existsSync(join(release.pythonPath, '.installed'))) {
    return `MLflow ${release.version} is not installed in ${release.pythonPath}: run scripts/install-mlflow-versions.sh`;
  }
  return undefined;
}

/**
 * Runs `python <args>` with the release's `mlflow` in `cwd`, and resolves to its stdout; rejects
 * with stderr in the message. MLflow resolves its default artifact root (`./mlruns`) against the
 * working folder, hence `cwd`.
 */
export async function runRelease(release: MlflowRelease, args: string[], cwd: string): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONWARNINGS: 'ignore' };
  if (release.pythonPath) env.PYTHONPATH = release.pythonPath;
  else delete env.PYTHONPATH;
  try {
    const { stdout } = await run(PYTHON, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`MLflow ${release.version}: python ${args.join(' ')} failed: ${e.stderr || e.message}`);
  }
}

/** Runs a Python snippet with the release's `mlflow` and parses the JSON it prints last. */
export async function releaseJson<T = unknown>(release: MlflowRelease, code: string, cwd: string): Promise<T> {
  const out = await runRelease(release, ['-c', code], cwd);
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as T;
}
