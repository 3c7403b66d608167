/**
 * Paths and child processes of the bench: every measured thing runs as its own process, with an
 * environment cleaned of the caller's MLFLOW_* variables and NODE_OPTIONS (which could preload
 * the agent on a "without" side, or point it elsewhere).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const repo = path.dirname(benchDir);
export const workloads = path.join(benchDir, 'workloads');
export const register = path.join(repo, 'dist', 'src', 'register.js');
export const agentIndex = path.join(repo, 'dist', 'src', 'index.js');
export const cli = path.join(repo, 'dist', 'src', 'cli', 'main.js');
export const python = process.env.MLFLOW_TEST_PYTHON ?? path.join(repo, '.venv', 'bin', 'python');
const rusageScript = path.join(benchDir, 'lib', 'rusage.py');

/** Detached process groups this bench started (servers), killed when the bench ends however it ends. */
const groups = new Set();
let reaperInstalled = false;

/** Kills `child`'s process group when the bench exits, or is stopped by SIGINT / SIGTERM; returns a function that forgets it. */
export function reapOnExit(child) {
  if (!reaperInstalled) {
    reaperInstalled = true;
    process.on('exit', () => {
      for (const pid of groups) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // gone already
        }
      }
    });
    // NB: without a handler a signal ends the bench without 'exit', leaving the servers running.
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) process.once(signal, () => process.exit(code));
  }
  groups.add(child.pid);
  return () => groups.delete(child.pid);
}

export function fail(why) {
  console.error(`\n${why}`);
  process.exit(1);
}

/** Checks what every figure needs: the built agent and the pinned Python MLflow. */
export function checkPrerequisites() {
  if (!existsSync(register)) fail(`${register} is missing: run \`npm run build\` first (npm run bench does).`);
  if (!existsSync(python)) fail(`${python} is missing: the peers are the project's pinned MLflow in .venv (npm test's set-up installs it).`);
}

/** The caller's environment without MLFLOW_*, NODE_OPTIONS and OTEL_/DD_ variables, plus `extra`. */
export function cleanEnv(extra = {}) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(MLFLOW_|OTEL_|DD_)/.test(key) || key === 'NODE_OPTIONS') delete env[key];
  }
  return { ...env, TF_CPP_MIN_LOG_LEVEL: '2', PYTHONWARNINGS: 'ignore', ...extra };
}

export function tempDir(prefix) {
  return mkdtempSync(path.join(os.tmpdir(), `mlflow-autolog-bench-${prefix}-`));
}

/**
 * Runs `command args` to its end. Resolves to { stdout, stderr, wallMs, exitAt } (exitAt: epoch ms
 * when this process saw it exit); with `rusage`, also { cpuMs, maxRssKiB } from wait4 (the whole
 * process, exit handlers included). Exits the bench when the command fails.
 */
export function runProcess(command, args, { env = cleanEnv(), cwd = repo, rusage = false, label = path.basename(args.at(-1) ?? command), timeoutMs = 600_000 } = {}) {
  const usageDir = rusage ? tempDir('rusage') : undefined;
  const usageFile = usageDir && path.join(usageDir, 'usage.json');
  const [file, argv] = rusage ? [python, [rusageScript, usageFile, command, ...args]] : [command, args];
  return new Promise((resolve) => {
    const stdout = [];
    const stderr = [];
    const start = process.hrtime.bigint();
    const child = spawn(file, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.on('close', (code, signal) => {
      const exitAt = Date.now();
      clearTimeout(timer);
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      const out = { stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString(), wallMs, exitAt };
      if (code !== 0) fail(`${label} exited with ${signal ?? `code ${code}`}.\n--- stdout ---\n${out.stdout.slice(-4000)}\n--- stderr ---\n${out.stderr.slice(-8000)}`);
      if (usageFile) {
        Object.assign(out, JSON.parse(readFileSync(usageFile, 'utf8')));
        rmSync(usageDir, { recursive: true, force: true });
      }
      resolve(out);
    });
  });
}

/** The last line of `stdout` that parses as a JSON object (tfjs prints a banner before it). */
export function lastJson(stdout, label = 'a workload') {
  for (const line of stdout.trim().split('\n').reverse()) {
    try {
      const value = JSON.parse(line);
      if (value && typeof value === 'object') return value;
    } catch {
      // not the result line
    }
  }
  return fail(`${label} printed no JSON result:\n${stdout.slice(-2000)}`);
}

/** Runs a node workload (optionally with the agent preloaded) and returns its JSON result merged with the process figures. */
export async function runNode(script, { preload = [], nodeArgs = [], args = [], ...options } = {}) {
  const requires = preload.flatMap((file) => ['--require', file]);
  const result = await runProcess(process.execPath, [...nodeArgs, ...requires, script, ...args], { label: path.basename(script), ...options });
  return { ...lastJson(result.stdout, path.basename(script)), process: result };
}

/** Runs a Python workload with the pinned MLflow and returns its JSON result merged with the process figures. */
export async function runPython(script, args = [], options = {}) {
  const result = await runProcess(python, [script, ...args], { label: path.basename(script), ...options });
  return { ...lastJson(result.stdout, path.basename(script)), process: result };
}
