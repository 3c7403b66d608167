/**
 * `logModel` for every flavor, MLflow 3's way: create the logged model (PENDING) with the run as
 * its source, link it as the run's output, save the folder and upload it to the logged model's
 * artifact location, finalize READY (UPLOAD_FAILED on error), then register it if asked.
 * Against a server without logged models (MLflow 2.x) or the local store, the model goes to the
 * run's artifacts and the `mlflow.log-model.history` tag instead, as MLflow 2 did.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkArtifactPath } from '../artifacts/artifact-path';
import { isTransient, MlflowRestError } from '../errors';
import type { MlflowClient } from '../tracking/client';
import { state } from '../tracking/fluent-state';
import { warn } from '../util/logger';
import { TAG_MODEL_TOKEN, type ModelRecord } from '../journal/records';
import { allSettledOrThrow } from '../util/concurrency';
import type { Flavor } from './flavor';
import { ModelSpec } from './mlmodel';
import { saveModelWith, type SaveModelOptions } from './save-model';

/** Options of every flavor's `logModel`. */
export interface LogModelOptions extends SaveModelOptions {
  /** The model's name (MLflow 3) and its folder in the run's artifacts (MLflow 2). @default "model" */
  name?: string;
  /** Register the model under this name (created if missing) as a new version. */
  registeredModelName?: string;
  /** Aliases to point at the new version, e.g. `['champion']`. Needs `registeredModelName`. */
  aliases?: string[];
  /** The step the model output is recorded at. @default 0 */
  step?: number;
  /** Log to this run instead of the active one. */
  runId?: string;
  /** Tags for the logged model. */
  tags?: Record<string, string>;
}

/** What `logModel` logged. */
export interface ModelInfo {
  /** The URI to load it with: `models:/<model_id>`, or `runs:/<run_id>/<name>` without logged models. */
  modelUri: string;
  /** The logged model's id (MLflow 3), or undefined. */
  modelId?: string;
  runId: string;
  name: string;
  /** Where its files are: the logged model's artifact location, or `<run artifacts>/<name>`. */
  artifactUri: string;
  flavors: string[];
  /** The MLmodel contents as saved. */
  spec: ModelSpec;
  /** The registered version, when `registeredModelName` was given. */
  registeredModelVersion?: { name: string; version: string; aliases: string[] };
}

/** @internal Logs `model` with `flavor` to the run `runId` through `client`. */
export async function logModelWith<M, O>(
  client: MlflowClient,
  runId: string,
  flavor: Flavor<M, O>,
  model: M,
  options: LogModelOptions & Partial<O>,
): Promise<ModelInfo> {
  // NB: the name becomes a folder here and an artifact path on the server: it may not escape either.
  const name = checkArtifactPath(options.name ?? 'model') || 'model';
  const run = await client.getRun(runId);
  const staging = await mkdtemp(join(tmpdir(), 'mlflow-model-'));
  try {
    const logged = client.hasModelStore ? await createLoggedModel(client, run.info.experimentId, runId, name, flavor.name, run.data.params, options.tags) : undefined;
    let info: ModelInfo;
    if (logged) {
      const { modelId, artifactUri } = logged;
      try {
        await client.logOutputs(runId, [{ modelId, step: options.step ?? 0 }]);
        const dir = join(staging, name);
        const spec = await saveModelWith(flavor, model, dir, options, { artifactPath: artifactUri, runId, modelId });
        await client.artifactRepositoryForUri(artifactUri).logArtifacts(dir);
        await client.finalizeLoggedModel(modelId, 'LOGGED_MODEL_READY');
        info = { modelUri: `models:/${modelId}`, modelId, runId, name, artifactUri, flavors: Object.keys(spec.flavors), spec };
      } catch (error) {
        await client.finalizeLoggedModel(modelId, 'LOGGED_MODEL_UPLOAD_FAILED').catch(() => undefined);
        throw error;
      }
    } else {
      info = await logToRunArtifacts(client, runId, run.info.artifactUri, flavor, model, name, staging, options);
    }
    if (options.registeredModelName) {
      info.registeredModelVersion = await registerModel(client, info, options.registeredModelName, options.aliases ?? []);
    } else if (options.aliases?.length) {
      warn('aliases are set on registered model versions: pass registeredModelName too');
    }
    state.lastLoggedModel = info;
    return info;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Creates the logged model; undefined when the server has no logged-models API (MLflow 2.x).
 * With a `token`, the model carries it, and with `lookup` too, a logged model an earlier attempt
 * created (its answer lost) is found by it first.
 */
async function createLoggedModel(
  client: MlflowClient,
  experimentId: string,
  runId: string,
  name: string,
  modelType: string,
  runParams: { key: string; value: string }[],
  tags: Record<string, string> = {},
  token?: string,
  lookup = true,
): Promise<{ modelId: string; artifactUri: string } | undefined> {
  // NB: as MLflow's client, send the run's first 100 params at creation and the rest after.
  const params = Object.fromEntries(runParams.map((p) => [p.key, p.value]));
  const entries = Object.entries(params);
  let model;
  try {
    if (token && lookup) {
      const found = await client.findLoggedModelByTag(experimentId, TAG_MODEL_TOKEN, token);
      if (found) return { modelId: found.info.model_id, artifactUri: found.info.artifact_uri };
    }
    model = await client.createLoggedModel({
      experimentId,
      name,
      modelType,
      sourceRunId: runId,
      params: Object.fromEntries(entries.slice(0, 100)),
      tags: token ? { ...tags, [TAG_MODEL_TOKEN]: token } : tags,
    });
  } catch (error) {
    if (error instanceof MlflowRestError && (error.httpStatus === 404 || error.errorCode === 'ENDPOINT_NOT_FOUND')) return undefined;
    throw error;
  }
  for (let i = 100; i < entries.length; i += 100) {
    await client.logLoggedModelParams(model.info.model_id, Object.fromEntries(entries.slice(i, i + 100)));
  }
  return { modelId: model.info.model_id, artifactUri: model.info.artifact_uri };
}

/** MLflow 2's way: the model folder in the run's artifacts, recorded in `mlflow.log-model.history`. */
async function logToRunArtifacts<M, O>(
  client: MlflowClient,
  runId: string,
  runArtifactUri: string,
  flavor: Flavor<M, O>,
  model: M,
  name: string,
  staging: string,
  options: LogModelOptions & Partial<O>,
): Promise<ModelInfo> {
  const dir = join(staging, name);
  const spec = await saveModelWith(flavor, model, dir, options, { artifactPath: name, runId });
  return publishToRunArtifacts(client, runId, runArtifactUri, dir, name, spec);
}

/** Uploads a saved model folder to the run's artifacts and records it in the history tag (once per model). */
async function publishToRunArtifacts(client: MlflowClient, runId: string, runArtifactUri: string, dir: string, name: string, spec: ModelSpec): Promise<ModelInfo> {
  await client.logArtifacts(runId, dir, name);
  const run = await client.getRun(runId);
  const previous = run.data.tags.find((t) => t.key === 'mlflow.log-model.history')?.value;
  let history: { model_uuid?: string }[] = [];
  try {
    history = previous ? (JSON.parse(previous) as { model_uuid?: string }[]) : [];
  } catch {
    history = [];
  }
  // NB: an upload sent again (its answer lost, or replayed) is recorded once.
  if (!history.some((entry) => entry.model_uuid === spec.modelUuid)) {
    history.push({
      run_id: runId,
      artifact_path: name,
      utc_time_created: spec.utcTimeCreated,
      model_uuid: spec.modelUuid,
      flavors: spec.flavors,
      signature: spec.signature,
      saved_input_example_info: spec.savedInputExampleInfo,
      model_size_bytes: spec.modelSizeBytes,
    } as { model_uuid?: string });
    await client.setTag(runId, 'mlflow.log-model.history', JSON.stringify(history));
  }
  return {
    modelUri: `runs:/${runId}/${name}`,
    runId,
    name,
    artifactUri: `${runArtifactUri.replace(/\/+$/, '')}/${name}`,
    flavors: Object.keys(spec.flavors),
    spec,
  };
}

/**
 * @internal Sends a model saved beforehand (autologging stages it in the journal's folder): the
 * same steps as {@link logModelWith}, each safe to repeat: the logged model and the registered
 * version are looked up by the record's token before they are created (when `lookup` says an
 * earlier attempt may have made them), the run's output link only when missing, the upload
 * overwrites, and the history tag holds the model once. What does not depend on each other goes
 * at once: the run's output link, the checkpoint's metrics and the files (a few at a time).
 */
export async function deliverStagedModel(client: MlflowClient, runId: string, record: ModelRecord, options: { lookup: boolean } = { lookup: true }): Promise<ModelInfo> {
  const [run, spec] = await Promise.all([client.getRun(runId), ModelSpec.load(record.dir)]);
  const tags = { ...record.tags };
  const logged = client.hasModelStore
    ? await createLoggedModel(client, run.info.experimentId, runId, record.name, record.flavor, run.data.params, tags, record.token, options.lookup)
    : undefined;
  let info: ModelInfo;
  if (logged) {
    const { modelId, artifactUri } = logged;
    try {
      spec.modelId = modelId;
      spec.modelUuid = modelId;
      spec.runId = runId;
      spec.artifactPath = artifactUri;
      await spec.save(record.dir);
      await allSettledOrThrow([
        run.outputs.modelOutputs.some((output) => output.modelId === modelId) ? Promise.resolve() : client.logOutputs(runId, [{ modelId, step: record.step ?? 0 }]),
        record.checkpoint?.metrics.length ? client.logBatch(runId, { metrics: record.checkpoint.metrics.map((metric) => ({ ...metric, modelId })) }) : Promise.resolve(),
        client.artifactRepositoryForUri(artifactUri).logArtifacts(record.dir),
      ]);
      await client.finalizeLoggedModel(modelId, 'LOGGED_MODEL_READY');
    } catch (error) {
      // NB: a failure that may pass leaves the model PENDING, to be completed on the next try.
      if (!isTransient(error)) await client.finalizeLoggedModel(modelId, 'LOGGED_MODEL_UPLOAD_FAILED').catch(() => undefined);
      throw error;
    }
    info = { modelUri: `models:/${modelId}`, modelId, runId, name: record.name, artifactUri, flavors: Object.keys(spec.flavors), spec };
  } else {
    spec.runId = runId;
    spec.artifactPath = record.name;
    await spec.save(record.dir);
    info = await publishToRunArtifacts(client, runId, run.info.artifactUri, record.dir, record.name, spec);
  }
  if (record.registeredModelName) {
    info.registeredModelVersion = await registerModel(client, info, record.registeredModelName, record.aliases ?? [], record.token, options.lookup);
  }
  if (!record.checkpoint) state.lastLoggedModel = info;
  return info;
}

/**
 * Registers a logged model as a new version of `name`, then points `aliases` at it. With a
 * `token` (and `lookup`: an earlier attempt may have made it), the version is looked up first.
 */
export async function registerModel(
  client: MlflowClient,
  info: Pick<ModelInfo, 'modelId' | 'runId' | 'artifactUri'>,
  name: string,
  aliases: string[] = [],
  token?: string,
  lookup = true,
): Promise<{ name: string; version: string; aliases: string[] }> {
  await client.createRegisteredModel(name);
  // NB: with a token, a version an earlier attempt created (its answer lost) is found, not made again.
  const existing = token && lookup ? await client.findModelVersionByTag(name, TAG_MODEL_TOKEN, token) : undefined;
  const tags = token ? { [TAG_MODEL_TOKEN]: token } : undefined;
  const version =
    existing ??
    (await client.createModelVersion(
      info.modelId
        ? { name, source: `models:/${info.modelId}`, runId: info.runId, modelId: info.modelId, tags }
        : { name, source: info.artifactUri, runId: info.runId, tags },
    ));
  for (const alias of aliases) await client.setRegisteredModelAlias(name, alias, version.version);
  if (info.modelId) {
    // NB: the server records the registration on the logged model (`mlflow.modelVersions`);
    // older servers leave it to the client. Add the entry only where it is missing.
    const current = await client.getLoggedModel(info.modelId);
    const previous = current.info.tags?.find((t) => t.key === 'mlflow.modelVersions')?.value;
    const versions = previous ? (JSON.parse(previous) as { name: string; version: string }[]) : [];
    if (!versions.some((v) => v.name === name && String(v.version) === String(version.version))) {
      versions.push({ name, version: version.version });
      await client.setLoggedModelTags(info.modelId, { 'mlflow.modelVersions': JSON.stringify(versions) });
    }
  }
  return { name, version: version.version, aliases };
}
