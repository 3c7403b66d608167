/**
 * A model's dependencies, the Node counterpart of MLflow's `requirements.txt` and
 * `python_env.yaml`: a `package.json` inside the model folder pinning the exact installed
 * versions of the flavor's libraries and of this package, and the Node version. At load time a
 * mismatch with what is installed gives one warning naming the packages and both versions.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ValidationError } from '../errors';
import { warn } from '../util/logger';
import { containedPath } from '../util/paths';
import { readModelFile } from './model-files';
import { PACKAGE_NAME, PACKAGE_ROOT, PACKAGE_VERSION } from '../version';

export const DEPENDENCY_FILE_NAME = 'package.json';

/** The installed version of `name` as seen from `fromDir` (default: the working directory). */
export function installedVersion(name: string, fromDir = process.cwd()): string | undefined {
  if (name === PACKAGE_NAME) return PACKAGE_VERSION;
  // NB: read package.json by path: many packages' `exports` do not expose it to require().
  const searched = [
    ...(createRequire(join(fromDir, 'noop.js')).resolve.paths(name) ?? []),
    ...(createRequire(join(PACKAGE_ROOT, 'noop.js')).resolve.paths(name) ?? []),
  ];
  for (const dir of searched) {
    const manifest = join(dir, name, 'package.json');
    if (existsSync(manifest)) {
      try {
        const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown }).version;
        if (typeof version === 'string') return version;
      } catch {
        // unreadable: keep looking
      }
    }
  }
  return undefined;
}

/**
 * Writes `<dir>/package.json` pinning this package, each of `packages` at its installed version
 * (`extra` pins override or add), and the Node version in `engines`.
 */
export async function writeDependencies(dir: string, packages: string[], extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const { text, dependencies } = dependencyManifest(packages, extra);
  await writeFile(join(dir, DEPENDENCY_FILE_NAME), text);
  return dependencies;
}

/** The text {@link writeDependencies} writes, and the pins in it; synchronous. */
export function dependencyManifest(packages: string[], extra: Record<string, string> = {}): { text: string; dependencies: Record<string, string> } {
  const dependencies: Record<string, string> = { [PACKAGE_NAME]: PACKAGE_VERSION };
  for (const name of packages) {
    const version = installedVersion(name);
    if (version) dependencies[name] = version;
    else warn(`the model depends on ${name}, which is not installed here; its version is not pinned`);
  }
  Object.assign(dependencies, extra);
  const sorted = Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => a.localeCompare(b)));
  const manifest = {
    name: 'mlflow-model',
    private: true,
    description: `An MLflow model saved by ${PACKAGE_NAME} ${PACKAGE_VERSION}; install its dependencies with \`npm install\`.`,
    dependencies: sorted,
    engines: { node: `>=${process.versions.node}` },
  };
  return { text: `${JSON.stringify(manifest, null, 2)}\n`, dependencies: sorted };
}

/** Compares a model's pinned dependencies with what is installed; one warning lists mismatches. */
export async function checkDependencies(dir: string, file = DEPENDENCY_FILE_NAME): Promise<string[]> {
  // NB: `env` comes from the model: it may not point outside its folder (refused even if missing).
  const path = containedPath(dir, file, 'the MLmodel field flavors.js_function.env');
  if (!existsSync(path)) return [];
  let manifest: { dependencies?: Record<string, string>; engines?: { node?: string } };
  try {
    manifest = JSON.parse((await readModelFile(dir, file, 'the MLmodel field flavors.js_function.env')).toString('utf8')) as typeof manifest;
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    return [];
  }
  const mismatches: string[] = [];
  for (const [name, pinned] of Object.entries(manifest.dependencies ?? {})) {
    // NB: a name is looked up as a folder under node_modules: only package names, never paths.
    if (!/^(@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/.test(name)) continue;
    const installed = installedVersion(name);
    if (installed !== pinned) mismatches.push(`${name} (saved with ${pinned}, ${installed ? `installed ${installed}` : 'not installed'})`);
  }
  const savedNode = manifest.engines?.node?.replace(/^>=/, '');
  if (savedNode && savedNode.split('.')[0] !== process.versions.node.split('.')[0]) {
    mismatches.push(`node (saved with ${savedNode}, running ${process.versions.node})`);
  }
  if (mismatches.length > 0) {
    warn(`the model at ${dir} was saved with other versions than are installed here: ${mismatches.join('; ')}. Predictions may differ; \`npm install\` in the model folder installs the saved versions.`);
  }
  return mismatches;
}
