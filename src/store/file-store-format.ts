/**
 * The encodings of MLflow's file store (`mlflow/store/tracking/file_store.py`): metric lines,
 * Python's float spelling, status numbers, ids, `file://` URIs and random run names.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { isAbsolute, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MlflowRestError, ValidationError } from '../errors';
import { validateKey } from './limits';
import type { Metric, RunStatus } from './types';

/** `RunStatus` as the proto numbers it, which is how `meta.yaml` stores it. */
export const STATUS_TO_INT: Readonly<Record<RunStatus, number>> = {
  RUNNING: 1,
  SCHEDULED: 2,
  FINISHED: 3,
  FAILED: 4,
  KILLED: 5,
};

/** Reads a stored status: MLflow writes the number; a name is accepted too. */
export function statusFromStored(value: unknown): RunStatus {
  if (value === undefined || value === null) return 'RUNNING';
  for (const [name, number] of Object.entries(STATUS_TO_INT)) {
    if (value === number || value === name) return name as RunStatus;
  }
  throw new MlflowRestError(`Unknown run status ${JSON.stringify(value)} in meta.yaml.`, 'INTERNAL_ERROR', 500);
}

/** `SourceType.LOCAL`, the only source type MLflow's file store records. */
export const SOURCE_TYPE_LOCAL = 4;

const RUN_ID = /^[a-zA-Z0-9][\w-]{0,255}$/;
const EXPERIMENT_ID = /^[a-zA-Z0-9][\w-]{0,63}$/;

/** True for a folder name that can be a run id (MLflow's `_RUN_ID_REGEX`). */
export function isRunId(value: string): boolean {
  return RUN_ID.test(value);
}

/** True for a folder name that can be an experiment id (MLflow's `_EXPERIMENT_ID_REGEX`). */
export function isExperimentId(value: string): boolean {
  return EXPERIMENT_ID.test(value);
}

/** Rejects ids that could name anything but one folder, before they reach a path. */
export function checkId(kind: 'run' | 'experiment', value: string): void {
  if (typeof value !== 'string' || !(kind === 'run' ? isRunId(value) : isExperimentId(value))) {
    throw new MlflowRestError(`Invalid ${kind} ID: ${JSON.stringify(value)}.`, 'INVALID_PARAMETER_VALUE', 400);
  }
}

/**
 * Checks a metric, param or tag key, which names a file here: MLflow's key rule, plus its rule that
 * the key is its own normalized path ('a/./b' or 'a/' would land on another key's file).
 */
export function checkKey(kind: 'metric' | 'param' | 'tag', key: string): void {
  validateKey(kind, key);
  if (posix.normalize(key) !== key || key === '.' || key.endsWith('/')) {
    throw new ValidationError(`The ${kind} key "${key}" is not valid: it must not resolve to another path.`);
  }
}

/** Rejects a model id that is not a single, stable path component (MLflow's rule). */
export function checkPathComponent(field: string, value: string): void {
  if (!value || value.replace(/[ .]+$/, '') !== value || /[/\\]/.test(value) || value === '.' || value === '..') {
    throw new MlflowRestError(
      `Invalid value ${JSON.stringify(value)} for ${field}: must be a single path component.`,
      'INVALID_PARAMETER_VALUE',
      400,
    );
  }
}

/** A run id: 32 lowercase hex digits, as `uuid.uuid4().hex`. */
export function newRunId(): string {
  const bytes = randomBytes(16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return bytes.toString('hex');
}

/** An experiment id: 18 random decimal digits without a leading zero, as MLflow generates them. */
export function newExperimentId(): string {
  let id = String(randomInt(1, 10));
  for (let i = 1; i < 18; i++) id += String(randomInt(0, 10));
  return id;
}

/** `md5(a + b)` in hex: how the file store names dataset and input folders. */
export function md5Id(...parts: string[]): string {
  const hash = createHash('md5');
  for (const part of parts) hash.update(part, 'utf8');
  return hash.digest('hex');
}

const ADJECTIVES = [
  'amber', 'bold', 'brave', 'bright', 'calm', 'clever', 'crisp', 'dapper', 'eager', 'fancy',
  'gentle', 'glad', 'golden', 'happy', 'honest', 'jolly', 'keen', 'lively', 'lucky', 'merry',
  'nimble', 'polite', 'proud', 'quick', 'quiet', 'rare', 'silent', 'smart', 'swift', 'tidy',
  'upbeat', 'vivid', 'warm', 'wise', 'zealous',
];
const NOUNS = [
  'ant', 'bat', 'bear', 'bee', 'cat', 'colt', 'crab', 'crow', 'deer', 'dove', 'duck', 'eel',
  'elk', 'finch', 'fox', 'frog', 'goat', 'hare', 'hawk', 'jay', 'koi', 'lark', 'lynx', 'mole',
  'moth', 'newt', 'owl', 'panda', 'ram', 'seal', 'shrew', 'snail', 'swan', 'toad', 'wolf', 'wren',
];

/** A run name like MLflow's generated ones: `<adjective>-<noun>-<0…1000>`. */
export function randomRunName(): string {
  const pick = (words: readonly string[]) => words[randomInt(0, words.length)]!;
  return `${pick(ADJECTIVES)}-${pick(NOUNS)}-${randomInt(0, 1001)}`;
}

/**
 * Spells a float as Python's `repr` does (`str(float)` in the metric files): the shortest digits
 * that round-trip, scientific notation below 1e-4 or from 1e16 up, `.0` on whole numbers, and
 * `nan`, `inf`, `-inf`.
 */
export function formatPythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  // NB: toExponential() with no argument gives the shortest round-trip digits, as repr does.
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  const pointAt = exponent + 1;
  if (pointAt > 16 || pointAt < -3) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${digits[0]}${fraction}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (pointAt <= 0) return `${sign}0.${'0'.repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return `${sign}${digits}${'0'.repeat(pointAt - digits.length)}.0`;
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

/** Reads a float as Python's `float()` does for what the file store writes (incl. nan/inf). */
export function parsePythonFloat(text: string): number {
  const t = text.trim().toLowerCase().replace(/_/g, '');
  const unsigned = t.replace(/^[+-]/, '');
  if (unsigned === 'nan') return NaN;
  if (unsigned === 'inf' || unsigned === 'infinity') return t.startsWith('-') ? -Infinity : Infinity;
  const value = Number(t);
  if (t === '' || Number.isNaN(value)) throw new TypeError(`not a float: ${JSON.stringify(text)}`);
  return value;
}

/**
 * One line of a run's metric file: `<timestamp> <value> <step>`, plus `<dataset name> <dataset
 * digest>` when both are set. A name or digest holding whitespace would break the line's fields,
 * so then the dataset is left out and `droppedDataset` is true.
 */
export function formatMetricLine(metric: Metric): { line: string; droppedDataset: boolean } {
  const base = `${metric.timestamp} ${formatPythonFloat(metric.value)} ${metric.step}`;
  const { datasetName: name, datasetDigest: digest } = metric;
  if (name === undefined || digest === undefined) return { line: `${base}\n`, droppedDataset: false };
  if (/\s/.test(name) || /\s/.test(digest) || name === '' || digest === '') {
    return { line: `${base}\n`, droppedDataset: true };
  }
  return { line: `${base} ${name} ${digest}\n`, droppedDataset: false };
}

/** Parses one metric line (2, 3 or 5 fields, as MLflow accepts). */
export function parseMetricLine(key: string, line: string): Metric {
  const parts = line.trim().split(' ');
  if (parts.length !== 2 && parts.length !== 3 && parts.length !== 5) {
    throw new MlflowRestError(
      `Metric '${key}' is malformed; a line holds ${parts.length} fields, expected 2, 3 or 5.`,
      'INTERNAL_ERROR',
      500,
    );
  }
  const metric: Metric = {
    key,
    timestamp: Number.parseInt(parts[0]!, 10),
    value: parsePythonFloat(parts[1]!),
    step: parts.length >= 3 ? Number.parseInt(parts[2]!, 10) : 0,
  };
  if (parts.length === 5) {
    metric.datasetName = parts[3]!;
    metric.datasetDigest = parts[4]!;
  }
  return metric;
}

/** `a` is later than `b` the way the file store picks a metric's latest value. */
export function isLaterMetric(a: Metric, b: Metric): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  // NB: Python compares the tuples' values with '>', for which NaN is never greater.
  return a.value > b.value;
}

/** Percent-encodes a POSIX path as `pathlib.Path.as_uri()` does (only `A-Za-z0-9_.-~/` stay). */
export function pathToFileUri(absolutePath: string): string {
  let out = '';
  for (const byte of Buffer.from(absolutePath, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9_.\-~/]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `file://${out}`;
}

/** The local path of a `file:` URI or a plain path, made absolute. */
export function localPath(uriOrPath: string): string {
  if (/^file:/i.test(uriOrPath)) {
    // NB: MLflow accepts `file:relative/path` too; URL parsing would not.
    if (!uriOrPath.startsWith('file://')) return resolve(decodeURIComponent(uriOrPath.slice(5)));
    return fileURLToPath(uriOrPath);
  }
  return resolve(uriOrPath);
}

/** True when `uri` has a scheme other than `file:` (s3://, mlflow-artifacts:, …). */
function isRemoteUri(uri: string): boolean {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri)?.[1];
  // NB: a one-letter scheme is a Windows drive letter, not a URI.
  return scheme !== undefined && scheme.length > 1 && scheme.toLowerCase() !== 'file';
}

/** An experiment's artifact location as MLflow records a user-given one (`resolve_uri_if_local`). */
export function resolveArtifactLocation(location: string): string {
  if (isRemoteUri(location) || location.startsWith('file://')) return location;
  if (/^file:/i.test(location)) return pathToFileUri(localPath(location));
  return isAbsolute(location) ? location : resolve(location);
}

/** Appends POSIX segments to a URI's path (before any query), or to a plain path. */
export function appendToUriPath(uri: string, ...segments: string[]): string {
  const suffix = segments.map((s) => s.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');
  const queryAt = uri.search(/[?#]/);
  const [head, tail] = queryAt === -1 ? [uri, ''] : [uri.slice(0, queryAt), uri.slice(queryAt)];
  return `${head.replace(/\/+$/, '')}/${suffix}${tail}`;
}
