/**
 * The code gate: loading a model runs only code the application installed, unless the caller
 * passed `allowCode` (or set MLFLOW_AUTOLOG_ALLOW_CODE). It decides by what would run, not by
 * which keys MLmodel happens to have:
 * - `loader_module` must be a package name, resolved from the application or from this package,
 *   never a path, and never a file inside the model's folder or the model cache;
 * - a model that ships code (`code`, `model_code`), and any flavor whose loader runs code from the
 *   model (custom models), needs `allowCode`.
 * With `allowCode`, a loader may also be a path relative to the model's folder, inside it.
 */
import { realpath } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { MlflowAutologError, ValidationError } from '../errors';
import { containedRealPath, isInside } from '../util/paths';
import { PACKAGE_ROOT } from '../version';
import type { JsFunctionConfig } from './mlmodel';
import { cacheRoot } from './model-uri';

/** What loading may run: see the module comment. */
export interface CodeGateOptions {
  /**
   * Allow loading a model that carries code (custom models, models from code): loading it runs
   * that code. @default process.env.MLFLOW_AUTOLOG_ALLOW_CODE === 'true'
   */
  allowCode?: boolean;
}

/** A package name with an optional subpath: `pkg`, `@scope/pkg`, `pkg/sub/path`. */
const PACKAGE_SPECIFIER = /^(@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*(\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*$/;

/** True when the caller allowed model code. */
export function codeAllowed(options: CodeGateOptions): boolean {
  return options.allowCode ?? /^(true|1)$/i.test(process.env.MLFLOW_AUTOLOG_ALLOW_CODE ?? '');
}

function refuse(source: string, what: string): never {
  throw new MlflowAutologError(
    `The model at ${source} ${what}, which runs when it is loaded. Load it only if you trust where it came from: ` +
      'pass loadModel(uri, { allowCode: true }), or set MLFLOW_AUTOLOG_ALLOW_CODE=true.',
  );
}

/**
 * Refuses a model that ships code, or whose flavor runs code from the model (`runsModelCode`),
 * unless the caller allowed it.
 */
export function assertCodeAllowed(config: JsFunctionConfig | undefined, options: CodeGateOptions, source: string, runsModelCode = false): void {
  if (codeAllowed(options)) return;
  if (config?.code !== undefined && config.code !== null) refuse(source, `carries code (${String(config.code)}/)`);
  if (config?.model_code !== undefined && config.model_code !== null) refuse(source, `names model code (${String(config.model_code)})`);
  if (runsModelCode) refuse(source, 'is a custom model whose class is loaded from the model itself');
}

/**
 * The file a `loader_module` specifier resolves to, checked by the gate: a package name is looked
 * up from the working directory's node_modules (a third-party flavor the user installed), then
 * from this package's own scope (the built-in flavors); a path is accepted only with `allowCode`,
 * relative to the model's folder and inside it.
 */
export async function resolveLoader(specifier: string, modelDir: string, options: CodeGateOptions, source: string): Promise<string> {
  const allowed = codeAllowed(options);
  if (!PACKAGE_SPECIFIER.test(specifier) || specifier.split('/').includes('..')) {
    if (!allowed) refuse(source, `names its loader_module as a path (${JSON.stringify(specifier)}) rather than an installed package`);
    return containedRealPath(modelDir, specifier, 'the js_function loader_module');
  }
  let resolved: string | undefined;
  for (const base of [join(process.cwd(), 'noop.js'), join(PACKAGE_ROOT, 'package.json')]) {
    try {
      resolved = createRequire(base).resolve(specifier);
      break;
    } catch {
      // try the next base
    }
  }
  if (!resolved) {
    throw new MlflowAutologError(
      `The model at ${source} is loaded by the module "${specifier}", which is not installed here: npm install it (see the model's package.json).`,
    );
  }
  const real = await realpath(resolved);
  if (!allowed) {
    // NB: a package name resolved from a node_modules inside the model (or the cache) is the model's code after all.
    for (const root of [modelDir, cacheRoot()]) {
      const realRoot = await realpath(root).catch(() => undefined);
      if (realRoot && isInside(realRoot, real)) refuse(source, `names a loader_module ("${specifier}") that resolves to ${real}, inside ${root}`);
    }
  }
  return real;
}

/** Checks a path the model's own code is read from (custom models): inside the model's folder. */
export function modelCodePath(modelDir: string, path: unknown, field: string): Promise<string> {
  if (typeof path !== 'string' || path === '') throw new ValidationError(`The MLmodel field ${field} of ${modelDir} must be a relative path inside the model's folder, got ${JSON.stringify(path)}.`);
  return containedRealPath(modelDir, path, `the MLmodel field ${field}`);
}
