/**
 * Model URIs, resolved to a local folder: local paths and `file:` URIs as they are;
 * `runs:/<run_id>/<path>`, `models:/<name>/<version>` (or `/latest`), `models:/<name>@<alias>`,
 * `models:/<model_id>` and `mlflow-artifacts:/…` downloaded into a local cache first.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MlflowAutologError } from '../errors';
import type { MlflowClient } from '../tracking/client';

/** Where downloaded models are kept (MLFLOW_AUTOLOG_CACHE_DIR, default a folder in the OS temp dir). */
export function cacheRoot(): string {
  return process.env.MLFLOW_AUTOLOG_CACHE_DIR || join(tmpdir(), 'mlflow-autolog-models');
}

/** Resolves a model URI to a local folder, downloading it when it is remote. */
export async function resolveModelUri(uri: string, client: MlflowClient): Promise<string> {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase();
  if (scheme === undefined || scheme.length === 1) return resolve(uri);
  if (scheme === 'file') return uri.startsWith('file://') ? fileURLToPath(uri) : resolve(uri.slice(5));
  if (scheme === 'runs') return downloadRunModel(uri, client);
  if (scheme === 'models') return download(await modelsUriToArtifactUri(uri, client), client);
  // NB: as mlflow.pyfunc.load_model takes any artifact URI: the store's own (s3://, wasbs://) included.
  if (scheme === 'mlflow-artifacts' || scheme === 's3' || scheme === 'wasbs') return download(uri, client);
  throw new MlflowAutologError(
    `Unsupported model URI "${uri}": use a local path, file:, runs:/<run_id>/<path>, models:/<name>/<version>, models:/<name>/latest, models:/<name>@<alias>, models:/<model_id>, mlflow-artifacts:/, s3:// or wasbs://.`,
  );
}

/** `models:/…` to the artifact URI of the model's files. */
export async function modelsUriToArtifactUri(uri: string, client: MlflowClient): Promise<string> {
  const rest = uri.replace(/^models:\/+/i, '').replace(/\/+$/, '');
  const alias = /^([^/@]+)@([^/@]+)$/.exec(rest);
  if (alias) {
    const version = await client.getModelVersionByAlias(alias[1]!, alias[2]!);
    return client.getModelVersionDownloadUri(alias[1]!, version.version);
  }
  const version = /^([^/]+)\/([^/]+)$/.exec(rest);
  if (version) {
    const [, name, which] = version as unknown as [string, string, string];
    if (which.toLowerCase() === 'latest') return client.getModelVersionDownloadUri(name, (await client.getLatestModelVersion(name)).version);
    if (!/^\d+$/.test(which)) {
      throw new MlflowAutologError(
        `In "${uri}", "${which}" is not a version number; use models:/<name>/<version>, models:/<name>/latest or models:/<name>@<alias> (stages are deprecated in MLflow: use an alias).`,
      );
    }
    return client.getModelVersionDownloadUri(name, which);
  }
  if (/^m-[0-9a-f]{32}$/.test(rest)) return (await client.getLoggedModel(rest)).info.artifact_uri;
  throw new MlflowAutologError(`Cannot read the model URI "${uri}": expected models:/<name>/<version>, models:/<name>@<alias> or models:/<model_id>.`);
}

/**
 * `runs:/<run_id>/<path>`: the run's artifacts at `path`, or (MLflow 3) the logged model named
 * `path` that the run output.
 */
async function downloadRunModel(uri: string, client: MlflowClient): Promise<string> {
  const match = /^runs:\/+([^/]+)\/?(.*)$/i.exec(uri);
  if (!match) throw new MlflowAutologError(`Cannot read the model URI "${uri}": expected runs:/<run_id>/<path>.`);
  const [, runId, path = ''] = match;
  const run = await client.getRun(runId!);
  const listed = await client.listArtifacts(runId!, path);
  if (listed.some((f) => f.path.endsWith('MLmodel'))) {
    return download(`${run.info.artifactUri.replace(/\/+$/, '')}/${path}`, client);
  }
  if (client.hasModelStore) {
    for (const output of run.outputs.modelOutputs) {
      const model = await client.getLoggedModel(output.modelId);
      if (model.info.name === path || path === '') return download(model.info.artifact_uri, client);
    }
  }
  throw new MlflowAutologError(`No model at "${uri}": run ${runId} has no MLmodel under "${path}" and no logged model named so.`);
}

/** Downloads an artifact folder into the cache (keyed by its URI) unless it is there already. */
async function download(artifactUri: string, client: MlflowClient): Promise<string> {
  const local = /^file:/i.test(artifactUri) ? resolveFileUri(artifactUri) : undefined;
  if (local) return local;
  const key = createHash('sha256').update(`${client.trackingUri}\u0000${artifactUri}`).digest('hex').slice(0, 24);
  const target = join(cacheRoot(), key);
  if (existsSync(join(target, 'MLmodel'))) return target;
  const staging = `${target}.${process.pid}.${Date.now()}`;
  await mkdir(staging, { recursive: true });
  try {
    await client.artifactRepositoryForUri(artifactUri).downloadArtifacts(undefined, staging);
    // NB: rename makes the cache entry appear whole; a concurrent loader that won keeps its copy.
    await rename(staging, target).catch(async () => rm(staging, { recursive: true, force: true }));
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  return target;
}

function resolveFileUri(uri: string): string {
  return uri.startsWith('file://') ? fileURLToPath(uri) : resolve(uri.slice(5));
}
