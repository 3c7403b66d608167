/**
 * moto's S3 server (`python -m moto.server`, from the project's .venv: the fake S3 MLflow's own
 * tests use) on a free loopback port, with one bucket; stopped by its process id. Moto checks no
 * signatures, so any key pair signs; `env` holds what a client of it needs, as MLflow reads it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './mlflow-server';
import { notInUnitTier, PYTHON } from './python';

export interface MotoServer {
  /** `http://127.0.0.1:<port>`, for MLFLOW_S3_ENDPOINT_URL. */
  endpoint: string;
  bucket: string;
  /** MLFLOW_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_DEFAULT_REGION for a client of this server. */
  env: Record<string, string>;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

export async function startMoto(options: { bucket?: string; timeoutMs?: number } = {}): Promise<MotoServer> {
  notInUnitTier('moto');
  const bucket = options.bucket ?? 'mlflow';
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'moto-'));
  const child = spawn(PYTHON, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: dir,
    // NB: no AWS settings of this machine reach the fake; it needs none.
    env: { PATH: process.env.PATH, HOME: dir, PYTHONWARNINGS: 'ignore' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-10_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const stop = async () => {
    await killGroup(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(endpoint, child, options.timeoutMs ?? 60_000);
    // NB: a path-style PUT of the bucket is CreateBucket; moto needs no signature for it.
    const created = await fetch(`${endpoint}/${bucket}`, { method: 'PUT' });
    if (!created.ok) throw new Error(`creating bucket ${bucket} answered HTTP ${created.status}: ${await created.text()}`);
  } catch (error) {
    await stop();
    throw new Error(`moto did not start: ${(error as Error).message}\n${output}`);
  }
  return {
    endpoint,
    bucket,
    env: { MLFLOW_S3_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_DEFAULT_REGION: 'us-east-1' },
    get pid() {
      return child.pid;
    },
    stop,
  };
}

/** Resolves once `url` answers HTTP at all; rejects if the process exits or time runs out. */
export async function waitFor(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
}

/** SIGTERM to the process group of `child` (SIGKILL after 5 s); resolves when it has exited. */
export async function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // gone
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}
