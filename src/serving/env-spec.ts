/**
 * What a model environment is made of, decided before npm runs: the model's recorded
 * `package.json` dependencies (each name and specifier checked so that npm can only fetch from the
 * registry and write inside the environment folder), the running package's identity, and the key
 * that names the folder. MLflow keys its virtualenvs the same way: a hash of the requirements and,
 * when it installs itself, its own version (`mlflow/utils/virtualenv.py: _get_virtualenv_name`).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import semver from 'semver';
import { ConfigError, MlflowAutologError, ValidationError } from '../errors';
import { DEPENDENCY_FILE_NAME } from '../models/dependencies';
import { ModelSpec } from '../models/mlmodel';
import { readModelJson } from '../models/model-files';
import { cacheRoot } from '../models/model-uri';
import { isInside } from '../util/paths';
import { PACKAGE_NAME } from '../version';

/** The environment variable naming the folder environments are kept in. */
export const ENV_DIR_VARIABLE = 'MLFLOW_AUTOLOG_ENV_DIR';

/**
 * Where model environments are kept: MLFLOW_AUTOLOG_ENV_DIR, default `mlflow-autolog-envs` next
 * to the model cache (`<os temp dir>/mlflow-autolog-envs` unless MLFLOW_AUTOLOG_CACHE_DIR moves it).
 */
export function environmentsRoot(): string {
  const cache = resolve(cacheRoot());
  const root = resolve(process.env[ENV_DIR_VARIABLE] || join(dirname(cache), 'mlflow-autolog-envs'));
  // NB: not inside the cache: the code gate refuses a loader_module that resolves into the model
  // cache (code-gate.ts: a downloaded model's own node_modules), which the environment's would be.
  if (isInside(cache, root)) {
    throw new ConfigError(
      `${ENV_DIR_VARIABLE}=${root} is inside the model cache ${cache} (MLFLOW_AUTOLOG_CACHE_DIR), where installed code counts as a downloaded model's own and is refused at load time; choose a folder outside it.`,
      ENV_DIR_VARIABLE,
    );
  }
  return root;
}

/** A model's recorded dependencies, checked and ready to install. */
export interface RecordedDependencies {
  /** The manifest they were read from. */
  file: string;
  /** Package name to registry specifier, sorted by name; this package is not among them. */
  dependencies: Record<string, string>;
  /** The version of this package the model was saved with, if recorded. */
  savedWith?: string;
  /** The Node version the model was saved with (`engines.node`, without its `>=`), if recorded. */
  savedNode?: string;
}

// NB: the name becomes a folder under node_modules: scope and name are single path segments that
// cannot start with `.` or `_` (npm's rule), so `..`, `.bin` and the like are impossible.
const PACKAGE_NAME_PATTERN = /^(?:@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/i;
const RESERVED_NAMES = new Set(['node_modules', 'favicon.ico']);

/** Why `name` is not a package name npm could install into `node_modules/<name>`, or undefined. */
export function packageNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (name.length > 214) return 'it is longer than 214 characters';
  if (!PACKAGE_NAME_PATTERN.test(name)) return 'it is not a valid npm package name (a name, or @scope/name, of letters, digits and - . _ ~)';
  if (RESERVED_NAMES.has(name.toLowerCase())) return 'it is a name npm reserves';
  return undefined;
}

// NB: npm reads these prefixes as something other than a registry package
// (npm-package-arg: file, directory, git, remote tarball or alias).
const NON_REGISTRY_PREFIX = /^(file|link|git|git\+[a-z]+|github|gitlab|bitbucket|gist|https?|workspace|portal|patch|catalog|jsr):/i;
// NB: npm-package-arg takes a spec ending so as the path of a tarball file.
const TARBALL_NAME = /\.(tgz|tar|tar\.gz)$/i;
const DIST_TAG = /^[a-z0-9][a-z0-9._-]*$/i;

/**
 * Why `spec` is not a specifier npm resolves on the registry, or undefined when it is: a version,
 * a semver range, a dist-tag, or `npm:<name>@<one of those>`. Paths, `file:`, `link:`, git,
 * GitHub shorthands and tarball URLs are refused: they would install something other than a
 * registry package, or make npm read or link outside the environment folder.
 */
export function registrySpecifierProblem(spec: string): string | undefined {
  if (spec.length > 256) return 'it is longer than 256 characters';
  if (/^npm:/i.test(spec)) {
    // NB: `npm:<name>[@<spec>]`; a scoped name starts with its own `@`.
    const rest = spec.slice(4);
    const at = rest.indexOf('@', 1);
    const name = at < 0 ? rest : rest.slice(0, at);
    const target = at < 0 ? '' : rest.slice(at + 1);
    const nameProblem = packageNameProblem(name);
    if (nameProblem) return `its aliased package name ${JSON.stringify(name)} is not valid: ${nameProblem}`;
    return /^npm:/i.test(target) ? 'it is an alias of an alias' : registrySpecifierProblem(target);
  }
  const prefix = NON_REGISTRY_PREFIX.exec(spec)?.[1];
  if (prefix) return `it is a ${prefix.toLowerCase()}: specifier, not a registry version`;
  if (/[/\\]/.test(spec) || spec.startsWith('.') || /^[a-z]:/i.test(spec)) {
    return 'it is a path or a git shorthand (user/repo), not a registry version';
  }
  if (spec.includes('\0')) return 'it contains a NUL character';
  if (semver.validRange(spec) !== null) return undefined;
  if (TARBALL_NAME.test(spec)) return 'it names a tarball file, not a registry version';
  if (DIST_TAG.test(spec)) return undefined;
  return 'it is neither a version, a semver range nor a dist-tag';
}

/**
 * The `dependencies` of a model's manifest, checked: each name a package name, each value a
 * registry specifier; a {@link ValidationError} naming the field (`dependencies["x"]`) otherwise.
 * This package's own entry is taken out: the environment gets the running version instead.
 */
export function checkRecordedDependencies(manifest: unknown, file: string): RecordedDependencies {
  const refuse = (field: string, why: string) =>
    new ValidationError(`Refusing the model's ${file}: the field ${field} ${why}. Only registry packages can be installed into a model environment; save the model again with published versions.`);
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) throw refuse('(the whole file)', 'is not a JSON object');
  const recorded = (manifest as { dependencies?: unknown }).dependencies ?? {};
  if (typeof recorded !== 'object' || recorded === null || Array.isArray(recorded)) throw refuse('dependencies', 'is not an object of package names to versions');
  const dependencies: Record<string, string> = {};
  let savedWith: string | undefined;
  for (const [name, spec] of Object.entries(recorded as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const field = `dependencies[${JSON.stringify(name)}]`;
    const nameProblem = packageNameProblem(name);
    if (nameProblem) throw refuse(field, `has a name that cannot be installed: ${nameProblem}`);
    if (typeof spec !== 'string') throw refuse(field, `is ${JSON.stringify(spec)}, not a version string`);
    const specProblem = registrySpecifierProblem(spec);
    if (specProblem) throw refuse(field, `is ${JSON.stringify(spec)}: ${specProblem}`);
    if (name === PACKAGE_NAME) savedWith = spec;
    else dependencies[name] = spec;
  }
  const engine = (manifest as { engines?: { node?: unknown } }).engines?.node;
  const savedNode = typeof engine === 'string' ? engine.replace(/^>=\s*/, '') : undefined;
  return { file, dependencies, savedWith, ...(savedNode ? { savedNode } : {}) };
}

/** Reads and checks the dependencies recorded with the model in `modelDir` (see `dependencies.ts`). */
export async function readRecordedDependencies(modelDir: string): Promise<RecordedDependencies> {
  const spec = await ModelSpec.load(modelDir);
  const env = spec.jsFunction?.env;
  const name = typeof env === 'string' && env !== '' ? env : DEPENDENCY_FILE_NAME;
  // NB: the name comes from the model: it is checked to stay inside the model's folder first.
  const manifest = existsSync(join(modelDir, name)) ? await readModelJson(modelDir, name, 'the MLmodel field flavors.js_function.env') : undefined;
  if (manifest === undefined) {
    throw new MlflowAutologError(
      `The model at ${modelDir} has no recorded ${name}, so there is nothing to build its environment from: it was not saved by ${PACKAGE_NAME}, or its ${name} was removed. Serve it with --env-manager local, with its libraries installed by hand.`,
    );
  }
  return checkRecordedDependencies(manifest, name);
}

/** What names an environment: two inputs that are equal give the same folder. */
export interface EnvironmentKeyInputs {
  /** The checked dependencies, without this package. */
  dependencies: Record<string, string>;
  packageName: string;
  packageVersion: string;
  /** {@link packageDigest} of the running package: a rebuild without a version bump is new. */
  packageDigest: string;
  /** Native addons built by install scripts only run on this Node ABI, platform and CPU. */
  nodeAbi: string;
  platform: string;
  arch: string;
}

/** The key of an environment: 32 hex digits of the SHA-256 of its inputs in a fixed order. */
export function environmentKey(inputs: EnvironmentKeyInputs): string {
  const dependencies = Object.entries(inputs.dependencies).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = JSON.stringify([
    'mlflow-autolog-env/1',
    dependencies,
    `${inputs.packageName}@${inputs.packageVersion}`,
    inputs.packageDigest,
    inputs.nodeAbi,
    inputs.platform,
    inputs.arch,
  ]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}

/** The key inputs for `dependencies` in this process. */
export function currentKeyInputs(dependencies: Record<string, string>, packageVersion: string, digest: string): EnvironmentKeyInputs {
  return { dependencies, packageName: PACKAGE_NAME, packageVersion, packageDigest: digest, nodeAbi: process.versions.modules, platform: process.platform, arch: process.arch };
}

const digests = new Map<string, string>();

/**
 * The SHA-256 of the package at `root` as `npm pack` takes it: its package.json and every file
 * under the folders its `files` lists (names and contents, in sorted order; globs are not
 * expanded). Computed once per process.
 */
export function packageDigest(root: string): string {
  let digest = digests.get(root);
  if (digest === undefined) {
    digest = computeDigest(root);
    digests.set(root, digest);
  }
  return digest;
}

// NB: synchronous: some 400 files (1.5 MB) take ~50 ms; read asynchronously, one thread-pool
// round trip per open, read and close, they took 2 to 4 times as long.
function computeDigest(root: string): string {
  const manifestText = readFileSync(join(root, 'package.json'));
  const listed = (JSON.parse(manifestText.toString('utf8')) as { files?: unknown }).files;
  const entries = Array.isArray(listed) ? listed.filter((f): f is string => typeof f === 'string').sort() : ['dist'];
  const hash = createHash('sha256').update(manifestText);
  const add = (relative: string): void => {
    let children;
    try {
      children = readdirSync(join(root, relative), { withFileTypes: true });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ENOENT') return;
      if (code !== 'ENOTDIR') throw error;
      hash.update(`\0${relative}\0`).update(readFileSync(join(root, relative)));
      return;
    }
    for (const child of children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (child.isDirectory()) add(`${relative}/${child.name}`);
      else hash.update(`\0${relative}/${child.name}\0`).update(readFileSync(join(root, relative, child.name)));
    }
  };
  for (const entry of entries) add(entry.replace(/\/+$/, ''));
  return hash.digest('hex');
}
