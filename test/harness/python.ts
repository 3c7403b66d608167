/**
 * Runs MLflow's own Python client (from the project's .venv) to read back what the package wrote:
 * an independent reader that no one here wrote.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const REPO_ROOT = join(__dirname, '..', '..');
/** The Python with the pinned mlflow; MLFLOW_TEST_PYTHON overrides it. */
export const PYTHON = process.env.MLFLOW_TEST_PYTHON ?? join(REPO_ROOT, '.venv', 'bin', 'python');
/** The Python with the last MLflow 2.x release (a server without logged models). */
export const PYTHON_MLFLOW2 = join(REPO_ROOT, '.venv-mlflow2', 'bin', 'python');

/**
 * Throws in the fast tier (`npm run test:unit`, MLFLOW_TEST_TIER=unit), which runs with Node
 * alone: a test that needs `what` belongs in test/integration.
 */
export function notInUnitTier(what: string): void {
  if (process.env.MLFLOW_TEST_TIER === 'unit') throw new Error(`the unit tier runs with Node alone; a test that needs ${what} belongs in test/integration`);
}

/** Runs `python <args>` and resolves to its stdout; rejects with stderr in the message. */
export async function runPython(args: string[], env: NodeJS.ProcessEnv = {}, python = PYTHON): Promise<string> {
  notInUnitTier('Python');
  try {
    const { stdout } = await run(python, args, {
      env: { ...process.env, PYTHONWARNINGS: 'ignore', ...env },
      maxBuffer: 256 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`python ${args.join(' ')} failed: ${e.stderr || e.message}`);
  }
}

/** Runs a Python snippet (`python -c`) and parses the JSON it prints last. */
export async function pythonJson<T = unknown>(code: string, env: NodeJS.ProcessEnv = {}, python = PYTHON): Promise<T> {
  const out = await runPython(['-c', code], env, python);
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as T;
}

export interface ReadBackRun {
  info: {
    run_id: string;
    run_name: string;
    experiment_id: string;
    status: string;
    start_time: number;
    end_time: number | null;
    user_id: string;
    artifact_uri: string;
    lifecycle_stage: string;
  };
  params: Record<string, string>;
  tags: Record<string, string>;
  metrics: Record<string, { step: number; value: number | 'NaN' | 'Infinity' | '-Infinity'; timestamp: number }[]>;
  artifacts: { path: string; is_dir: boolean; file_size: number | null }[];
  inputs: { name: string; digest: string; source_type: string; schema: string; profile: string; tags: Record<string, string> }[];
  outputs: string[];
}

/** Reads a run with `MlflowClient(tracking_uri).get_run` and friends (test/python/read_run.py). */
export async function readRun(trackingUri: string, runId: string, env: NodeJS.ProcessEnv = {}, python = PYTHON): Promise<ReadBackRun> {
  const out = await runPython([join(REPO_ROOT, 'test', 'python', 'read_run.py'), trackingUri, runId], env, python);
  return JSON.parse(out) as ReadBackRun;
}
