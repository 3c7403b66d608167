/**
 * Custom models, MLflow's `PythonModel` for Node: a user class with an optional
 * `loadContext(context)` and a `predict(context, input, params)`. The module that defines the
 * class is saved into the model folder ("models from code") with the artifacts it needs, and
 * imported again at load time, which is why loading such a model needs `allowCode`.
 */
import { cp, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MlflowAutologError } from '../errors';
import { PACKAGE_NAME } from '../version';
import { modelCodePath } from './code-gate';
import type { Flavor, Predictor } from './flavor';
import type { ModelSpec } from './mlmodel';
import { createFlavorApi } from './model-api';

/** What a custom model's `loadContext` and `predict` receive. */
export interface ModelContext {
  /** Artifact name → absolute path of the file (or folder) inside the loaded model. */
  artifacts: Record<string, string>;
  /** The `modelConfig` given at save time. */
  modelConfig: Record<string, unknown>;
}

/** A custom model: implement `predict`, and `loadContext` to read artifacts once at load time. */
export interface JsModel {
  loadContext?(context: ModelContext): void | Promise<void>;
  predict(context: ModelContext, input: unknown, params?: Record<string, unknown>): unknown;
}

/** Save options of custom models. */
export interface CustomModelOptions {
  /** Name → local file or folder, copied into the model and handed to `loadContext` by name. */
  artifacts: Record<string, string>;
  /**
   * The module file that defines the model's class, saved with the model and imported at load.
   * @default the CommonJS module whose exports hold the model's class
   */
  code: string;
  /** The export of `code` that is the class. @default found by looking at the module's exports */
  exportName: string;
  /** Configuration handed to the model as `context.modelConfig`. */
  modelConfig: Record<string, unknown>;
}

export const CUSTOM_LOADER_MODULE = `${PACKAGE_NAME}/custom-model`;
const contexts = new WeakMap<object, ModelContext>();

const customFlavor: Flavor<JsModel, CustomModelOptions> = {
  name: 'js_model',
  loaderModule: CUSTOM_LOADER_MODULE,
  requirements: () => [],
  runsModelCode: true,

  async save(model, dir, options) {
    if (typeof model?.predict !== 'function') {
      throw new MlflowAutologError('A custom model must be an object with a predict(context, input, params) method.');
    }
    const codeFile = resolve(options.code ?? definingModule(model));
    const exportName = options.exportName ?? exportNameOf(await importModule(codeFile), model.constructor) ?? 'default';
    await mkdir(join(dir, 'code'), { recursive: true });
    await cp(codeFile, join(dir, 'code', basename(codeFile)));
    const artifacts: Record<string, string> = {};
    for (const [name, source] of Object.entries(options.artifacts ?? {})) {
      if (!/^[\w.-]+$/.test(name)) throw new MlflowAutologError(`Artifact name "${name}" must use letters, digits, '_', '-' and '.'.`);
      const target = join('artifacts', name, basename(source));
      await cp(resolve(source), join(dir, target), { recursive: true });
      artifacts[name] = target;
    }
    return {
      jsFunction: {
        code: 'code',
        model_code: `code/${basename(codeFile)}`,
        model_export: exportName,
        artifacts,
        model_config: options.modelConfig ?? {},
      },
    };
  },

  async load(dir, spec) {
    const config = spec.jsFunction ?? { loader_module: CUSTOM_LOADER_MODULE, node_version: '' };
    const module = await importModule(await modelCodePath(dir, config.model_code, 'flavors.js_function.model_code'));
    const exportName = String(config.model_export ?? 'default');
    const Class = (exportName === 'default' && typeof module === 'function' ? module : (module as Record<string, unknown>)[exportName]) as
      | (new () => JsModel)
      | undefined;
    if (typeof Class !== 'function') {
      throw new MlflowAutologError(`The model's code ${String(config.model_code)} has no export "${exportName}" that is a class.`);
    }
    const model = new Class();
    await ensureContext(model, spec, dir);
    return model;
  },

  async predictor(model, spec, dir): Promise<Predictor> {
    const context = await ensureContext(model, spec, dir);
    return { predict: (input, params) => model.predict(context, input, params) };
  },
};

async function ensureContext(model: JsModel, spec: ModelSpec, dir: string): Promise<ModelContext> {
  let context = contexts.get(model);
  if (!context) {
    const config = spec.jsFunction ?? { loader_module: CUSTOM_LOADER_MODULE, node_version: '' };
    const artifacts: Record<string, string> = {};
    for (const [name, path] of Object.entries((config.artifacts ?? {}) as Record<string, unknown>)) {
      artifacts[name] = await modelCodePath(dir, path, `flavors.js_function.artifacts.${name}`);
    }
    context = { artifacts, modelConfig: (config.model_config ?? {}) as Record<string, unknown> };
    contexts.set(model, context);
    await model.loadContext?.(context);
  }
  return context;
}

/** The CommonJS module whose exports hold the instance's class. */
function definingModule(model: object): string {
  const ctor = model.constructor;
  for (const [file, cached] of Object.entries(require.cache)) {
    if (cached && exportNameOf(cached.exports, ctor) !== undefined) return file;
  }
  throw new MlflowAutologError(
    `Cannot tell which module defines ${ctor?.name ?? 'the model'}: pass { code: require.resolve('./my-model.js') } ` +
      '(an ES module is never in the require cache) so it can be saved with the model.',
  );
}

function exportNameOf(exports: unknown, ctor: unknown): string | undefined {
  if (exports === ctor) return 'default';
  if (exports && (typeof exports === 'object' || typeof exports === 'function')) {
    for (const [key, value] of Object.entries(exports as Record<string, unknown>)) if (value === ctor) return key;
  }
  return undefined;
}

async function importModule(file: string): Promise<unknown> {
  try {
    return createRequire(file)(file);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_REQUIRE_ESM') throw error;
    return import(pathToFileURL(file).href);
  }
}

/** Save, log and load custom models (`saveModel(model, path, {artifacts, code})`, …). */
export const customModel = createFlavorApi(customFlavor);
/** The loader `js_function` calls for custom models. */
export const loadJsFunction = customModel.loadJsFunction;
