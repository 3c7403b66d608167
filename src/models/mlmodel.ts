/**
 * The `MLmodel` file: which flavors a model folder holds, plus its metadata, signature and input
 * example, with the fields MLflow 3 writes (`mlflow/models/model.py`). Keys MLflow does not know
 * are kept as they are, and unknown keys in a file we read survive a rewrite.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import YAML from 'yaml';
import { ValidationError } from '../errors';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version';
import { MAX_NESTING_DEPTH, readCappedFile } from './limits';
import { paramSchemaFromJson, schemaFromJson } from './signature';

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
    // NB: defineProperty, so a `__proto__` key stays a key instead of replacing the prototype.
    for (const [key, value] of Object.entries(dict)) {
      if (!known.has(key)) Object.defineProperty(spec.extra, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return spec;
  }

  /**
   * Reads `<dir>/MLmodel` (or the file itself when given its path), at most
   * `MLFLOW_AUTOLOG_MAX_MLMODEL_BYTES` (10 MiB) of it. A file that is not valid YAML, or whose
   * flavors, signature or input example info are malformed, is a {@link ValidationError} naming it.
   */
  static async load(dirOrFile: string): Promise<ModelSpec> {
    const file = dirOrFile.endsWith(MLMODEL_FILE_NAME) ? dirOrFile : join(dirOrFile, MLMODEL_FILE_NAME);
    const text = await readCappedFile(file, 'MLFLOW_AUTOLOG_MAX_MLMODEL_BYTES', 'an MLmodel file', `No MLmodel file at ${file}: is this an MLflow model folder?`);
    return ModelSpec.parse(text, file);
  }

  /** Parses the text of an `MLmodel` file; `file` names it in errors. */
  static parse(text: string, file: string = MLMODEL_FILE_NAME): ModelSpec {
    const dict = parseMlmodelYaml(text, file);
    checkStructure(dict, file);
    return ModelSpec.fromDict(dict);
  }
}

function parseMlmodelYaml(text: string, file: string): Record<string, unknown> {
  const bad = (why: string, cause?: unknown): ValidationError =>
    new ValidationError(`${file} is not a valid MLmodel file: ${why}. It should be the YAML mapping MLflow writes (flavors, signature, …); re-save the model.`, { cause });
  const roughLine = roughlyTooDeepAt(text);
  if (roughLine !== undefined) throw bad(`it nests far more than ${MAX_NESTING_DEPTH} levels deep (at line ${roughLine})`);
  let doc: YAML.Document.Parsed | undefined;
  try {
    doc = composeOne(text);
  } catch (error) {
    if (!(error instanceof YamlSyntaxError)) throw error;
    throw bad(`YAML syntax error at line ${text.slice(0, error.offset).split('\n').length}: ${error.message}`);
  }
  if (doc === undefined) throw bad('it is empty');
  // NB: only the first line of YAML's message (code, line, column): the rest quotes the file.
  if (doc.errors.length > 0) throw bad(`YAML syntax error, ${doc.errors[0]!.message.split('\n')[0]}`, doc.errors[0]);
  const deepAt = yamlTooDeepAt(doc.contents);
  if (deepAt !== undefined) throw bad(`it nests more than ${MAX_NESTING_DEPTH} levels deep (at line ${text.slice(0, deepAt).split('\n').length})`);
  let parsed: unknown;
  try {
    // NB: maxAliasCount bounds alias expansion ("billion laughs"); aliases are legal YAML but MLflow writes none.
    parsed = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw bad((error as Error).message, error);
  }
  if (!isRecord(parsed)) throw bad('its YAML is not a mapping');
  return parsed;
}

/**
 * The line where `text` goes far past the nesting cap, found in one pass before YAML sees it:
 * the YAML library exhausts its stack, or its heap, on input a few hundred KB deep (100,000
 * `- ` took the process down). Counts open flow brackets and each line's indentation and
 * block indicators (`- `, `? `, `: `); with four times the cap, real files (and signature JSON in
 * quoted strings) never come near it, and the exact check on the parsed document does the rest.
 */
function roughlyTooDeepAt(text: string): number | undefined {
  const limit = 4 * MAX_NESTING_DEPTH;
  let flow = 0;
  let line = 1;
  let prefix = 0;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line += 1;
      prefix = 0;
      atLineStart = true;
      continue;
    }
    if (atLineStart) {
      const next = text.charCodeAt(i + 1);
      const indicator = (c === 0x2d || c === 0x3f || c === 0x3a) && (Number.isNaN(next) || next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d);
      if (c === 0x20 || c === 0x09 || indicator) {
        if (++prefix > limit) return line;
        continue;
      }
      atLineStart = false;
    }
    if (c === 0x5b || c === 0x7b) {
      if (++flow > limit) return line;
    } else if ((c === 0x5d || c === 0x7d) && flow > 0) flow -= 1;
  }
  return undefined;
}

type ComposeErrorHandler = (source: number | readonly number[] | { offset: number }, code: string, message: string, warning?: boolean) => void;

class YamlSyntaxError extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

/**
 * The one YAML document of `text`, stopping at its first syntax error: the YAML library collects
 * every error, and a file of 80 KB of `[]` holds 80,000 of them, which takes it seconds (and
 * minutes for a few MB). Throws {@link YamlSyntaxError}.
 */
function composeOne(text: string): YAML.Document.Parsed | undefined {
  const tokens: YAML.CST.Token[] = [];
  let documents = 0;
  for (const token of new YAML.Parser().parse(text)) {
    if (token.type === 'error') throw new YamlSyntaxError(token.offset, token.message);
    if (token.type === 'document' && ++documents > 1) throw new YamlSyntaxError(token.offset, 'a second YAML document; an MLmodel file holds one');
    tokens.push(token);
  }
  const composer = new YAML.Composer({ version: '1.1', uniqueKeys: false, logLevel: 'error', prettyErrors: false });
  // NB: the composer reports errors through its `onError` field, set in its constructor
  // (the Composer constructor, https://github.com/eemeli/yaml/blob/v2.9.1/src/compose/composer.ts);
  // replacing it stops at the first one. Should that change, errors land in doc.errors, only later.
  // NB: the composer catches what a node throws and reports it again; the first error is the one.
  let first: YamlSyntaxError | undefined;
  (composer as unknown as { onError: ComposeErrorHandler }).onError = (source, code, message, warning) => {
    if (warning) return;
    const offset = typeof source === 'number' ? source : Array.isArray(source) ? source[0]! : (source as { offset: number }).offset;
    first ??= new YamlSyntaxError(offset, `${message} (${code})`);
    throw first;
  };
  return [...composer.compose(tokens)][0];
}

/** Offset of the first YAML collection nested deeper than the cap, walked iteratively. */
function yamlTooDeepAt(root: unknown): number | undefined {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (YAML.isPair(node)) {
      stack.push([node.key, depth], [node.value, depth]);
    } else if (YAML.isCollection(node)) {
      if (depth > MAX_NESTING_DEPTH) return node.range?.[0] ?? 0;
      for (const item of node.items) stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

/** Checks the keys this package reads, so a malformed one fails here, naming the file and key. */
function checkStructure(dict: Record<string, unknown>, file: string): void {
  const bad = (key: string, why: string): ValidationError => new ValidationError(`${file}: ${key} ${why}.`);
  const { flavors, signature, saved_input_example_info: example } = dict;
  if (flavors !== undefined && flavors !== null) {
    if (!isRecord(flavors)) throw bad('flavors', `should be a mapping of flavor name to its settings, got ${kind(flavors)}`);
    for (const [name, config] of Object.entries(flavors)) {
      if (!isRecord(config)) throw bad(`flavors.${name}`, `should be a mapping of the flavor's settings, got ${kind(config)}`);
    }
  }
  if (signature !== undefined && signature !== null) {
    if (!isRecord(signature)) throw bad('signature', `should be a mapping with inputs, outputs and params (each a JSON string or null), got ${kind(signature)}`);
    for (const part of ['inputs', 'outputs', 'params'] as const) {
      const json = signature[part];
      if (json === undefined || json === null) continue;
      if (typeof json !== 'string') throw bad(`signature.${part}`, `should be a JSON string (as Schema.to_json() writes it) or null, got ${kind(json)}`);
      try {
        if (part === 'params') paramSchemaFromJson(json, `signature.${part}`);
        else schemaFromJson(json, `signature.${part}`);
      } catch (error) {
        throw new ValidationError(`${file}: ${(error as Error).message}`, { cause: error });
      }
    }
    if (!signature.inputs && !signature.outputs && !signature.params) throw bad('signature', 'has no inputs, outputs or params; remove the key or give at least one');
  }
  if (example !== undefined && example !== null) {
    if (!isRecord(example)) throw bad('saved_input_example_info', `should be a mapping, got ${kind(example)}`);
    if (typeof example.artifact_path !== 'string' || example.artifact_path === '') {
      throw bad('saved_input_example_info.artifact_path', `should name the example's file (e.g. input_example.json), got ${kind(example.artifact_path)}`);
    }
    if (typeof example.type !== 'string') throw bad('saved_input_example_info.type', `should be dataframe, ndarray or json_object, got ${kind(example.type)}`);
  }
}

/** A short description of a YAML value for messages, without its content. */
function kind(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) return 'a mapping';
  if (typeof value === 'object') return value instanceof Date ? 'a date' : `a ${(value.constructor as { name?: string } | undefined)?.name ?? 'value'}`;
  return `the ${typeof value} ${JSON.stringify(String(value).slice(0, 40))}`;
}

/** True for a YAML mapping: a plain object (not a list, nor the Set, Map, Date or bytes of YAML 1.1 tags). */
function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Naive UTC, as Python's `str(datetime.utcnow())`: `2026-04-29 12:00:00.123456`. */
export function utcNow(date = new Date()): string {
  return `${date.toISOString().replace('T', ' ').replace('Z', '')}000`;
}
