/**
 * `saveModel` for every flavor: the flavor writes its files, and this writes the rest of an
 * MLflow model folder: the `MLmodel` file with the flavor's block and `js_function`, the
 * signature, the input example, extra files, code, and the dependency manifest.
 */
import { cp, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { MlflowAutologError } from '../errors';
import { warn } from '../util/logger';
import { containedPath } from '../util/paths';
import { dependencyManifest, writeDependencies, DEPENDENCY_FILE_NAME } from './dependencies';
import type { Flavor, FlavorSnapshot, SavedFlavor } from './flavor';
import { inferSignature } from './infer-signature';
import { inputExampleFiles, saveInputExample } from './input-example';
import { JS_FUNCTION, MLMODEL_FILE_NAME, ModelSpec, type JsFunctionConfig } from './mlmodel';
import { signatureToDict, type ModelSignature } from './signature';

/** Options every flavor's `saveModel` and `logModel` take. */
export interface SaveModelOptions {
  /**
   * The model's signature. When omitted and an input example is given, it is inferred from the
   * example and the model's prediction on it; `false` saves none.
   */
  signature?: ModelSignature | false;
  /** Example input, saved as `input_example.json` / `serving_input_example.json`. */
  inputExample?: unknown;
  /** Free-form metadata stored in MLmodel. */
  metadata?: Record<string, unknown>;
  /** Local files copied into the model's `extra_files/` folder. */
  extraFiles?: string[];
  /** Local files or folders copied into the model's `code/` folder. */
  codePaths?: string[];
  /** More npm packages to pin (name → version), e.g. a library the model's code needs. */
  extraRequirements?: Record<string, string>;
  /**
   * Also export the model to ONNX, adding the `onnx` and `python_function` flavors (`model.onnx`
   * and the Python environment files), so that Python MLflow loads and serves it. A model the
   * flavor cannot export is saved without them, with one warning naming what is not supported.
   */
  onnx?: boolean;
}

/** @internal What `logModel` adds to a save. */
export interface SaveContext {
  artifactPath?: string;
  runId?: string;
  modelId?: string;
}

/**
 * Saves `model` with `flavor` into the folder `path` (created; it must not exist or be empty)
 * and resolves to the model's MLmodel contents.
 */
export async function saveModelWith<M, O>(
  flavor: Flavor<M, O>,
  model: M,
  path: string,
  options: SaveModelOptions & Partial<O> = {},
  context: SaveContext = {},
): Promise<ModelSpec> {
  const dir = resolve(path);
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) {
    throw new MlflowAutologError(`Cannot save a model into ${dir}: the folder is not empty. Choose a new path.`);
  }
  const saved = await flavor.save(model, dir, options);
  const { spec, jsFunction } = describeModel(flavor, saved, options, context);
  const companion = onnxCompanionOf(flavor, model, options);
  if (companion) {
    for (const [name, contents] of Object.entries(companion.files)) await writeFile(containedPath(dir, name, 'the ONNX flavor file'), contents);
    for (const [name, config] of Object.entries(companion.flavors)) spec.addFlavor(name, config);
  }
  if (options.codePaths?.length) {
    await mkdir(join(dir, 'code'), { recursive: true });
    for (const source of options.codePaths) await cp(resolve(source), join(dir, 'code', basename(source)), { recursive: true });
    jsFunction.code = 'code';
  }
  if (options.extraFiles?.length) {
    await mkdir(join(dir, 'extra_files'), { recursive: true });
    for (const file of options.extraFiles) await cp(resolve(file), join(dir, 'extra_files', basename(file)), { recursive: true });
    jsFunction.extra_files = options.extraFiles.map((f) => `extra_files/${basename(f)}`);
  }
  spec.addFlavor(JS_FUNCTION, jsFunction);

  if (options.inputExample !== undefined) {
    spec.savedInputExampleInfo = await saveInputExample(dir, options.inputExample);
  }
  const signature = options.signature === false ? undefined : (options.signature ?? (await inferFromExample(flavor, model, spec, dir, options.inputExample)));
  if (signature) spec.signature = signatureToDict(signature);

  await writeDependencies(dir, flavor.requirements(model), options.extraRequirements);
  spec.modelSizeBytes = await folderSize(dir);
  await spec.save(dir);
  return spec;
}

/** The MLmodel contents every save starts from: the flavor's block and its `js_function` block (not yet added). */
function describeModel(flavor: Pick<Flavor, 'name' | 'loaderModule'>, saved: SavedFlavor, options: SaveModelOptions, context: SaveContext): { spec: ModelSpec; jsFunction: JsFunctionConfig } {
  const spec = new ModelSpec();
  if (context.modelId) {
    spec.modelId = context.modelId;
    spec.modelUuid = context.modelId;
  }
  spec.runId = context.runId;
  spec.artifactPath = context.artifactPath;
  spec.metadata = options.metadata;
  if (saved.config) spec.addFlavor(flavor.name, saved.config);
  for (const [name, config] of Object.entries(saved.otherFlavors ?? {})) spec.addFlavor(name, config);
  const jsFunction: JsFunctionConfig = {
    loader_module: flavor.loaderModule,
    ...saved.jsFunction,
    env: DEPENDENCY_FILE_NAME,
    node_version: process.versions.node,
  };
  return { spec, jsFunction };
}

/** A model folder's files: relative path → contents (text, or bytes such as `model.onnx`). */
export type ModelFiles = Record<string, string | Uint8Array>;

/** The `onnx` flavor's files and blocks when the save asks for them (`onnx: true`) and the flavor can export the model. */
function onnxCompanionOf<M, O>(flavor: Flavor<M, O>, model: M, options: SaveModelOptions & Partial<O>) {
  if (!options.onnx || flavor.name === 'onnx') return undefined;
  // NB: loaded here: only an ONNX export needs it.
  const { exportCompanion } = require('../onnx/flavor') as typeof import('../onnx/flavor');
  return exportCompanion(flavor, model, options);
}

/**
 * What {@link saveModelWith} would write, made synchronously from the flavor's `snapshot`, or
 * undefined when that cannot be: the flavor has none, files are to be copied (`codePaths`,
 * `extraFiles`), or the signature is to be inferred by predicting. Autologging journals it the
 * moment a synchronous training call returns, so that `process.exit()` right after training
 * keeps the model; {@link writeModelFiles} writes it out when it is sent.
 */
export function draftModel<M, O>(flavor: Flavor<M, O>, model: M, options: SaveModelOptions & Partial<O>, context: SaveContext = {}): ModelFiles | undefined {
  if (!flavor.snapshot || !canDraft(options)) return undefined;
  return draftFromSnapshot(flavor, model, flavor.snapshot(model, options), options, context);
}

/** True when a model folder can be drafted from a snapshot with these options (see {@link draftModel}). */
export function canDraft(options: SaveModelOptions): boolean {
  if (options.codePaths?.length || options.extraFiles?.length) return false;
  return !(options.signature === undefined && options.inputExample !== undefined);
}

/** The model folder {@link saveModelWith} would write, from a flavor's snapshot taken already. */
export function draftFromSnapshot<M, O>(flavor: Flavor<M, O>, model: M, snapshot: FlavorSnapshot, options: SaveModelOptions & Partial<O>, context: SaveContext = {}): ModelFiles {
  const files: ModelFiles = { ...snapshot.files };
  const { spec, jsFunction } = describeModel(flavor, snapshot, options, context);
  const companion = onnxCompanionOf(flavor, model, options);
  if (companion) {
    Object.assign(files, companion.files);
    for (const [name, config] of Object.entries(companion.flavors)) spec.addFlavor(name, config);
  }
  spec.addFlavor(JS_FUNCTION, jsFunction);
  if (options.inputExample !== undefined) {
    const example = inputExampleFiles(options.inputExample);
    Object.assign(files, example.files);
    spec.savedInputExampleInfo = example.info;
  }
  if (options.signature) spec.signature = signatureToDict(options.signature);
  files[DEPENDENCY_FILE_NAME] = dependencyManifest(flavor.requirements(model), options.extraRequirements).text;
  spec.modelSizeBytes = Object.values(files).reduce((total, contents) => total + (typeof contents === 'string' ? Buffer.byteLength(contents) : contents.byteLength), 0);
  files[MLMODEL_FILE_NAME] = spec.toYaml();
  return files;
}

/**
 * Writes a drafted model folder into `dir`, replacing whatever an interrupted earlier attempt
 * left there; `MLmodel` last, so a folder with one is whole.
 */
export async function writeModelFiles(files: ModelFiles, dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  const names = Object.keys(files).sort((a, b) => Number(a === MLMODEL_FILE_NAME) - Number(b === MLMODEL_FILE_NAME));
  for (const name of names) {
    const target = containedPath(dir, name, 'the model file');
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, files[name]!);
  }
}

/** MLflow's behaviour: with an example and no signature, infer one from the example and its prediction. */
async function inferFromExample<M, O>(flavor: Flavor<M, O>, model: M, spec: ModelSpec, dir: string, example: unknown): Promise<ModelSignature | undefined> {
  if (example === undefined) return undefined;
  const { input, params } = splitExample(example);
  try {
    const predictor = await flavor.predictor(model, spec, dir);
    const output: unknown = await predictor.predict(input, params);
    return inferSignature(input, output, params);
  } catch (error) {
    warn('could not infer the model signature from the input example; saving the input schema only', error);
    try {
      return inferSignature(input, undefined, params);
    } catch {
      return undefined;
    }
  }
}

/** An example may carry params as `{input, params}` (MLflow's `(input, params)` tuple). */
export function splitExample(example: unknown): { input: unknown; params?: Record<string, unknown> } {
  if (example && typeof example === 'object' && !Array.isArray(example)) {
    const keys = Object.keys(example);
    if (keys.length === 2 && keys.includes('input') && keys.includes('params')) {
      const { input, params } = example as { input: unknown; params: Record<string, unknown> };
      return { input, params };
    }
  }
  return { input: example };
}

async function folderSize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? await folderSize(path) : (await stat(path)).size;
  }
  return total;
}
