/**
 * Scoring servers in child processes, for the serving tests: `mlflow-autolog models serve` (the
 * built CLI) and MLflow's own `mlflow models serve --env-manager local` (the pinned .venv), each
 * started on a free loopback port and awaited until it answers; requests and answers as the tests
 * read them; a stop that signals and awaits the exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { freePort } from './mlflow-server';
import { PYTHON, REPO_ROOT } from './python';

/** The built CLI (`npm run build`). */
export const CLI = join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');

/** A scoring server process. */
export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** Resolves with the first match of `pattern` in stderr, once it appears. */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` (to its process group for MLflow's) and awaits the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function watch(child: ChildProcess, killGroup: boolean): Omit<ServeProcess, 'url'> {
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const wake of waiters) wake();
  });
  child.stdout?.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
      for (const wake of waiters) wake();
    });
  });
  return {
    child,
    stderr: () => stderr,
    exited,
    waitForStderr(pattern, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`no ${pattern} on stderr within ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
        const check = () => {
          const match = pattern.exec(stderr);
          if (match) finish(undefined, match);
          else if (child.exitCode !== null || child.signalCode !== null) finish(new Error(`exited (${child.exitCode ?? child.signalCode}) before ${pattern}:\n${stderr}`));
        };
        const finish = (error?: Error, match?: RegExpExecArray) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (error) reject(error);
          else resolve(match!);
        };
        waiters.add(check);
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          if (killGroup) process.kill(-child.pid!, signal);
          else child.kill(signal);
        } catch {
          // gone already
        }
      }
      return exited;
    },
  };
}

/** Starts `mlflow-autolog models serve -m <uri> <args>`; resolves once it prints where it listens. */
export async function startModelsServe(uri: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'models', 'serve', '-m', uri, '-p', String(port), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const served = watch(child, false);
  try {
    const [, url] = await served.waitForStderr(/Listening at: (http:\/\/\S+)/);
    return { ...served, url: url! };
  } catch (error) {
    await served.stop('SIGKILL');
    throw error;
  }
}

/** Starts `mlflow models serve -m <dir or URI> --env-manager local` (`env` added); resolves once /ping answers 200. */
export async function startMlflowModelsServe(modelDir: string, timeoutMs = 240_000, env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const port = await freePort();
  const child = spawn(PYTHON, ['-m', 'mlflow', 'models', 'serve', '-m', modelDir, '--env-manager', 'local', '-h', '127.0.0.1', '-p', String(port)], {
    cwd: REPO_ROOT,
    // NB: MLflow starts uvicorn by name, from PATH; in its own process group so that stop ends uvicorn too.
    env: { ...process.env, ...env, PATH: `${dirname(PYTHON)}:${process.env.PATH}`, PYTHONWARNINGS: 'ignore' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const served = watch(child, true);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`mlflow models serve exited (${child.exitCode}):\n${served.stderr()}`);
    const ok = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
    if (ok) return { ...served, url };
    await new Promise((r) => setTimeout(r, 250));
  }
  await served.stop('SIGKILL');
  throw new Error(`mlflow models serve did not answer /ping within ${timeoutMs} ms:\n${served.stderr()}`);
}

/** An answer as the tests read it. */
export interface Answer {
  status: number;
  contentType: string;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** Sends a request to a scoring server. */
export async function request(url: string, path: string, init: { method?: string; body?: string | Buffer; contentType?: string } = {}): Promise<Answer> {
  const response = await fetch(`${url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: init.contentType === undefined ? {} : { 'content-type': init.contentType },
    body: init.body,
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json };
}

/** POSTs `body` to /invocations: an object as JSON, a string with `contentType`. */
export function invoke(url: string, body: unknown, contentType = 'application/json'): Promise<Answer> {
  return request(url, '/invocations', { body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body), contentType });
}

/** A CSV text of `columns` and `rows`, quoting what needs it, as `DataFrame.to_csv(index=False)` writes it. */
export function toCsv(columns: string[], rows: unknown[][]): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${[columns, ...rows].map((row) => row.map(cell).join(',')).join('\n')}\n`;
}

/**
 * The structure of a JSON value, for comparing two servers' answers: numbers, strings, booleans
 * and nulls by type, lists by the structures of their items, objects by their keys.
 */
export function structure(value: unknown): unknown {
  if (Array.isArray(value)) return [...new Set(value.map((v) => JSON.stringify(structure(v))))].map((s) => JSON.parse(s) as unknown);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, structure((value as Record<string, unknown>)[k])]));
  }
  return value === null ? 'null' : typeof value;
}
