/**
 * The `MLmodel` file: which flavors a model folder holds, plus its metadata, signature and input
 * example, with the fields MLflow 3 writes (`mlflow/models/model.py`). Keys MLflow does not know
 * are kept as they are, and unknown keys in a file we read survive a rewrite.
 */
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import YAML from 'yaml';
import { MlflowAutologError } from '../errors';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version';

export const MLMODEL_FILE_NAME = 'MLmodel';
/** The generic flavor every loadable model carries: our counterpart of `python_function`. */
export const JS_FUNCTION = 'js_function';

/** One flavor's block in `MLmodel`: free-form, as in MLflow. */
export type FlavorConfig = Record<string, unknown>;

/** `signature` as stored in MLmodel: each part a JSON string, or null. */
export interface SignatureDict {
  inputs: string | null;
  outputs: string | null;
  params: string | null;
}

export interface SavedInputExampleInfo {
  artifact_path: string;
  type: string;
  pandas_orient?: string;
  serving_input_path?: string;
  params?: string;
  [key: string]: unknown;
}

/** The `js_function` block (see {@link JS_FUNCTION}). */
export interface JsFunctionConfig extends FlavorConfig {
  /** A module specifier exporting `loadJsFunction(modelDir, config)`. */
  loader_module: string;
  /** The model data, relative to the model folder. */
  data?: string;
  /** The dependency file, relative to the model folder (`package.json`). */
  env?: string;
  node_version: string;
  /** Folder of code saved with the model, relative to it; loading such a model runs that code. */
  code?: string | null;
}

/** What is known about a model folder; the in-memory form of its `MLmodel` file. */
export class ModelSpec {
  artifactPath?: string;
  runId?: string;
  modelId: string | null = null;
  modelUuid: string = randomUUID().replace(/-/g, '');
  utcTimeCreated: string = utcNow();
  flavors: Record<string, FlavorConfig> = {};
  signature?: SignatureDict;
  savedInputExampleInfo?: SavedInputExampleInfo;
  modelSizeBytes?: number;
  metadata?: Record<string, unknown>;
  /** Keys this class does not model, kept verbatim (for example `mlflow_version`, `prompts`). */
  extra: Record<string, unknown> = {};

  /** Adds (or replaces) a flavor block. */
  addFlavor(name: string, config: FlavorConfig): this {
    this.flavors[name] = config;
    return this;
  }

  /** The `js_function` block, if the model has one. */
  get jsFunction(): JsFunctionConfig | undefined {
    return this.flavors[JS_FUNCTION] as JsFunctionConfig | undefined;
  }

  /** The dictionary written to YAML, keys in MLflow's (alphabetical) order. */
  toDict(): Record<string, unknown> {
    const dict: Record<string, unknown> = {
      ...this.extra,
      flavors: this.flavors,
      model_id: this.modelId,
      model_uuid: this.modelUuid,
      utc_time_created: this.utcTimeCreated,
      mlflow_autolog_version: PACKAGE_VERSION,
      generated_by: `${PACKAGE_NAME} ${PACKAGE_VERSION} (node ${process.versions.node})`,
    };
    if (this.artifactPath !== undefined) dict.artifact_path = this.artifactPath;
    if (this.runId !== undefined) dict.run_id = this.runId;
    if (this.signature) {
      dict.signature = this.signature;
      dict.is_signature_from_type_hint ??= false;
      dict.type_hint_from_example ??= false;
    }
    if (this.savedInputExampleInfo) dict.saved_input_example_info = this.savedInputExampleInfo;
    if (this.modelSizeBytes !== undefined) dict.model_size_bytes = this.modelSizeBytes;
    if (this.metadata) dict.metadata = this.metadata;
    return Object.fromEntries(Object.entries(dict).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  toYaml(): string {
    // NB: MLflow reads this with PyYAML, a YAML 1.1 parser: writing 1.1 quotes the strings it would
    // take for something else (timestamps such as utc_time_created, yes/no, octal-looking digits).
    return YAML.stringify(this.toDict(), { version: '1.1', lineWidth: 0, sortMapEntries: true, nullStr: 'null' });
  }

  /** Writes `<dir>/MLmodel`. */
  async save(dir: string): Promise<void> {
    await writeFile(join(dir, MLMODEL_FILE_NAME), this.toYaml());
  }

  static fromDict(dict: Record<string, unknown>): ModelSpec {
    const spec = new ModelSpec();
    const known = new Set([
      'artifact_path', 'run_id', 'model_id', 'model_uuid', 'utc_time_created', 'flavors', 'signature',
      'saved_input_example_info', 'model_size_bytes', 'metadata', 'mlflow_autolog_version', 'generated_by',
    ]);
    spec.artifactPath = typeof dict.artifact_path === 'string' ? dict.artifact_path : undefined;
    spec.runId = typeof dict.run_id === 'string' ? dict.run_id : undefined;
    spec.modelId = typeof dict.model_id === 'string' ? dict.model_id : null;
    spec.modelUuid = typeof dict.model_uuid === 'string' ? dict.model_uuid : '';
    spec.utcTimeCreated = dict.utc_time_created === undefined ? '' : String(dict.utc_time_created);
    spec.flavors = isRecord(dict.flavors) ? (dict.flavors as Record<string, FlavorConfig>) : {};
    spec.signature = isRecord(dict.signature) ? (dict.signature as unknown as SignatureDict) : undefined;
    spec.savedInputExampleInfo = isRecord(dict.saved_input_example_info)
      ? (dict.saved_input_example_info as SavedInputExampleInfo)
      : undefined;
    spec.modelSizeBytes = typeof dict.model_size_bytes === 'number' ? dict.model_size_bytes : undefined;
    spec.metadata = isRecord(dict.metadata) ? dict.metadata : undefined;
    for (const [key, value] of Object.entries(dict)) if (!known.has(key)) spec.extra[key] = value;
    return spec;
  }

  /** Reads `<dir>/MLmodel` (or the file itself when given its path). */
  static async load(dirOrFile: string): Promise<ModelSpec> {
    const file = dirOrFile.endsWith(MLMODEL_FILE_NAME) ? dirOrFile : join(dirOrFile, MLMODEL_FILE_NAME);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new MlflowAutologError(`No MLmodel file at ${file}: is this an MLflow model folder?`, { cause: error });
    }
    const parsed: unknown = YAML.parse(text, { version: '1.1' });
    if (!isRecord(parsed)) throw new MlflowAutologError(`${file} is not an MLmodel file: its YAML is not a mapping.`);
    return ModelSpec.fromDict(parsed);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Naive UTC, as Python's `str(datetime.utcnow())`: `2026-04-29 12:00:00.123456`. */
export function utcNow(date = new Date()): string {
  return `${date.toISOString().replace('T', ' ').replace('Z', '')}000`;
}
