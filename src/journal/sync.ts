/**
 * `sync`: copies runs from a local store (a SQLite database or `./mlruns`) to a tracking server
 * through the journal. Each run becomes the records the live agent would have journaled for it
 * — its creation, its params, its whole metric history, its datasets, artifacts and logged models
 * (files staged beside the journal), its end — and the same {@link Sender} that replays journals
 * sends them. So the guarantees are the journal's: a run already on the server is found by its
 * token and not made again, a batch sent twice changes nothing, and a sync killed halfway leaves
 * a journal that the next `sync` (or the next agent start) finishes first.
 *
 * A run whose copy on the server has the same status and end time is complete there: a second
 * `sync` skips it and sends nothing. Runs still RUNNING are left for later (their end is unknown).
 */
import { copyFileSync, cpSync, linkSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MlflowAutologError } from '../errors';
import type { LoggedModel } from '../store/model-store';
import type { Experiment, LocalTrackingStore, Run } from '../store/types';
import type { MlflowClient } from '../tracking/client';
import { Sender } from '../tracking/sender';
import { deliverFiles } from './deliver';
import { Journal } from './journal';
import { batchBody, TAG_MODEL_TOKEN, TAG_RUN_TOKEN, type NewWork } from './records';
import { replayAll } from './replay';

/** Metric points per journal record (MLflow's `log-batch` takes 1,000). */
const POINTS_PER_RECORD = 1000;
/** Params per journal record (MLflow's `log-batch` takes 100). */
const PARAMS_PER_RECORD = 100;
/** Tags the copy gets anew (the token) or from the server (the parent's id there). */
const TAGS_NOT_COPIED = new Set([TAG_RUN_TOKEN, 'mlflow.parentRunId']);
/** Logged-model tags the server keeps itself. */
const MODEL_TAGS_NOT_COPIED = new Set([TAG_MODEL_TOKEN, 'mlflow.modelVersions']);

export interface SyncOptions {
  /** Experiments of the source to copy, by id or name. @default every active experiment */
  experiments?: string[];
  /** Runs of the source to copy, by id (instead of whole experiments). */
  runs?: string[];
  /** False: only finish what journals left (there is no local store to copy). @default true */
  copyRuns?: boolean;
  /** Told after each run. */
  onProgress?(progress: SyncProgress): void;
}

export interface SyncProgress {
  /** Runs looked at so far, of {@link total}. */
  done: number;
  total: number;
  runId: string;
  outcome: 'copied' | 'skipped' | 'running' | 'stalled';
}

/** What a sync did. */
export interface SyncSummary {
  /** Runs of the source selected. */
  runs: number;
  /** Runs sent to the server now. */
  copied: number;
  /** Runs already complete on the server (nothing sent). */
  skipped: number;
  /** Runs left out because they are still RUNNING in the source. */
  running: number;
  /** Values left journaled because the server stopped answering. */
  left: number;
  /** Journals earlier processes (an interrupted sync, a crashed agent) had left, finished first. */
  journals: number;
  /** Values those journals still held, sent now. */
  replayed: number;
  /** Runs those journals had left open, ended KILLED. */
  closed: number;
  /** The journal holding what is left, when something is. */
  journal?: string;
}

/** Copies the selected runs of the local store behind `from` to the server behind `to`. */
export async function syncStore(from: MlflowClient, to: MlflowClient, options: SyncOptions = {}): Promise<SyncSummary> {
  if (from.hasServer) throw new MlflowAutologError(`sync --from must be a local store (sqlite:///… or a folder), not the server ${from.trackingUri}.`);
  if (!to.hasServer) throw new MlflowAutologError(`sync --to must be a tracking server (http(s)://…), not ${to.trackingUri}.`);
  const target = to.background();
  const experimentIds = new Map<string, Promise<string>>();
  const resolveExperimentId = (record: { experimentId?: string; experimentName?: string }): Promise<string> => {
    if (record.experimentName === undefined) return Promise.resolve(record.experimentId ?? '0');
    let id = experimentIds.get(record.experimentName);
    if (!id) experimentIds.set(record.experimentName, (id = target.getOrCreateExperimentId(record.experimentName)));
    return id;
  };

  // NB: what an interrupted sync left goes first, so that no run is ever sent by two senders at once.
  const leftover = await replayAll(to, resolveExperimentId);
  const summary: SyncSummary = {
    runs: 0, copied: 0, skipped: 0, running: 0, left: leftover.left, journals: leftover.journals, replayed: leftover.sent, closed: leftover.closed,
  };
  if (leftover.left > 0) {
    summary.journal = leftover.paths.join(', ');
    return summary;
  }
  if (options.copyRuns === false) return summary;

  const runs = parentsFirst(await selectRuns(from, options));
  summary.runs = runs.length;
  const journal = Journal.forUri(to.trackingUri);
  const sender = new Sender({
    store: target.store,
    journal,
    location: to.trackingUri,
    resolveExperimentId,
    lookupFirst: true,
    deliverFiles: (record, runId, options) => deliverFiles(target, record, runId, options),
  });
  const copy = new RunCopier(from, target, journal, sender);
  try {
    for (const [index, run] of runs.entries()) {
      let outcome: SyncProgress['outcome'];
      if (run.info.status === 'RUNNING') outcome = 'running';
      else if (await copy.isComplete(run)) outcome = 'skipped';
      else {
        const key = await copy.submit(run);
        await sender.flush([key]);
        outcome = sender.pendingValues > 0 ? 'stalled' : 'copied';
      }
      if (outcome === 'copied') summary.copied++;
      else if (outcome === 'skipped') summary.skipped++;
      else if (outcome === 'running') summary.running++;
      options.onProgress?.({ done: index + 1, total: runs.length, runId: run.info.runId, outcome });
      if (outcome === 'stalled') break;
    }
  } finally {
    summary.left += sender.pendingValues;
    sender.stop();
    const left = journal.close();
    if (left) summary.journal = left;
  }
  return summary;
}

/** The runs to copy: the ones named, else every active run of the experiments named (or all). */
async function selectRuns(from: MlflowClient, options: SyncOptions): Promise<Run[]> {
  if (options.runs?.length) return Promise.all(options.runs.map((id) => from.getRun(id)));
  const store = from.store as LocalTrackingStore;
  const all = await store.listExperiments();
  let experiments = all;
  if (options.experiments?.length) {
    experiments = options.experiments.map((wanted) => {
      const found = all.find((e) => e.experimentId === wanted) ?? all.find((e) => e.name === wanted);
      if (!found) throw new MlflowAutologError(`The local store ${from.trackingUri} has no active experiment "${wanted}" (by id or name).`);
      return found;
    });
  }
  const runs: Run[] = [];
  for (const experiment of experiments) {
    let pageToken: string | undefined;
    do {
      const page = await from.searchRuns({ experimentIds: [experiment.experimentId], maxResults: 1000, pageToken });
      runs.push(...page.runs);
      pageToken = page.nextPageToken;
    } while (pageToken);
  }
  return runs;
}

/** Oldest first, and a parent before its children (the copy of a child names its parent's copy). */
function parentsFirst(runs: Run[]): Run[] {
  const byId = new Map(runs.map((run) => [run.info.runId, run]));
  const depth = (run: Run, seen = new Set<string>()): number => {
    const parent = byId.get(tag(run, 'mlflow.parentRunId') ?? '');
    if (!parent || seen.has(parent.info.runId)) return 0;
    seen.add(run.info.runId);
    return 1 + depth(parent, seen);
  };
  return runs
    .map((run) => ({ run, depth: depth(run) }))
    .sort((a, b) => a.depth - b.depth || a.run.info.startTime - b.run.info.startTime)
    .map(({ run }) => run);
}

function tag(run: Run, key: string): string | undefined {
  return run.data.tags.find((t) => t.key === key)?.value;
}

/** The key (client token) of a run's copy: the token the agent gave it, else one made from its id. */
function runKey(run: Run): string {
  return tag(run, TAG_RUN_TOKEN) ?? `sync-${run.info.runId}`;
}

/** The local folder of a local store's artifact URI (a plain path or a file: URI). */
function localFolder(uri: string): string {
  return /^file:/i.test(uri) ? fileURLToPath(uri.startsWith('file://') ? uri : `file://${uri.slice(5)}`) : uri;
}

/** Turns one local run into journal records. */
class RunCopier {
  /** The server's id of each local run copied or found (for the children's parent tag). */
  private readonly copies = new Map<string, string>();

  constructor(
    private readonly from: MlflowClient,
    private readonly to: MlflowClient,
    private readonly journal: Journal,
    private readonly sender: Sender,
  ) {}

  /** The local experiment of each id, and the id of its namesake on the server (once found, it stays). */
  private readonly experiments = new Map<string, Promise<Experiment>>();
  private readonly serverIds = new Map<string, string>();

  private experiment(id: string): Promise<Experiment> {
    let found = this.experiments.get(id);
    if (!found) this.experiments.set(id, (found = this.from.getExperiment(id)));
    return found;
  }

  /** The run's copy on the server, looked up by its token. */
  private async findCopy(run: Run): Promise<Run | undefined> {
    const { name } = await this.experiment(run.info.experimentId);
    let serverId = this.serverIds.get(name);
    if (serverId === undefined) {
      serverId = (await this.to.getExperimentByName(name))?.experimentId;
      if (serverId === undefined) return undefined;
      this.serverIds.set(name, serverId);
    }
    const found = await this.to.searchRuns({ experimentIds: [serverId], filter: `tags.\`${TAG_RUN_TOKEN}\` = '${runKey(run)}'`, maxResults: 1 });
    return found.runs[0];
  }

  /** True when the server has the run ended as it ended here: every record before its end was sent. */
  async isComplete(run: Run): Promise<boolean> {
    const copy = await this.findCopy(run);
    if (copy) this.copies.set(run.info.runId, copy.info.runId);
    return copy !== undefined && copy.info.status === run.info.status && copy.info.endTime === run.info.endTime;
  }

  /** Journals and queues every record of the run; resolves to its key. */
  async submit(run: Run): Promise<string> {
    const k = runKey(run);
    const { info } = run;
    const experiment = await this.experiment(info.experimentId);
    const tags = Object.fromEntries(run.data.tags.filter((t) => !TAGS_NOT_COPIED.has(t.key)).map((t) => [t.key, t.value]));
    const record: NewWork = { t: 'run', k, experimentName: experiment.name, runName: info.runName, tags, userId: info.userId, startTime: info.startTime };
    const parentId = tag(run, 'mlflow.parentRunId');
    if (parentId) {
      const parentCopy = this.copies.get(parentId) ?? (await this.parentCopy(parentId));
      if (parentCopy) record.parentRunId = parentCopy;
    }
    this.sender.submit(record);
    for (let i = 0; i < run.data.params.length; i += PARAMS_PER_RECORD) {
      this.sender.submit({ t: 'batch', k, ...batchBody({ params: run.data.params.slice(i, i + PARAMS_PER_RECORD) }) });
    }
    for (const { key } of run.data.metrics) {
      const history = await this.from.getMetricHistory(info.runId, key);
      for (let i = 0; i < history.length; i += POINTS_PER_RECORD) {
        this.sender.submit({ t: 'batch', k, ...batchBody({ metrics: history.slice(i, i + POINTS_PER_RECORD) }) });
      }
    }
    if (run.inputs.datasetInputs.length > 0) this.sender.submit({ t: 'inputs', k, datasets: run.inputs.datasetInputs });
    for (const file of this.stageArtifacts(info.artifactUri)) this.sender.submit({ t: 'artifact', k, ...file });
    if (this.from.hasModelStore) {
      for (const output of run.outputs.modelOutputs) {
        const model = await this.from.getLoggedModel(output.modelId);
        if (model.info.status !== 'LOGGED_MODEL_READY') continue;
        this.sender.submit({ t: 'model', k, ...(await this.stageModel(model)), step: output.step });
      }
    }
    this.sender.submit({ t: 'end', k, status: info.status, endTime: info.endTime ?? info.startTime });
    // NB: the id is known once the run record is sent; children are submitted after this flush.
    void this.sender.runInfo(k).then((copy) => this.copies.set(info.runId, copy.runId), () => undefined);
    return k;
  }

  /** The server's id of a parent that is not part of this sync (copied by an earlier one). */
  private async parentCopy(parentId: string): Promise<string | undefined> {
    try {
      const copy = await this.findCopy(await this.from.getRun(parentId));
      return copy?.info.runId;
    } catch {
      return undefined;
    }
  }

  /**
   * Stages every regular file of the run's artifacts beside the journal (a hard link where the
   * file system allows, else a copy): the journal deletes staged files once they are sent.
   */
  private *stageArtifacts(artifactUri: string): Generator<{ file: string; path?: string }> {
    const root = localFolder(artifactUri);
    let entries: string[];
    try {
      entries = readdirSync(root, { recursive: true }) as string[];
    } catch {
      return;
    }
    let staging: string | undefined;
    for (const entry of entries.sort()) {
      const source = join(root, entry);
      // NB: regular files only: a symlink could point outside the run's folder.
      if (!lstatSync(source).isFile() || basename(entry).startsWith('.artifact.uploading.')) continue;
      staging ??= this.journal.stagingDir();
      // NB: the same relative path: the upload keeps the file's own name.
      const staged = join(staging, entry);
      mkdirSync(dirname(staged), { recursive: true });
      try {
        linkSync(source, staged);
      } catch {
        copyFileSync(source, staged);
      }
      const folder = dirname(relative(root, source));
      yield { file: staged, path: folder === '.' ? undefined : folder.split(sep).join('/') };
    }
  }

  /** Stages a copy of a logged model's folder (sending it rewrites its MLmodel) and describes it. */
  private async stageModel(model: LoggedModel) {
    const { info } = model;
    const dir = join(this.journal.stagingDir(), 'model');
    cpSync(localFolder(info.artifact_uri), dir, { recursive: true, filter: (source) => !lstatSync(source).isSymbolicLink() });
    const tags = Object.fromEntries((info.tags ?? []).filter((t) => !MODEL_TAGS_NOT_COPIED.has(t.key)).map((t) => [t.key, t.value]));
    const token = (info.tags ?? []).find((t) => t.key === TAG_MODEL_TOKEN)?.value ?? `sync-${info.model_id}`;
    // NB: the model's first registration goes with it (a record registers under one name).
    const [version] = await this.from.findModelVersionsOf(info.model_id);
    return {
      dir,
      name: info.name,
      flavor: info.model_type ?? '',
      token,
      tags,
      registeredModelName: version?.name,
      aliases: version?.aliases ?? [],
    };
  }
}
