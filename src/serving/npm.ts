/**
 * Running npm for the environment manager: the `npm` on PATH (the one the user would run), in a
 * given folder, with an environment cleaned of what would send npm elsewhere, its output passed
 * on line by line, and its failures turned into errors that quote its stderr.
 */
import { spawn } from 'node:child_process';
import { MlflowAutologError } from '../errors';

/** npm exited with an error; `stderr` is what it printed there. */
export class NpmCommandError extends MlflowAutologError {
  constructor(
    message: string,
    readonly stderr: string,
    readonly exitCode: number | null,
  ) {
    super(message);
  }
}

export interface NpmOptions {
  /** The folder npm runs in (and, with `--prefix`, installs into). */
  cwd: string;
  /** Receives each non-empty line npm prints (stderr, and stdout unless `quietStdout`). */
  onLine?(line: string): void;
  /** Keep stdout to the result only (`npm pack --json`). */
  quietStdout?: boolean;
}

// NB: npm run-script and npx export their own configuration as npm_config_* (prefix, global,
// local_prefix, …) and npm_package_*; inherited, they would make our npm install somewhere else.
// What says *where to fetch from* (registry, proxy, certificates, cache) is kept.
const KEPT_NPM_VARIABLE = /^npm_config_(registry|.+:registry|\/\/.+|cache|userconfig|globalconfig|cafile|ca|cert|key|proxy|https_proxy|noproxy|no_proxy|strict_ssl|fetch_[a-z_]+|maxsockets|offline|prefer_offline|prefer_online)$/i;

/** The environment npm runs with: ours, without npm's inherited configuration and preloads. */
export function npmEnvironment(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) {
    if (/^npm_/i.test(name) && !KEPT_NPM_VARIABLE.test(name)) continue;
    // NB: a `--require mlflow-autolog/register` (or tsx) preload meant for the app would run in npm too.
    if (name === 'NODE_OPTIONS') continue;
    env[name] = value;
  }
  env.npm_config_update_notifier = 'false';
  env.npm_config_color = 'false';
  return env;
}

const WINDOWS = process.platform === 'win32';

/** Runs `npm <args>` in `options.cwd`; resolves to its output, rejects with an {@link NpmCommandError}. */
export function runNpm(args: string[], options: NpmOptions): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    // NB: npm is npm.cmd on Windows, which Node only starts through a shell (CVE-2024-27980).
    const child = spawn(WINDOWS ? 'npm.cmd' : 'npm', WINDOWS ? args.map((a) => `"${a}"`) : args, {
      cwd: options.cwd,
      env: npmEnvironment(),
      shell: WINDOWS,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let stdout = '';
    let stderr = '';
    const lines = (stream: NodeJS.ReadableStream, keep: (text: string) => void, echo: boolean) => {
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        keep(chunk);
        if (!echo || !options.onLine) return;
        pending += chunk;
        const complete = pending.split(/\r?\n/);
        pending = complete.pop()!;
        for (const line of complete) if (line.trim()) options.onLine(line.trimEnd());
      });
      stream.on('end', () => echo && pending.trim() && options.onLine?.(pending.trimEnd()));
    };
    lines(child.stdout!, (t) => (stdout += t), !options.quietStdout);
    lines(child.stderr!, (t) => (stderr += t), true);
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new MlflowAutologError(`npm was not found on the PATH (${process.env.PATH ?? 'unset'}); a model environment is installed with npm: install Node.js with npm, or serve with --env-manager local.`)
          : new MlflowAutologError(`Could not start npm: ${error.message}`, { cause: error }),
      );
    });
    child.on('close', (code) => {
      if (code === 0) return resolvePromise({ stdout, stderr });
      if (WINDOWS && /is not recognized as an internal or external command/.test(stderr)) {
        return reject(new MlflowAutologError('npm was not found on the PATH; a model environment is installed with npm: install Node.js with npm, or serve with --env-manager local.'));
      }
      reject(new NpmCommandError(`npm ${args[0]} exited with code ${code}`, stderr, code));
    });
  });
}

/** The last `max` characters of npm's stderr, whole lines, for an error message. */
export function stderrTail(stderr: string, max = 4000): string {
  const text = stderr.trim();
  if (text.length <= max) return text;
  const cut = text.slice(-max);
  return `…${cut.slice(cut.indexOf('\n') + 1)}`;
}

/**
 * The package npm's stderr says failed: a version not found, a package not in the registry, an
 * install script that failed, or the package whose peer dependencies could not be resolved.
 */
export function failedPackageOf(stderr: string): string | undefined {
  const patterns = [
    /No matching version found for (\S+?)\.?$/m,
    /requested resource '(\S+)' could not be found/,
    /'(\S+)' is not in this registry/,
    /404 Not Found - GET \S+\/([^/\s]+)/i,
    /npm (?:error|ERR!) path .*node_modules[\\/]((?:@[^\\/\s]+[\\/])?[^\\/\s]+)\s*$/m,
  ];
  // NB: a peer dependency conflict names the package that asks and what it asks for.
  const conflict = /Could not resolve dependency:\s*\nnpm (?:error|ERR!) (?:peer |peerOptional )?(\S+) from (\S+)/.exec(stderr);
  if (conflict) return `${conflict[2]} (it needs ${conflict[1]})`;
  for (const pattern of patterns) {
    const found = pattern.exec(stderr)?.[1];
    if (found) return found.replace(/%2f/i, '/');
  }
  return undefined;
}
