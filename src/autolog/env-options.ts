/**
 * The `MLFLOW_AUTOLOG_*` environment variables, MLflow's defaults and how a configuration is
 * merged: all a preload needs to configure autologging. Checked by hand, not with a schema
 * library: a preload reads them when the first training library loads, where a schema library's
 * start-up cost would show in that library's `require`. A wrong value gives one
 * {@link ConfigError} naming the variable, the value and what is accepted.
 */
import { ConfigError } from '../errors';
import type { IntegrationConfig, IntegrationOptions } from './types';

/** The resolved configuration: global settings and each integration's overrides. */
export interface AutologConfig {
  global: IntegrationConfig;
  overrides: Record<string, IntegrationOptions>;
}

/** What each option accepts, in words, for error messages. */
export const ACCEPTED: Record<keyof IntegrationOptions, string> = {
  disable: 'true or false',
  exclusive: 'true or false',
  disableForUnsupportedVersions: 'true or false',
  silent: 'true or false',
  logModels: 'true or false',
  logInputExamples: 'true or false',
  logModelSignatures: 'true or false',
  logDatasets: 'true or false',
  logOnnx: 'true or false',
  checkpoint: 'true or false',
  checkpointMonitor: 'a metric name, e.g. val_loss',
  checkpointMode: '"min" or "max"',
  checkpointSaveBestOnly: 'true or false',
  checkpointSaveFreq: '"epoch" or a whole number of batches, at least 1',
  registeredModelName: 'a non-empty model name',
  extraTags: 'an object of tag names to string values, e.g. {"team": "vision"}',
  logEveryNSteps: 'a whole number, at least 1',
  logSystemMetrics: 'true or false',
  runEndTimeout: 'a number of seconds from 0 to 3600',
};

/** The environment variable of each option. */
export const ENV_VARIABLES: Record<keyof IntegrationOptions, string> = {
  disable: 'MLFLOW_AUTOLOG_DISABLE',
  exclusive: 'MLFLOW_AUTOLOG_EXCLUSIVE',
  disableForUnsupportedVersions: 'MLFLOW_AUTOLOG_DISABLE_FOR_UNSUPPORTED_VERSIONS',
  silent: 'MLFLOW_AUTOLOG_SILENT',
  logModels: 'MLFLOW_AUTOLOG_LOG_MODELS',
  logInputExamples: 'MLFLOW_AUTOLOG_LOG_INPUT_EXAMPLES',
  logModelSignatures: 'MLFLOW_AUTOLOG_LOG_MODEL_SIGNATURES',
  logDatasets: 'MLFLOW_AUTOLOG_LOG_DATASETS',
  logOnnx: 'MLFLOW_AUTOLOG_LOG_ONNX',
  checkpoint: 'MLFLOW_AUTOLOG_CHECKPOINT',
  checkpointMonitor: 'MLFLOW_AUTOLOG_CHECKPOINT_MONITOR',
  checkpointMode: 'MLFLOW_AUTOLOG_CHECKPOINT_MODE',
  checkpointSaveBestOnly: 'MLFLOW_AUTOLOG_CHECKPOINT_SAVE_BEST_ONLY',
  checkpointSaveFreq: 'MLFLOW_AUTOLOG_CHECKPOINT_SAVE_FREQ',
  registeredModelName: 'MLFLOW_AUTOLOG_REGISTERED_MODEL_NAME',
  extraTags: 'MLFLOW_AUTOLOG_EXTRA_TAGS',
  logEveryNSteps: 'MLFLOW_AUTOLOG_LOG_EVERY_N_STEPS',
  logSystemMetrics: 'MLFLOW_AUTOLOG_LOG_SYSTEM_METRICS',
  runEndTimeout: 'MLFLOW_AUTOLOG_RUN_END_TIMEOUT',
};

/** `mlflow.autologging` is set by autologging itself (MLflow reserves it too). */
export const RESERVED_TAG = 'mlflow.autologging';

/** MLflow's defaults (`mlflow.autolog` / `mlflow.tensorflow.autolog`). */
export const DEFAULTS: IntegrationConfig = {
  disable: false,
  exclusive: false,
  disableForUnsupportedVersions: false,
  silent: false,
  logModels: true,
  logInputExamples: false,
  logModelSignatures: true,
  logDatasets: true,
  logOnnx: false,
  checkpoint: true,
  checkpointMonitor: 'val_loss',
  checkpointMode: 'min',
  checkpointSaveBestOnly: true,
  checkpointSaveFreq: 'epoch',
  extraTags: {},
  logSystemMetrics: false,
  runEndTimeout: 3,
};

/** A variable's value parsed, or `INVALID`. */
const INVALID = Symbol('invalid');
type Parse = (raw: string) => unknown;

const BOOLEAN = /^(true|false|1|0)$/i;
const TRUE = /^(true|1)$/i;
const WHOLE = /^\s*\d+\s*$/;
const DECIMAL = /^\s*\d+(\.\d+)?\s*$/;
const BOOLEAN_ACCEPTED = 'true, false, 1 or 0';

const boolean: Parse = (raw) => (BOOLEAN.test(raw) ? TRUE.test(raw) : INVALID);
const nonEmpty: Parse = (raw) => raw;
const wholeAtLeast1: Parse = (raw) => {
  const n = WHOLE.test(raw) ? Number(raw) : Number.NaN;
  return Number.isSafeInteger(n) && n >= 1 ? n : INVALID;
};

/** True for a plain object of non-empty tag names to string values, without the reserved tag. */
export function isTagRecord(value: unknown): value is Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  for (const [key, v] of Object.entries(value)) if (key === '' || typeof v !== 'string') return false;
  return !(RESERVED_TAG in value);
}

/** How each variable is read (only set, non-empty variables are). */
const ENV_PARSERS: Record<keyof IntegrationOptions, Parse> = {
  disable: boolean,
  exclusive: boolean,
  disableForUnsupportedVersions: boolean,
  silent: boolean,
  logModels: boolean,
  logInputExamples: boolean,
  logModelSignatures: boolean,
  logDatasets: boolean,
  logOnnx: boolean,
  checkpoint: boolean,
  checkpointMonitor: nonEmpty,
  checkpointMode: (raw) => (raw === 'min' || raw === 'max' ? raw : INVALID),
  checkpointSaveBestOnly: boolean,
  checkpointSaveFreq: (raw) => (raw === 'epoch' ? raw : wholeAtLeast1(raw)),
  registeredModelName: nonEmpty,
  extraTags: (raw) => {
    try {
      const tags = JSON.parse(raw) as unknown;
      return isTagRecord(tags) ? tags : INVALID;
    } catch {
      return INVALID;
    }
  },
  logEveryNSteps: wholeAtLeast1,
  logSystemMetrics: boolean,
  runEndTimeout: (raw) => {
    const n = DECIMAL.test(raw) ? Number(raw) : Number.NaN;
    return n >= 0 && n <= 3600 ? n : INVALID;
  },
};

/** What a variable accepts where it differs from the option's wording. */
const ENV_ACCEPTED: Partial<Record<keyof IntegrationOptions, string>> = {
  disable: BOOLEAN_ACCEPTED,
  exclusive: BOOLEAN_ACCEPTED,
  disableForUnsupportedVersions: BOOLEAN_ACCEPTED,
  silent: BOOLEAN_ACCEPTED,
  logModels: BOOLEAN_ACCEPTED,
  logInputExamples: BOOLEAN_ACCEPTED,
  logModelSignatures: BOOLEAN_ACCEPTED,
  logDatasets: BOOLEAN_ACCEPTED,
  logOnnx: BOOLEAN_ACCEPTED,
  checkpoint: BOOLEAN_ACCEPTED,
  checkpointSaveBestOnly: BOOLEAN_ACCEPTED,
  logSystemMetrics: BOOLEAN_ACCEPTED,
  extraTags: `a JSON object of tag names to string values (not ${RESERVED_TAG})`,
};

/**
 * True when `MLFLOW_AUTOLOG_DISABLE` turns autologging off: the one variable a preload reads
 * before a training library loads (any other value, valid or not, is judged with the rest then).
 */
export function disabledByEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = env[ENV_VARIABLES.disable];
  return raw !== undefined && TRUE.test(raw);
}

/**
 * `MLFLOW_AUTOLOG_EXIT_HANDOFF` (true by default; false or 0 turns it off): at a script's natural
 * end, when what is still queued would take the server longer than the exit waits, a detached
 * child process sends it from the journal once the script has exited (its output goes nowhere, it
 * changes neither the exit code nor when the script ends). Off, what the exit could not send stays
 * in the journal for the next process that logs to the server, or for `npx mlflow-autolog sync`;
 * the exit line says how much and where. A process-level variable, read at the exit (alongside
 * `MLFLOW_AUTOLOG_EXIT_TIMEOUT`), not an integration's option; a value it does not know leaves it on.
 */
export const EXIT_HANDOFF_VARIABLE = 'MLFLOW_AUTOLOG_EXIT_HANDOFF';

/** True unless {@link EXIT_HANDOFF_VARIABLE} turns the exit's background sender off. */
export function exitHandOffByEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = env[EXIT_HANDOFF_VARIABLE];
  return raw === undefined || !/^(false|0)$/i.test(raw.trim());
}

/** Reads the `MLFLOW_AUTOLOG_*` variables; unset or empty variables are left out. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): IntegrationOptions {
  const options: Record<string, unknown> = {};
  for (const key of Object.keys(ENV_VARIABLES) as (keyof IntegrationOptions)[]) {
    const variable = ENV_VARIABLES[key];
    const raw = env[variable];
    if (raw === undefined || raw === '') continue;
    const parsed = ENV_PARSERS[key](raw);
    if (parsed === INVALID) throw new ConfigError(`${variable}=${JSON.stringify(raw)} is not valid: ${ENV_ACCEPTED[key] ?? ACCEPTED[key]}.`, variable);
    options[key] = parsed;
  }
  // NB: MLflow's own switch for system metrics applies when ours is not set.
  if (options.logSystemMetrics === undefined) {
    const raw = env.MLFLOW_ENABLE_SYSTEM_METRICS_LOGGING;
    if (raw !== undefined && raw !== '') {
      const parsed = boolean(raw);
      if (parsed === INVALID) {
        throw new ConfigError(`MLFLOW_ENABLE_SYSTEM_METRICS_LOGGING=${JSON.stringify(raw)} is not valid: ${BOOLEAN_ACCEPTED}.`, 'MLFLOW_ENABLE_SYSTEM_METRICS_LOGGING');
      }
      options.logSystemMetrics = parsed;
    }
  }
  return options as IntegrationOptions;
}

/** The configuration from the environment alone (what `autolog()` with no options resolves to). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): AutologConfig {
  const global: Record<string, unknown> = { ...DEFAULTS };
  for (const [key, value] of Object.entries(optionsFromEnv(env))) if (value !== undefined) global[key] = value;
  return { global: global as unknown as IntegrationConfig, overrides: {} };
}

/** The settings of one integration: the global ones with its overrides on top. */
export function integrationConfig(config: AutologConfig, integration: string): IntegrationConfig {
  const override = config.overrides[integration];
  if (!override) return config.global;
  const merged: Record<string, unknown> = { ...config.global };
  for (const [key, value] of Object.entries(override)) if (value !== undefined) merged[key] = value;
  return merged as unknown as IntegrationConfig;
}
