/**
 * Starts the pinned, real `mlflow server` on a free loopback port, with a sqlite backend and
 * proxied artifacts in a temporary folder; waits for `/health`; stops it afterwards.
 *
 * `scripts/test.mjs` starts one for the whole run and passes its URL in MLFLOW_TEST_SERVER_URL;
 * a test file run alone starts its own through {@link testServer}.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { notInUnitTier, PYTHON } from './python';

export interface MlflowServer {
  url: string;
  /** The temporary folder holding the sqlite database and the artifacts. */
  dir: string;
  stop(): Promise<void>;
  /** Kills the server with SIGKILL (its folder stays), as a crash would. */
  crash(): Promise<void>;
  /** The server's process id (the leader of its process group). */
  readonly pid: number | undefined;
  /** Lets this process end while the server runs (its output is no longer read). */
  unref(): void;
  /** Starts it again on the same port and folder, after a crash. */
  restart(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface StartOptions {
  /** The Python whose `mlflow` runs the server (default: the project's .venv). */
  python?: string;
  extraArgs?: string[];
  env?: NodeJS.ProcessEnv;
  /**
   * An existing database to serve (`sqlite:///…`), with the server started in `cwd` (where the
   * store's relative paths point); default a new database and proxied artifacts in a temp folder.
   */
  existingStore?: { backendStoreUri: string; cwd: string };
  /** A backend store to start with (e.g. `postgresql://…`) instead of a new sqlite database in the temp folder. */
  backendStoreUri?: string;
  /**
   * Where clients write artifacts themselves (`s3://…`, `wasbs://…`): the server runs with
   * `--no-serve-artifacts --default-artifact-root <uri>` instead of proxying a temp folder.
   */
  defaultArtifactRoot?: string;
  /** How long to wait for /health, in ms (default 120 s: the first start compiles bytecode). */
  timeoutMs?: number;
}

export async function startMlflowServer(options: StartOptions = {}): Promise<MlflowServer> {
  notInUnitTier('an MLflow server');
  const dir = mkdtempSync(join(tmpdir(), 'mlflow-server-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess;
  try {
    child = await spawnServer(options, dir, port);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    dir,
    get pid() {
      return child.pid;
    },
    unref() {
      child.unref();
      for (const stream of [child.stdout, child.stderr]) (stream as unknown as { unref?(): void } | null)?.unref?.();
    },
    async stop() {
      await kill(child);
      rmSync(dir, { recursive: true, force: true });
    },
    async crash() {
      await kill(child, 'SIGKILL');
    },
    async restart() {
      child = await spawnServer(options, dir, port);
    },
  };
}

/** Starts `mlflow server` on `port` with its database and artifacts in `dir`; resolves once it answers /health. */
async function spawnServer(options: StartOptions, dir: string, port: number): Promise<ChildProcess> {
  const python = options.python ?? PYTHON;
  const args = [
    '-m', 'mlflow', 'server',
    '--host', '127.0.0.1',
    '--port', String(port),
    ...(options.existingStore
      ? ['--backend-store-uri', options.existingStore.backendStoreUri]
      : ['--backend-store-uri', options.backendStoreUri ?? `sqlite:///${join(dir, 'mlflow.db')}`]),
    ...(options.existingStore
      ? []
      : options.defaultArtifactRoot
        ? ['--no-serve-artifacts', '--default-artifact-root', options.defaultArtifactRoot]
        : ['--artifacts-destination', join(dir, 'mlartifacts')]),
    ...(options.extraArgs ?? []),
  ];
  const child = spawn(python, args, {
    cwd: options.existingStore?.cwd ?? dir,
    // NB: the server's background job runner (a dozen huey workers) is not needed for tracking
    // and would compete with the tests for the machine's two cores.
    env: { ...process.env, MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false', ...options.env, PATH: `${dirname(python)}:${process.env.PATH}` },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  try {
    await waitForHealth(`http://127.0.0.1:${port}`, child, options.timeoutMs ?? 120_000);
  } catch (error) {
    await kill(child);
    throw new Error(`mlflow server did not start: ${(error as Error).message}\n${output}`);
  }
  return child;
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no answer from ${url}/health within ${timeoutMs} ms`);
}

async function kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // NB: the server runs workers in child processes; signal the whole group.
  try {
    process.kill(-child.pid, signal);
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

let shared: Promise<MlflowServer> | undefined;

/**
 * The server for this test file: the run-wide one from MLFLOW_TEST_SERVER_URL, or one started
 * now and stopped when the file's tests end.
 */
export function testServer(): Promise<{ url: string }> {
  const url = process.env.MLFLOW_TEST_SERVER_URL;
  if (url) return Promise.resolve({ url });
  if (!shared) {
    shared = startMlflowServer();
    // NB: stopped when this file's process ends, not in an `after` hook: testServer() is called
    // from `before` hooks, where `after` would attach to the hook and stop the server at once.
    void shared.then((server) => {
      server.unref();
      process.once('exit', () => {
        try {
          process.kill(-server.pid!, 'SIGKILL');
        } catch {
          // gone already
        }
        rmSync(server.dir, { recursive: true, force: true });
      });
    });
  }
  return shared;
}
