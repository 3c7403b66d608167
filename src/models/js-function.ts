/**
 * The generic flavor `js_function`, our counterpart of MLflow's `python_function`: any model
 * folder whose MLmodel has a `js_function` block loads behind one `predict()` that enforces the
 * model's signature. Loading dispatches on `loader_module`, a module specifier that exports
 * `loadJsFunction(modelDir, config, spec)`.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MlflowAutologError } from '../errors';
import { assertCodeAllowed, resolveLoader, type CodeGateOptions } from './code-gate';
import { checkDependencies } from './dependencies';
import { assertInputDepth, enforceSchema } from './enforce';
import { runsModelCode, type Predictor } from './flavor';
import { JS_FUNCTION, ModelSpec, type JsFunctionConfig } from './mlmodel';
import { signatureFromDict, type ModelSignature } from './signature';

/** What a `loader_module` exports. */
export interface JsFunctionLoaderModule {
  loadJsFunction(modelDir: string, config: JsFunctionConfig, spec: ModelSpec): Promise<Predictor> | Predictor;
}

/** Options of `loadModel`. */
export interface LoadModelOptions extends CodeGateOptions {
  /**
   * Predict through this flavor instead of `js_function`'s loader: `'onnx'` runs the model's
   * `model.onnx` with onnxruntime-node (an optional peer dependency). A model with an `onnx`
   * flavor and no `js_function` (one logged from Python) loads this way without being asked.
   */
  flavor?: 'onnx';
}

/** A model loaded through `js_function`. */
export class JsFunctionModel {
  /** The model's signature, if it was saved with one. */
  readonly signature?: ModelSignature;

  /** @internal */
  constructor(
    /** The model's MLmodel contents. */
    readonly metadata: ModelSpec,
    /** The local folder the model was loaded from. */
    readonly path: string,
    private readonly predictor: Predictor,
  ) {
    const { signature } = metadata;
    this.signature = signature ? signatureFromDict(signature) : undefined;
  }

  /**
   * Predicts for `input`, first checking it against the signature as MLflow does: a missing
   * required column or a lossy type conversion is an error, extra columns are dropped, safe
   * widening is applied, tensor shapes and dtypes are checked.
   */
  async predict(input: unknown, params?: Record<string, unknown>): Promise<unknown> {
    let data = input;
    let checkedParams = params;
    if (this.signature?.inputs || this.signature?.params) {
      // NB: enforcement checks the depth itself (once, and for tensor data only along its first row).
      const enforced = enforceSchema(input, this.signature.inputs, { params, paramSchema: this.signature.params });
      data = enforced.data;
      checkedParams = enforced.params;
    } else {
      assertInputDepth(input, params);
    }
    return await this.predictor.predict(data, checkedParams);
  }
}

/** Loads the model in the local folder `dir` behind `js_function`. */
export async function loadJsFunctionModel(dir: string, options: LoadModelOptions = {}, source = dir): Promise<JsFunctionModel> {
  const spec = await ModelSpec.load(dir);
  const config = spec.jsFunction;
  if (options.flavor !== undefined && options.flavor !== 'onnx') {
    throw new MlflowAutologError(`loadModel's flavor option takes 'onnx' (the only flavor with a runtime of its own here), got ${JSON.stringify(options.flavor)}.`);
  }
  if (options.flavor === 'onnx' || (!config && spec.flavors.onnx)) {
    // NB: loaded here: only ONNX models need the runtime. An ONNX file runs no code of the model's.
    const { loadOnnxPredictor } = require('../onnx/flavor') as typeof import('../onnx/flavor');
    return new JsFunctionModel(spec, dir, await loadOnnxPredictor(dir, spec));
  }
  if (!config) {
    const flavors = Object.keys(spec.flavors);
    throw new MlflowAutologError(
      `The model at ${source} has no ${JS_FUNCTION} flavor, so it cannot be loaded in Node.js: its flavors are ` +
        `${flavors.length ? flavors.join(', ') : '(none)'}. ` +
        (flavors.includes('python_function') ? 'It is a Python model; load it with mlflow.pyfunc.load_model in Python.' : ''),
    );
  }
  assertCodeAllowed(config, options, source);
  if (typeof config.loader_module !== 'string' || config.loader_module === '') {
    throw new MlflowAutologError(`The ${JS_FUNCTION} block of ${source} has no loader_module.`);
  }
  await checkDependencies(dir, typeof config.env === 'string' ? config.env : undefined);
  const loader = await importLoader(await resolveLoader(config.loader_module, dir, options, source), config.loader_module, source);
  // NB: decided by what will run: a loader that runs code from the model needs allowCode, whatever MLmodel says.
  assertCodeAllowed(config, options, source, runsModelCode(loader.loadJsFunction));
  const predictor = await loader.loadJsFunction(dir, config, spec);
  return new JsFunctionModel(spec, dir, predictor);
}

/** Imports the loader module at `resolved` (the gate's answer for `specifier`). */
async function importLoader(resolved: string, specifier: string, source: string): Promise<JsFunctionLoaderModule> {
  let loaded: unknown;
  try {
    loaded = createRequire(resolved)(resolved);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_REQUIRE_ESM') throw error;
    loaded = await import(pathToFileURL(resolved).href);
  }
  const module = (loaded as { loadJsFunction?: unknown; default?: { loadJsFunction?: unknown } }) ?? {};
  const candidate = typeof module.loadJsFunction === 'function' ? module : module.default;
  if (!candidate || typeof candidate.loadJsFunction !== 'function') {
    throw new MlflowAutologError(`The module "${specifier}" (for ${source}) does not export loadJsFunction(modelDir, config).`);
  }
  return candidate as JsFunctionLoaderModule;
}
