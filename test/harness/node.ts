/** Running a Node.js script in a child process, as the examples' READMEs run them. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { REPO_ROOT } from './python';

/** What a finished child process gave. */
export interface NodeResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` in `cwd` (the repository root by default) with `env` added to this process's. */
export function runNode(args: string[], env: NodeJS.ProcessEnv, cwd = REPO_ROOT): Promise<NodeResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The JSON line a script printed last. */
export function lastJson<T>(stdout: string): T {
  const line = stdout.trim().split('\n').pop();
  assert.ok(line?.startsWith('{'), `the script printed its result: ${stdout}`);
  return JSON.parse(line!) as T;
}
