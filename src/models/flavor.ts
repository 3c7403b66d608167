/**
 * The flavor interface: what a training library (or a third-party package) supplies so that its
 * models can be saved, logged and loaded the MLflow way. A flavor writes only its own files; the
 * MLmodel file, signatures, input examples, dependencies, upload, logged models and registration
 * are done once for all flavors in `model-api.ts`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FlavorConfig, ModelSpec } from './mlmodel';

/** What `predict` runs behind the generic `js_function` flavor. */
export interface Predictor {
  /** Predicts for `input` (already checked against the signature); may return a promise. */
  predict(input: unknown, params?: Record<string, unknown>): unknown;
}

/** What a flavor's `save` wrote. */
export interface SavedFlavor {
  /** The flavor's own block in MLmodel (e.g. `{tfjs_version, data}`); omit for js_function-only models. */
  config?: FlavorConfig;
  /** Extra fields of the `js_function` block: `data` (relative path), `code` (a code folder)… */
  jsFunction?: FlavorConfig & { data?: string; code?: string | null };
  /** Blocks of other flavors the save wrote files for (the `onnx` flavor's `python_function`). */
  otherFlavors?: Record<string, FlavorConfig>;
}

/** A flavor's files (path in the model folder → text or bytes) and what its `save` returns. */
export interface FlavorSnapshot extends SavedFlavor {
  files: Record<string, string | Uint8Array>;
}

/** Writes a snapshot's files into `dir` and returns what `save` returns. */
export async function writeSnapshot(snapshot: FlavorSnapshot, dir: string): Promise<SavedFlavor> {
  for (const [path, text] of Object.entries(snapshot.files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  const { files: _files, ...saved } = snapshot;
  return saved;
}

/**
 * A model flavor.
 * @typeParam M the library's model type
 * @typeParam O flavor-specific save options
 */
export interface Flavor<M = unknown, O = object> {
  /** The flavor name in MLmodel, e.g. `tfjs`. */
  readonly name: string;
  /**
   * The module specifier `js_function.loader_module` records. It must export
   * `loadJsFunction(modelDir, jsFunctionConfig)`; {@link createFlavorApi} makes one.
   */
  readonly loaderModule: string;
  /** npm packages whose installed versions the model pins in its package.json. */
  requirements(model?: M): string[];
  /** Writes the model's files into `dir` (an existing, empty folder). */
  save(model: M, dir: string, options: Partial<O>): Promise<SavedFlavor>;
  /**
   * What `save` would write, made synchronously: for models of libraries that train
   * synchronously, so that an autologged model is journaled whole the moment training returns
   * (the process may exit before an asynchronous save finishes) and written out when it is sent.
   * Optional; a flavor with it usually saves with {@link writeSnapshot}.
   */
  snapshot?(model: M, options: Partial<O>): FlavorSnapshot;
  /**
   * The same for a library that reads its weights asynchronously (tfjs): the files as they are
   * when it resolves, for a checkpoint taken while training waits for it. Optional.
   */
  captureSnapshot?(model: M, options: Partial<O>): Promise<FlavorSnapshot>;
  /**
   * The model as an ONNX file, made synchronously, for the `onnx` and `python_function` flavors
   * (`saveModel(..., { onnx: true })`, autologging's `logOnnx`). Throws `OnnxExportError` naming
   * the part of the model ONNX export does not support. Optional: without it, models of this
   * flavor stay Node-only.
   */
  exportOnnx?(model: M, options: Partial<O>): Uint8Array;
  /** Loads the library's model from a model folder. */
  load(dir: string, spec: ModelSpec): Promise<M>;
  /**
   * True when loading runs code that comes from the model itself (custom models): such models
   * load only with `allowCode`, whatever their MLmodel says.
   */
  readonly runsModelCode?: boolean;
  /** Wraps a model (as `load` returns it) for `js_function`'s `predict`. */
  predictor(model: M, spec: ModelSpec, dir: string): Predictor | Promise<Predictor>;
}

// NB: a registered symbol, not a WeakSet: the loader may come from another copy of this package.
const RUNS_MODEL_CODE = Symbol.for('mlflow-autolog.runsModelCode');

/** Marks a flavor API's `loadJsFunction` as a loader that runs code from the model. */
export function markRunsModelCode(loadJsFunction: Function): void {
  Object.defineProperty(loadJsFunction, RUNS_MODEL_CODE, { value: true });
}

/** True for a `loadJsFunction` marked by {@link markRunsModelCode} (in any copy of this package). */
export function runsModelCode(loadJsFunction: Function): boolean {
  return (loadJsFunction as unknown as Record<symbol, unknown>)[RUNS_MODEL_CODE] === true;
}
