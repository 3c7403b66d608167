/**
 * Autolog options: what `autolog()` is given, then the `MLFLOW_AUTOLOG_*` environment variables
 * (./env-options.ts, which the preload reads), then MLflow's defaults. `autolog()`'s argument is
 * validated with zod at this boundary; a wrong value gives one {@link ConfigError} naming the
 * option, the value and what is accepted.
 */
import { z } from 'zod';
import { ConfigError } from '../errors';
import { ACCEPTED, type AutologConfig, configFromEnv, RESERVED_TAG } from './env-options';
import type { AutologOptions, IntegrationConfig, IntegrationOptions } from './types';

export { type AutologConfig, DEFAULTS, ENV_VARIABLES, integrationConfig, optionsFromEnv } from './env-options';

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
  const global: Record<string, unknown> = { ...configFromEnv(env).global };
  const overrides: Record<string, IntegrationOptions> = {};
  for (const [key, value] of Object.entries(validated)) {
    if (value === undefined) continue;
    if (integrations.includes(key) && !(key in integrationShape)) overrides[key] = value as IntegrationOptions;
    else global[key] = value;
  }
  return { global: global as unknown as IntegrationConfig, overrides };
}
