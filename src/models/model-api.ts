/**
 * The public model API. `createFlavorApi(flavor)` gives any flavor (built-in or from another
 * package) its `saveModel`, `logModel`, `loadModel` and the `loadJsFunction` its loader module
 * exports, all from one generic implementation; `loadModel(uri)` loads any model behind
 * `js_function`.
 */
import { MlflowAutologError } from '../errors';
import { activeRun, flush, getClient, startRun } from '../tracking/fluent';
import { state } from '../tracking/fluent-state';
import { checkDependencies } from './dependencies';
import { assertCodeAllowed } from './code-gate';
import { markRunsModelCode, type Flavor, type Predictor } from './flavor';
import { loadJsFunctionModel, type JsFunctionModel, type LoadModelOptions } from './js-function';
import { logModelWith, type LogModelOptions, type ModelInfo } from './log-model';
import { ModelSpec, type JsFunctionConfig } from './mlmodel';
import { resolveModelUri } from './model-uri';
import { saveModelWith, type SaveModelOptions } from './save-model';

/** The save / log / load functions of one flavor. */
export interface FlavorApi<M, O> {
  readonly flavor: Flavor<M, O>;
  /** Saves the model into a new local folder. */
  saveModel(model: M, path: string, options?: SaveModelOptions & Partial<O>): Promise<ModelSpec>;
  /** Logs the model to the active run (started if none), as MLflow's `log_model`. */
  logModel(model: M, options?: LogModelOptions & Partial<O>): Promise<ModelInfo>;
  /** Loads the library's own model object from any model URI. */
  loadModel(uri: string, options?: LoadModelOptions): Promise<M>;
  /** What the flavor's `loader_module` exports for `js_function`. */
  loadJsFunction(modelDir: string, config: JsFunctionConfig, spec: ModelSpec): Promise<Predictor>;
}

const registry = new Map<string, FlavorApi<unknown, unknown>>();

/**
 * The model the last `logModel` of this process logged, by hand or by autologging (MLflow's
 * `mlflow.last_logged_model()`): its URI, run, logged model id and registered version. Autologging
 * logs in the background: `await flush()` first.
 */
export function lastLoggedModel(): ModelInfo | undefined {
  return state.lastLoggedModel;
}

/** Builds a flavor's API and registers the flavor by name. */
export function createFlavorApi<M, O = object>(flavor: Flavor<M, O>): FlavorApi<M, O> {
  const api: FlavorApi<M, O> = {
    flavor,
    saveModel: (model, path, options = {}) => saveModelWith(flavor, model, path, options),
    async logModel(model, options = {}) {
      let runId = options.runId ?? activeRun()?.runId;
      if (!runId) runId = (await startRun()).runId!;
      // NB: the logged model copies the run's params: send what is queued first.
      await flush();
      return logModelWith(getClient(), runId, flavor, model, options);
    },
    async loadModel(uri, options = {}) {
      const dir = await resolveModelUri(uri, getClient());
      const spec = await ModelSpec.load(dir);
      // NB: a js_function-only flavor (custom models) is known by its loader module.
      if (!spec.flavors[flavor.name] && spec.jsFunction?.loader_module !== flavor.loaderModule) {
        throw new MlflowAutologError(
          `The model at ${uri} has no ${flavor.name} flavor; its flavors are ${Object.keys(spec.flavors).join(', ') || '(none)'}.`,
        );
      }
      assertCodeAllowed(spec.jsFunction, options, uri, flavor.runsModelCode);
      await checkDependencies(dir);
      return flavor.load(dir, spec);
    },
    async loadJsFunction(modelDir, _config, spec) {
      return flavor.predictor(await flavor.load(modelDir, spec), spec, modelDir);
    },
  };
  if (flavor.runsModelCode) markRunsModelCode(api.loadJsFunction);
  registry.set(flavor.name, api as FlavorApi<unknown, unknown>);
  return api;
}

/** The API of a registered flavor, by name. */
export function getFlavor(name: string): FlavorApi<unknown, unknown> | undefined {
  return registry.get(name);
}

/**
 * Loads any MLflow model that has a `js_function` flavor, from a local path, `file:`,
 * `runs:/<run_id>/<path>`, `models:/<name>/<version>`, `models:/<name>@<alias>`,
 * `models:/<model_id>` or `mlflow-artifacts:/…` URI. Remote models are downloaded into a local
 * cache first. `predict()` enforces the model's signature.
 */
export async function loadModel(uri: string, options: LoadModelOptions = {}): Promise<JsFunctionModel> {
  const dir = await resolveModelUri(uri, getClient());
  return loadJsFunctionModel(dir, options, uri);
}

/** Downloads (if remote) and returns the local folder of a model URI. */
export function downloadModel(uri: string): Promise<string> {
  return resolveModelUri(uri, getClient());
}
