/**
 * Autolog options: what `autolog()` is given, then the `MLFLOW_AUTOLOG_*` environment variables
 * (which the preload reads), then MLflow's defaults. Validated with zod at this boundary; a wrong
 * value gives one {@link ConfigError} naming the option or variable, the value and what is accepted.
 */
import { z } from 'zod';
import { ConfigError } from '../errors';
import type { AutologOptions, IntegrationConfig, IntegrationOptions } from './types';

/** The resolved configuration: global settings and each integration's overrides. */
export interface AutologConfig {
  global: IntegrationConfig;
  overrides: Record<string, IntegrationOptions>;
}

/** What each option accepts, in words, for error messages. */
const ACCEPTED: Record<keyof IntegrationOptions, string> = {
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
const RESERVED_TAG = 'mlflow.autologging';

const tagsSchema = z
  .record(z.string().min(1), z.string())
  .refine((tags) => !(RESERVED_TAG in tags), { message: `${RESERVED_TAG} is reserved` });

const integrationShape = {
  disable: z.boolean().optional(),
  exclusive: z.boolean().optional(),
  disableForUnsupportedVersions: z.boolean().optional(),
  silent: z.boolean().optional(),
  logModels: z.boolean().optional(),
  logInputExamples: z.boolean().optional(),
  logModelSignatures: z.boolean().optional(),
  logDatasets: z.boolean().optional(),
  logOnnx: z.boolean().optional(),
  checkpoint: z.boolean().optional(),
  checkpointMonitor: z.string().min(1).optional(),
  checkpointMode: z.enum(['min', 'max']).optional(),
  checkpointSaveBestOnly: z.boolean().optional(),
  checkpointSaveFreq: z.union([z.literal('epoch'), z.number().int().min(1)]).optional(),
  registeredModelName: z.string().min(1).optional(),
  extraTags: tagsSchema.optional(),
  logEveryNSteps: z.number().int().min(1).optional(),
  logSystemMetrics: z.boolean().optional(),
  runEndTimeout: z.number().min(0).max(3600).optional(),
};

const booleanEnv = z
  .string()
  .regex(/^(true|false|1|0)$/i)
  .transform((s) => /^(true|1)$/i.test(s));

const ENV_SCHEMAS: Record<keyof IntegrationOptions, z.ZodType<unknown>> = {
  disable: booleanEnv,
  exclusive: booleanEnv,
  disableForUnsupportedVersions: booleanEnv,
  silent: booleanEnv,
  logModels: booleanEnv,
  logInputExamples: booleanEnv,
  logModelSignatures: booleanEnv,
  logDatasets: booleanEnv,
  logOnnx: booleanEnv,
  checkpoint: booleanEnv,
  checkpointMonitor: z.string().min(1),
  checkpointMode: z.enum(['min', 'max']),
  checkpointSaveBestOnly: booleanEnv,
  checkpointSaveFreq: z.union([z.literal('epoch'), z.string().regex(/^\s*\d+\s*$/).transform(Number).pipe(z.number().int().min(1))]),
  registeredModelName: z.string().min(1),
  extraTags: z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(tagsSchema),
  logEveryNSteps: z
    .string()
    .regex(/^\s*\d+\s*$/)
    .transform(Number)
    .pipe(z.number().int().min(1)),
  logSystemMetrics: booleanEnv,
  runEndTimeout: z
    .string()
    .regex(/^\s*\d+(\.\d+)?\s*$/)
    .transform(Number)
    .pipe(z.number().min(0).max(3600)),
};

/** Reads the `MLFLOW_AUTOLOG_*` variables; unset or empty variables are left out. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): IntegrationOptions {
  const options: Record<string, unknown> = {};
  for (const key of Object.keys(ENV_VARIABLES) as (keyof IntegrationOptions)[]) {
    const variable = ENV_VARIABLES[key];
    const raw = env[variable];
    if (raw === undefined || raw === '') continue;
    const parsed = ENV_SCHEMAS[key].safeParse(raw);
    if (!parsed.success) {
      const accepted = key === 'extraTags' ? `a JSON object of tag names to string values (not ${RESERVED_TAG})` : ENV_ACCEPTED[key] ?? ACCEPTED[key];
      throw new ConfigError(`${variable}=${JSON.stringify(raw)} is not valid: ${accepted}.`, variable);
    }
    options[key] = parsed.data;
  }
  // NB: MLflow's own switch for system metrics applies when ours is not set.
  if (options.logSystemMetrics === undefined) {
    const raw = env.MLFLOW_ENABLE_SYSTEM_METRICS_LOGGING;
    if (raw !== undefined && raw !== '') {
      const parsed = booleanEnv.safeParse(raw);
      if (!parsed.success) {
        throw new ConfigError(`MLFLOW_ENABLE_SYSTEM_METRICS_LOGGING=${JSON.stringify(raw)} is not valid: true, false, 1 or 0.`, 'MLFLOW_ENABLE_SYSTEM_METRICS_LOGGING');
      }
      options.logSystemMetrics = parsed.data;
    }
  }
  return options as IntegrationOptions;
}

const ENV_ACCEPTED: Partial<Record<keyof IntegrationOptions, string>> = {
  disable: 'true, false, 1 or 0',
  exclusive: 'true, false, 1 or 0',
  disableForUnsupportedVersions: 'true, false, 1 or 0',
  silent: 'true, false, 1 or 0',
  logModels: 'true, false, 1 or 0',
  logInputExamples: 'true, false, 1 or 0',
  logModelSignatures: 'true, false, 1 or 0',
  logDatasets: 'true, false, 1 or 0',
  logOnnx: 'true, false, 1 or 0',
  checkpoint: 'true, false, 1 or 0',
  checkpointSaveBestOnly: 'true, false, 1 or 0',
  logSystemMetrics: 'true, false, 1 or 0',
};

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

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Validates `autolog()`'s argument; `integrations` are the keys accepted as per-library overrides. */
export function validateOptions(options: unknown, integrations: readonly string[]): AutologOptions {
  const shape: Record<string, z.ZodType<unknown>> = { ...integrationShape };
  for (const name of integrations) shape[name] = z.object(integrationShape).strict().optional();
  const result = z.object(shape).strict().safeParse(options ?? {});
  if (result.success) return result.data as AutologOptions;
  const issue = result.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length ? `autolog option "${issue.path.join('.')}"` : 'autolog()';
    throw new ConfigError(
      `${where} got an unknown option "${issue.keys[0]}": use one of ${Object.keys(integrationShape).join(', ')}` +
        (issue.path.length === 0 && integrations.length ? `, or a per-library block (${integrations.join(', ')})` : '') +
        '.',
      [...issue.path, issue.keys[0]].join('.'),
    );
  }
  if (issue.path.length === 0) {
    throw new ConfigError(`autolog() takes an options object; got ${describe(options)}.`, 'options');
  }
  const path = issue.path.map(String);
  // NB: report the option itself (e.g. `extraTags`), not an entry inside it.
  const leafIndex = path.findIndex((key) => key in ACCEPTED);
  const namePath = leafIndex >= 0 ? path.slice(0, leafIndex + 1) : path;
  const value = namePath.reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], options);
  const leaf = leafIndex >= 0 ? (path[leafIndex] as keyof IntegrationOptions) : undefined;
  const accepted = leaf ? ACCEPTED[leaf] + (leaf === 'extraTags' ? ` (not ${RESERVED_TAG})` : '') : `an object of options (${Object.keys(integrationShape).join(', ')})`;
  const name = namePath.join('.');
  throw new ConfigError(`autolog option ${name}=${describe(value)} is not valid: ${accepted}.`, name);
}

/**
 * Builds the configuration: `options` first, then the environment, then the defaults. Per-library
 * blocks override the global settings for that library only.
 */
export function resolveConfig(options: unknown, integrations: readonly string[], env: NodeJS.ProcessEnv = process.env): AutologConfig {
  const validated = validateOptions(options, integrations) as Record<string, unknown>;
  const fromEnv = optionsFromEnv(env);
  const global: Record<string, unknown> = { ...DEFAULTS };
  const overrides: Record<string, IntegrationOptions> = {};
  for (const [key, value] of Object.entries(fromEnv)) if (value !== undefined) global[key] = value;
  for (const [key, value] of Object.entries(validated)) {
    if (value === undefined) continue;
    if (integrations.includes(key) && !(key in integrationShape)) overrides[key] = value as IntegrationOptions;
    else global[key] = value;
  }
  return { global: global as unknown as IntegrationConfig, overrides };
}

/** The settings of one integration: the global ones with its overrides on top. */
export function integrationConfig(config: AutologConfig, integration: string): IntegrationConfig {
  const override = config.overrides[integration];
  if (!override) return config.global;
  const merged: Record<string, unknown> = { ...config.global };
  for (const [key, value] of Object.entries(override)) if (value !== undefined) merged[key] = value;
  return merged as unknown as IntegrationConfig;
}
