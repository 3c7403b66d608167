/**
 * `--env-manager npm`, the Node counterpart of MLflow's `--env-manager virtualenv`
 * (`mlflow/utils/virtualenv.py`, `mlflow/pyfunc/backend.py`): the model's recorded package.json
 * is installed, with this package, into a folder of its own, keyed by what is installed, and the
 * model is served by the mlflow-autolog inside it, so every library is the version the model
 * was saved with.
 *
 * Unlike MLflow, which creates the virtualenv in place and removes it on error, the environment
 * is installed into a staging folder and renamed into place whole, under a lock file: a reader
 * never sees a half-installed folder, two processes never install the same one twice, and a
 * failed or killed install leaves nothing that looks usable.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MlflowAutologError } from '../errors';
import { withFileLock } from '../store/file-store-lock';
import { PACKAGE_NAME, PACKAGE_ROOT, PACKAGE_VERSION } from '../version';
import { currentKeyInputs, environmentKey, environmentsRoot, packageDigest, readRecordedDependencies } from './env-spec';
import { failedPackageOf, NpmCommandError, runNpm, stderrTail } from './npm';

/** The file that marks an environment as complete, written last before the rename. */
const MARKER_FILE = 'mlflow-autolog-env.json';
/** The CLI inside an environment, relative to it. */
const CLI_PATH = ['node_modules', PACKAGE_NAME, 'dist', 'src', 'cli', 'main.js'];
const STEPS = 4;

// NB: a lock untouched this long belongs to a dead process (the holder touches it every 10 s);
// waiting gives up after the time a slow first install of a large model could take.
const LOCK_STALE_MS = 30_000;
const LOCK_TIMEOUT_MS = 30 * 60_000;

/** What {@link MARKER_FILE} records. */
interface EnvironmentMarker {
  key: string;
  dependencies: Record<string, string>;
  package: string;
  npm: string;
  node: string;
  createdAt: string;
  installSeconds: number;
}

/**
 * Installs the model's recorded dependencies and this package into a cached environment;
 * resolves to the mlflow-autolog CLI inside it.
 *
 * The environment is `<root>/<key>`: the root MLFLOW_AUTOLOG_ENV_DIR (default
 * `mlflow-autolog-envs` beside the model cache), the key a hash of the recorded dependencies,
 * this package's version and build, and the Node ABI; it is reused when present. Run the CLI
 * with `envDir` as the working directory (`node <cliPath> models serve …`): flavors look for
 * their library from the working directory first. Throws an {@link MlflowAutologError} when the model has no recorded package.json, npm is
 * missing or the install fails, and a `ValidationError` when a recorded dependency is not a
 * registry package.
 */
export async function prepareModelEnvironment(modelDir: string, options: { onProgress?(line: string): void } = {}): Promise<{ cliPath: string; envDir: string }> {
  const progress = (line: string) => options.onProgress?.(line);
  const dir = resolve(modelDir);
  const recorded = await readRecordedDependencies(dir);
  if (recorded.savedWith && recorded.savedWith !== PACKAGE_VERSION) {
    progress(`The model was saved with ${PACKAGE_NAME} ${recorded.savedWith}; its environment gets the running ${PACKAGE_VERSION}.`);
  }
  // NB: npm installs packages, not Node: a model saved under another major version runs on this one.
  if (recorded.savedNode && recorded.savedNode.split('.')[0] !== process.versions.node.split('.')[0]) {
    progress(`The model was saved with Node ${recorded.savedNode}; its environment runs on this Node, ${process.versions.node}.`);
  }
  const key = environmentKey(currentKeyInputs(recorded.dependencies, PACKAGE_VERSION, packageDigest(PACKAGE_ROOT)));
  const root = environmentsRoot();
  const envDir = join(root, key);
  const result = { cliPath: join(envDir, ...CLI_PATH), envDir };
  if (await isComplete(envDir, key, recorded.dependencies)) {
    progress(`Reusing the environment ${envDir}`);
    return result;
  }
  await mkdir(root, { recursive: true });
  const lockPath = join(root, `${key}.lock`);
  if (existsSync(lockPath)) progress(`Waiting for another process installing the environment ${envDir}`);
  return withFileLock(
    lockPath,
    async () => {
      if (await isComplete(envDir, key, recorded.dependencies)) {
        progress(`Reusing the environment ${envDir}, installed by another process`);
        return result;
      }
      await clearLeftovers(root, key, envDir);
      await install({ key, root, envDir, dependencies: recorded.dependencies, progress });
      return result;
    },
    { staleMs: LOCK_STALE_MS, timeoutMs: LOCK_TIMEOUT_MS },
  );
}

/** True when `envDir` holds a finished environment for `key`: marker, CLI and every dependency. */
async function isComplete(envDir: string, key: string, dependencies: Record<string, string>): Promise<boolean> {
  try {
    const marker = JSON.parse(await readFile(join(envDir, MARKER_FILE), 'utf8')) as Partial<EnvironmentMarker>;
    if (marker.key !== key) return false;
  } catch {
    return false;
  }
  // NB: a temp-folder cleaner may have removed files of an old environment: check what is run.
  return existsSync(join(envDir, ...CLI_PATH)) && Object.keys(dependencies).every((name) => existsSync(join(envDir, 'node_modules', name, 'package.json')));
}

/** Removes what a killed install of `key` left (staging folders) and a damaged `envDir`; under the lock. */
async function clearLeftovers(root: string, key: string, envDir: string): Promise<void> {
  const prefix = `.staging-${key}-`;
  const stale = (await readdir(root)).filter((name) => name.startsWith(prefix)).map((name) => join(root, name));
  if (existsSync(envDir)) {
    // NB: moved aside first, so that the folder is gone at once even if removing it is slow.
    const aside = join(root, `${prefix}damaged-${randomBytes(4).toString('hex')}`);
    await rename(envDir, aside);
    stale.push(aside);
  }
  await Promise.all(stale.map((path) => rm(path, { recursive: true, force: true })));
}

interface InstallPlan {
  key: string;
  root: string;
  envDir: string;
  dependencies: Record<string, string>;
  progress(line: string): void;
}

/** Installs into a staging folder beside `envDir`, checks the result, and renames it into place. */
async function install(plan: InstallPlan): Promise<void> {
  const { envDir, dependencies, progress } = plan;
  const started = Date.now();
  const staging = join(plan.root, `.staging-${plan.key}-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(staging);
  const wanted = [...Object.entries(dependencies).map(([name, spec]) => `${name}@${spec}`), `${PACKAGE_NAME}@${PACKAGE_VERSION}`];
  try {
    progress(`[1/${STEPS}] Checking npm for the environment ${envDir}`);
    const npmVersion = (await runNpm(['--version'], { cwd: staging, quietStdout: true })).stdout.trim();

    progress(`[2/${STEPS}] Packing ${PACKAGE_NAME} ${PACKAGE_VERSION} from ${PACKAGE_ROOT} (npm ${npmVersion})`);
    const tarball = await packSelf(staging, envDir);

    progress(`[3/${STEPS}] Installing ${wanted.join(', ')}`);
    const manifest = {
      name: 'mlflow-autolog-model-env',
      private: true,
      description: `A model environment made by ${PACKAGE_NAME} ${PACKAGE_VERSION} (--env-manager npm).`,
      // NB: the tarball sits inside the folder, so its `file:` path stays valid after the rename.
      dependencies: { ...dependencies, [PACKAGE_NAME]: `file:${tarball}` },
    };
    await writeFile(join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await npmInstall(staging, envDir, wanted, progress);

    const missing = [...Object.keys(dependencies), PACKAGE_NAME].filter((name) => !existsSync(join(staging, 'node_modules', name, 'package.json')));
    if (missing.length > 0) throw new MlflowAutologError(`npm install finished, but ${missing.join(', ')} is not in node_modules of the environment ${envDir}; nothing was kept.`);

    const installSeconds = Math.round((Date.now() - started) / 100) / 10;
    const marker: EnvironmentMarker = {
      key: plan.key,
      dependencies,
      package: `${PACKAGE_NAME}@${PACKAGE_VERSION}`,
      npm: npmVersion,
      node: process.version,
      createdAt: new Date().toISOString(),
      installSeconds,
    };
    await writeFile(join(staging, MARKER_FILE), `${JSON.stringify(marker, null, 2)}\n`);
    // NB: the one step that makes the environment visible; readers see all of it or none.
    await rename(staging, envDir);
    progress(`[4/${STEPS}] The environment ${envDir} is ready (${installSeconds} s)`);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** `npm pack` of the running package into `staging`; resolves to the tarball's file name. */
async function packSelf(staging: string, envDir: string): Promise<string> {
  const cli = join(PACKAGE_ROOT, ...CLI_PATH.slice(2));
  if (!existsSync(cli)) {
    throw new MlflowAutologError(`${PACKAGE_NAME} at ${PACKAGE_ROOT} has no built ${cli}, so it cannot be installed into the environment ${envDir}: run \`npm run build\` there first.`);
  }
  try {
    // NB: --ignore-scripts: the package is packed as built; no prepack/prepare build runs here.
    const { stdout } = await runNpm(['pack', PACKAGE_ROOT, '--json', '--ignore-scripts', '--pack-destination', staging], { cwd: staging, quietStdout: true });
    const filename = (JSON.parse(stdout) as { filename?: unknown }[])[0]?.filename;
    if (typeof filename !== 'string' || !existsSync(join(staging, filename))) throw new Error(`npm pack printed no tarball name: ${stdout.slice(0, 200)}`);
    return filename;
  } catch (error) {
    if (error instanceof NpmCommandError) {
      throw new MlflowAutologError(`npm pack of ${PACKAGE_NAME} at ${PACKAGE_ROOT} failed while preparing the environment ${envDir}; nothing was kept. npm said:\n${stderrTail(error.stderr)}`);
    }
    throw error;
  }
}

/**
 * `npm install` in `staging`. NB: `--prefer-offline` takes versions from npm's cache when it
 * has them, but npm does not look again when a cached package list lacks the recorded version
 * (pacote: "XXX add ETARGET … revalidation of cached packuments here"), so that case is retried
 * online once.
 */
async function npmInstall(staging: string, envDir: string, wanted: string[], progress: (line: string) => void): Promise<void> {
  const args = (freshness: string) => [
    'install', '--no-audit', '--no-fund', '--ignore-scripts=false', '--omit=dev', freshness,
    // NB: explicit, so that no user or global npmrc setting moves the install elsewhere.
    '--prefix', staging, '--global=false', '--workspaces=false', '--package-lock=true', '--dry-run=false',
  ];
  try {
    try {
      await runNpm(args('--prefer-offline'), { cwd: staging, onLine: progress });
    } catch (error) {
      if (!(error instanceof NpmCommandError) || !/\bETARGET\b|No matching version found/.test(error.stderr)) throw error;
      progress('npm\'s cached package list lacks a recorded version; asking the registry again');
      await runNpm(args('--prefer-online'), { cwd: staging, onLine: progress });
    }
  } catch (error) {
    if (!(error instanceof NpmCommandError)) throw error;
    const culprit = failedPackageOf(error.stderr);
    throw new MlflowAutologError(
      `npm install failed for the model environment ${envDir} ${culprit ? `at the package ${culprit}` : `(installing ${wanted.join(', ')})`}; nothing was kept. npm said:\n${stderrTail(error.stderr)}`,
    );
  }
}
