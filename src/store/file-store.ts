/**
 * MLflow's file store (`./mlruns`), written from Node so that MLflow itself reads it back:
 * `MLFLOW_ALLOW_FILE_STORE=true` with `MlflowClient(tracking_uri="file:///abs/mlruns")`, or after
 * `mlflow migrate-filestore`. Several processes may write to one root at once.
 */
import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { MlflowRestError } from '../errors';
import * as entities from './file-store-entities';
import * as format from './file-store-format';
import * as io from './file-store-io';
import { withFileLock } from './file-store-lock';
import { checkBatch, checkCreateRun, checkInteger, checkSearch, newRun, invalid, lastValuePerKey, makePageToken, notFound, paramChanged } from './store-rules';
import * as runs from './file-store-runs';
import { RUN_NAME_TAG, type RunLocation } from './file-store-runs';
import type {
  CreateRunRequest, DatasetInput, Experiment, LogBatch, Metric, ModelIo, Run, RunInfo, SearchRunsRequest,
  SearchRunsResponse, Tag, LocalTrackingStore, UpdateRunRequest,
} from './types';

const DEFAULT_EXPERIMENT_ID = '0';
const DEFAULT_EXPERIMENT_NAME = 'Default';
/** Folders of an experiment that are not runs. */
const RESERVED_EXPERIMENT_FOLDERS = new Set(['tags', 'datasets', 'traces', 'models']);
/** How long a reader waits for a `meta.yaml` another process is publishing (ms). */
const PUBLISH_WAIT_MS = 2000;


/**
 * A {@link TrackingStore} over MLflow's on-disk layout under `rootDir` (default `./mlruns`).
 * The default experiment `0` ("Default") is created on first use. Files appear atomically, metric
 * lines are appended whole, and experiment creation holds a lock file, so concurrent processes
 * creating the same experiment name end up with one experiment.
 */
export class FileStore implements LocalTrackingStore {
  /** The absolute path of the root folder. */
  readonly location: string;
  private readonly trash: string;
  private readonly lockPath: string;
  private ready: Promise<void> | undefined;
  private readonly runLocations = new Map<string, RunLocation>();

  constructor(rootDir = 'mlruns') {
    this.location = format.localPath(rootDir);
    this.trash = join(this.location, '.trash');
    // NB: a file, not a folder: MLflow takes every folder of the root for an experiment.
    this.lockPath = join(this.location, '.create-experiment.lock');
  }

  async getExperiment(experimentId: string): Promise<Experiment> {
    await this.init();
    const dir = await this.findExperimentDir(experimentId);
    const experiment = dir === undefined ? undefined : await this.readExperiment(dir, PUBLISH_WAIT_MS);
    if (!experiment) throw notFound(`Could not find experiment with ID ${experimentId}`);
    return experiment;
  }

  async getExperimentByName(name: string): Promise<Experiment | undefined> {
    await this.init();
    return this.findExperimentByName(name);
  }

  /** Every active experiment, by id. */
  async listExperiments(): Promise<Experiment[]> {
    await this.init();
    const found: Experiment[] = [];
    for (const id of await io.listSubdirs(this.location)) {
      if (!format.isExperimentId(id) || id === 'models') continue;
      const experiment = await this.readExperiment(join(this.location, id));
      if (experiment?.experimentId === id && experiment.lifecycleStage === 'active') found.push(experiment);
    }
    return found.sort((a, b) => Number(a.experimentId) - Number(b.experimentId) || (a.experimentId < b.experimentId ? -1 : 1));
  }

  async createExperiment(name: string, options: { artifactLocation?: string; tags?: Tag[] } = {}): Promise<string> {
    if (typeof name !== 'string' || name.trim() === '') throw invalid(`Invalid experiment name: '${name}'`);
    for (const tag of options.tags ?? []) format.checkKey('tag', tag.key);
    await this.init();
    return withFileLock(this.lockPath, async () => {
      const existing = await this.findExperimentByName(name);
      if (existing) {
        const state = existing.lifecycleStage === 'deleted' ? ' in deleted state' : '';
        throw new MlflowRestError(`Experiment '${name}' already exists${state}.`, 'RESOURCE_ALREADY_EXISTS', 400);
      }
      for (;;) {
        const id = format.newExperimentId();
        if (await this.writeNewExperiment(id, name, options.artifactLocation, options.tags ?? [])) return id;
      }
    });
  }

  async createRun(request: CreateRunRequest): Promise<RunInfo> {
    checkCreateRun(request);
    const experiment = await this.getExperiment(request.experimentId);
    const { info, tags } = newRun(experiment, request);
    const runId = info.runId;
    const experimentDir = (await this.findExperimentDir(experiment.experimentId))!;
    const runDir = join(experimentDir, runId);
    await mkdir(runDir);
    await Promise.all(['metrics', 'params', 'artifacts'].map((d) => mkdir(join(runDir, d))));
    for (const tag of lastValuePerKey(tags)) await runs.writeRunTag(runDir, tag);
    // NB: meta.yaml last: until it exists, readers (ours and MLflow's) skip the folder.
    await io.writeMeta(runDir, entities.runMeta(info));
    this.runLocations.set(runId, { experimentDir, runDir });
    return info;
  }

  async updateRun(runId: string, update: UpdateRunRequest): Promise<RunInfo> {
    const { location, meta, info } = await this.activeRun(runId);
    if (update.endTime !== undefined) checkInteger('end time', update.endTime);
    const next: RunInfo = { ...info };
    if (update.status !== undefined) next.status = update.status;
    if (update.endTime !== undefined) next.endTime = update.endTime;
    if (update.runName) {
      next.runName = update.runName;
      await runs.writeRunTag(location.runDir, { key: RUN_NAME_TAG, value: update.runName });
    }
    await io.writeMeta(location.runDir, entities.runMeta(next, meta));
    return next;
  }

  async getRun(runId: string): Promise<Run> {
    const location = await this.locateRun(runId);
    const { info } = await this.readRunMeta(runId, location);
    return runs.readRunFolder(location, info);
  }

  async searchRuns(request: SearchRunsRequest): Promise<SearchRunsResponse> {
    const { maxResults, offset, tag } = checkSearch(request, 'local file store');
    await this.init();
    const found: { location: RunLocation; info: RunInfo }[] = [];
    for (const experimentId of new Set(request.experimentIds)) {
      const experimentDir = await this.findExperimentDir(experimentId);
      if (experimentDir === undefined) continue;
      for (const name of await io.listSubdirs(experimentDir)) {
        if (RESERVED_EXPERIMENT_FOLDERS.has(name) || !format.isRunId(name)) continue;
        const runDir = join(experimentDir, name);
        const meta = await io.readMeta(runDir);
        if (meta === undefined) continue;
        const info = entities.runInfoFromMeta(meta);
        if (info.experimentId !== experimentId || info.runId !== name || info.lifecycleStage !== 'active') continue;
        if (tag && (await io.readTextIfExists(runs.keyPath(join(runDir, 'tags'), tag.key))) !== tag.value) continue;
        found.push({ location: { experimentDir, runDir }, info });
      }
    }
    found.sort((a, b) => b.info.startTime - a.info.startTime || (a.info.runId < b.info.runId ? -1 : 1));
    const page = found.slice(offset, offset + maxResults);
    const response: SearchRunsResponse = {
      runs: await Promise.all(page.map((r) => runs.readRunFolder(r.location, r.info))),
    };
    if (offset + maxResults < found.length) response.nextPageToken = makePageToken(offset + maxResults);
    return response;
  }

  async getMetricHistory(runId: string, key: string): Promise<Metric[]> {
    format.checkKey('metric', key);
    const location = await this.locateRun(runId);
    await this.readRunMeta(runId, location);
    const content = await io.readTextIfExists(runs.keyPath(join(location.runDir, 'metrics'), key));
    return content === undefined ? [] : runs.parseMetricFile(key, content);
  }

  async logBatch(runId: string, batch: LogBatch): Promise<void> {
    checkBatch(batch);
    const { location, info } = await this.activeRun(runId);
    const paramsDir = join(location.runDir, 'params');
    // NB: check every param before writing any, so a refused batch leaves the run as it was.
    for (const param of batch.params) {
      const current = await io.readTextIfExists(runs.keyPath(paramsDir, param.key));
      if (current !== undefined && current !== param.value) throw paramChanged(runId, param.key, current, param.value);
    }
    for (const param of batch.params) {
      const current = await io.writeFileOnce(runs.keyPath(paramsDir, param.key), param.value, location.runDir);
      if (current !== undefined && current !== param.value) throw paramChanged(runId, param.key, current, param.value);
    }
    await runs.appendMetricLines(location, runId, batch.metrics);
    for (const tag of lastValuePerKey(batch.tags)) await runs.writeRunTag(location.runDir, tag);
    const runName = lastValuePerKey(batch.tags).find((t) => t.key === RUN_NAME_TAG)?.value;
    if (runName !== undefined && runName !== info.runName) {
      const { meta, info: latest } = await this.readRunMeta(runId, location);
      await io.writeMeta(location.runDir, entities.runMeta({ ...latest, runName }, meta));
    }
  }

  async setTag(runId: string, tag: Tag): Promise<void> {
    await this.logBatch(runId, { metrics: [], params: [], tags: [tag] });
  }

  async logInputs(runId: string, datasets: DatasetInput[], models: ModelIo[] = []): Promise<void> {
    const { location } = await this.activeRun(runId);
    for (const { dataset, tags } of datasets) {
      const datasetId = format.md5Id(dataset.name, dataset.digest);
      const datasetDir = join(location.experimentDir, 'datasets', datasetId);
      await runs.publishOnce(location.runDir, datasetDir, entities.datasetMeta(dataset));
      const inputDir = join(location.runDir, 'inputs', format.md5Id(datasetId, runId));
      await runs.publishOnce(location.runDir, inputDir, entities.inputMeta('DATASET', datasetId, tags));
    }
    for (const model of models) {
      const inputDir = join(location.runDir, 'inputs', format.md5Id(model.modelId, runId));
      await runs.publishOnce(location.runDir, inputDir, entities.inputMeta('MODEL', model.modelId, []));
    }
  }

  async logOutputs(runId: string, models: ModelIo[]): Promise<void> {
    for (const model of models) format.checkPathComponent('model_id', model.modelId);
    const { location } = await this.activeRun(runId);
    for (const model of models) {
      const outputDir = join(location.runDir, 'outputs', model.modelId);
      await runs.publishOnce(location.runDir, outputDir, entities.outputMeta(model.modelId, model.step ?? 0));
    }
  }

  /** Creates the root, `.trash` and the default experiment once per instance. */
  private init(): Promise<void> {
    this.ready ??= this.initialize().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private async initialize(): Promise<void> {
    await io.createStoreFolder(this.trash, `The local store ${this.location}`);
    if (await this.findExperimentDir(DEFAULT_EXPERIMENT_ID)) return;
    await withFileLock(this.lockPath, async () => {
      if (await this.findExperimentDir(DEFAULT_EXPERIMENT_ID)) return;
      await this.writeNewExperiment(DEFAULT_EXPERIMENT_ID, DEFAULT_EXPERIMENT_NAME, undefined, []);
    });
  }

  /** Creates `<root>/<id>` with its tags and then its meta.yaml; false when the id is taken. */
  private async writeNewExperiment(id: string, name: string, artifactLocation: string | undefined, tags: Tag[]) {
    const dir = join(this.location, id);
    if (!(await io.mkdirExclusive(dir))) return false;
    for (const tag of lastValuePerKey(tags)) {
      await io.writeFileAtomic(runs.keyPath(join(dir, 'tags'), tag.key), tag.value, dir);
    }
    const now = Date.now();
    const location = artifactLocation
      ? format.resolveArtifactLocation(artifactLocation)
      : format.appendToUriPath(format.pathToFileUri(this.location), id);
    const experiment = { experimentId: id, name, artifactLocation: location, lifecycleStage: 'active' as const };
    await io.writeMeta(dir, entities.experimentMeta({ ...experiment, creationTime: now, lastUpdateTime: now }));
    return true;
  }

  private async findExperimentDir(experimentId: string): Promise<string | undefined> {
    format.checkId('experiment', experimentId);
    for (const parent of [this.location, this.trash]) {
      if ((await io.listSubdirs(parent)).includes(experimentId)) return join(parent, experimentId);
    }
    return undefined;
  }

  private async readExperiment(dir: string, waitMs = 0): Promise<Experiment | undefined> {
    const meta = await io.readMeta(dir, waitMs);
    if (meta === undefined) return undefined;
    return entities.experimentFromMeta(meta, await io.readKeyValueFolder(join(dir, 'tags')));
  }

  private async findExperimentByName(name: string): Promise<Experiment | undefined> {
    const matches: Experiment[] = [];
    for (const parent of [this.location, this.trash]) {
      for (const id of await io.listSubdirs(parent)) {
        if (!format.isExperimentId(id) || id === 'models') continue;
        const meta = await io.readMeta(join(parent, id));
        if (meta?.name !== name) continue;
        const experiment = await this.readExperiment(join(parent, id));
        if (experiment?.experimentId === id) matches.push(experiment);
      }
    }
    // NB: MLflow's own order for a name search: newest first, then by id.
    matches.sort((a, b) => (b.creationTime ?? 0) - (a.creationTime ?? 0) || (a.experimentId < b.experimentId ? -1 : 1));
    return matches[0];
  }

  private async locateRun(runId: string): Promise<RunLocation> {
    format.checkId('run', runId);
    await this.init();
    const cached = this.runLocations.get(runId);
    if (cached && (await io.exists(join(cached.runDir, 'meta.yaml')))) return cached;
    for (const parent of [this.location, this.trash]) {
      for (const id of await io.listSubdirs(parent)) {
        if (!format.isExperimentId(id) || id === 'models') continue;
        const experimentDir = join(parent, id);
        const runDir = join(experimentDir, runId);
        const subdirs = await io.listSubdirs(runDir);
        // NB: MLflow's check that this is a run folder, not something inside an artifacts folder.
        if (['metrics', 'params', 'artifacts'].every((d) => subdirs.includes(d))) {
          const location = { experimentDir, runDir };
          this.runLocations.set(runId, location);
          return location;
        }
      }
    }
    throw notFound(`Run '${runId}' not found`);
  }

  private async readRunMeta(runId: string, location: RunLocation) {
    const meta = await io.readMeta(location.runDir, PUBLISH_WAIT_MS);
    if (meta === undefined) throw notFound(`Run '${runId}' not found`);
    const info = entities.runInfoFromMeta(meta);
    if (info.runId !== runId || info.experimentId !== basename(location.experimentDir)) {
      throw new MlflowRestError(`Run '${runId}' metadata is in invalid state.`, 'INVALID_STATE', 400);
    }
    return { meta, info };
  }

  private async activeRun(runId: string) {
    const location = await this.locateRun(runId);
    const { meta, info } = await this.readRunMeta(runId, location);
    if (info.lifecycleStage !== 'active') throw invalid(`The run ${runId} must be in 'active' lifecycle_stage.`);
    return { location, meta, info };
  }
}
