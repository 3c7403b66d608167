/**
 * The fluent tracking API, the counterpart of `mlflow.start_run` and friends: an active run per
 * async context (with a process-wide fallback for notebooks and scripts), logging calls that
 * return at once, and runs ended on exit.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import YAML from 'yaml';
import type { TrackingOptions } from '../config/config';
import { ConfigError, isNotFound, ValidationError } from '../errors';
import type { Metric, RunInfo, RunStatus } from '../store/types';
import { MlflowClient, prepareBatch, stringify } from './client';
import { hasJournals, Journal } from '../journal/journal';
import { batchBody, type RunRecord } from '../journal/records';
import { holding, takeBackgroundErrors, waitForBackground, waitForJournaled } from './background';
import { installExitHooks } from './exit-hooks';
import { ActiveRun, state } from './fluent-state';
import { Sender } from './sender';
import { TAG_NOTE, TAG_RUN_NAME, systemTags } from './system-tags';

export { ActiveRun };

/** Options of {@link startRun} and {@link withRun}. */
export interface StartRunOptions {
  /** Resume this run instead of creating one. @default process.env.MLFLOW_RUN_ID for a top-level run */
  runId?: string;
  /** @default the configured experiment (MLFLOW_EXPERIMENT_ID / MLFLOW_EXPERIMENT_NAME), else "0" */
  experimentId?: string;
  /** An experiment by name, created if missing. */
  experimentName?: string;
  /** @default a name the tracking server picks */
  runName?: string;
  /** Start the run as a child of the active run. @default false */
  nested?: boolean;
  /** Start the run as a child of this run id. */
  parentRunId?: string;
  tags?: Record<string, unknown>;
  /** Stored as the `mlflow.note.content` tag. */
  description?: string;
}

/** Points the fluent API at a tracking store. Runs already started keep their store. */
export function configure(options: TrackingOptions = {}): void {
  state.options = { ...options };
  state.client = undefined;
  // NB: what the previous sender holds stays in its journal (and is sent by it meanwhile).
  state.sender = undefined;
  experimentIds.clear();
}

/** The client the fluent API logs with, created from the configuration on first use. */
export function getClient(): MlflowClient {
  state.client ??= new MlflowClient(state.options);
  return state.client;
}

/** @internal The sender behind the fluent API: a journal per process for a tracking server. */
export function getSender(): Sender {
  if (!state.sender) {
    const client = getClient();
    const journal = client.hasServer ? Journal.forUri(client.trackingUri) : Journal.memory();
    const background = client.background();
    state.sender = new Sender({
      store: background.store,
      journal,
      location: client.config.trackingUri,
      deliverFiles: (record, runId, options) => (require('../journal/deliver') as typeof import('../journal/deliver')).deliverFiles(background, record, runId, options),
      // NB: the configured experiment goes through its checks (an unknown MLFLOW_EXPERIMENT_ID is a ConfigError).
      resolveExperimentId: (record) =>
        resolveExperimentId(
          record.experimentId === client.config.experimentId && record.experimentName === client.config.experimentName
            ? {}
            : { experimentId: record.experimentId, experimentName: record.experimentName },
          background,
        ),
    });
    installExitHooks(endOpenRuns);
    if (client.hasServer || hasJournals(client.trackingUri)) {
      // NB: what earlier processes left for this store goes in now, in the background.
      const { replayInBackground } = require('../journal/replay') as typeof import('../journal/replay');
      replayInBackground(client);
    }
  }
  return state.sender;
}

function currentStack(): ActiveRun[] {
  return state.als.getStore() ?? state.fallbackStack;
}

/** The innermost active run in this async context, if any. */
export function activeRun(): ActiveRun | undefined {
  const stack = currentStack();
  return stack[stack.length - 1];
}

/**
 * Starts a run (or resumes one) and makes it the active run. A second top-level run while one is
 * active is an error, as in MLflow: pass `nested: true` for a child run.
 */
export async function startRun(options: StartRunOptions = {}): Promise<ActiveRun> {
  const stack = currentStack();
  const run = beginRun(options, stack);
  stack.push(run);
  try {
    await run.ready;
  } catch (error) {
    remove(stack, run);
    state.open.delete(run);
    throw error;
  }
  return run;
}

/** Ends the active run (FINISHED by default) after sending everything logged to it. */
export async function endRun(status: RunStatus = 'FINISHED'): Promise<void> {
  const stack = currentStack();
  const run = stack[stack.length - 1];
  if (!run) return;
  stack.pop();
  await finishRun(run, status);
}

/**
 * Runs `fn` inside a new run and ends it: FINISHED when `fn` resolves, FAILED when it throws
 * (the error is rethrown as it is). Concurrent `withRun` calls each see their own active run.
 */
export async function withRun<T>(fn: (run: ActiveRun) => T | Promise<T>, options: StartRunOptions = {}): Promise<T> {
  const parentStack = currentStack();
  const run = beginRun(options, parentStack);
  try {
    await run.ready;
  } catch (error) {
    state.open.delete(run);
    throw error;
  }
  let result: T;
  try {
    result = await state.als.run([...parentStack, run], () => fn(run));
  } catch (error) {
    await finishRun(run, 'FAILED').catch(() => undefined);
    throw error;
  }
  await finishRun(run, 'FINISHED');
  return result;
}

/**
 * @internal Creates (or resumes) a run without making it active. The run's creation is journaled
 * and sent in the background; `run.ready` resolves once the server has it. A user's run
 * (`managedBy` undefined) fails at once when the server does not answer; autologging's waits.
 */
export function beginRun(options: StartRunOptions, stack: ActiveRun[], managedBy?: string): ActiveRun {
  const parent = stack[stack.length - 1];
  if (parent && !options.nested && !options.parentRunId) {
    throw new ValidationError(
      `Run ${parent.runId ?? '(starting)'} is already active. To start a nested run, call startRun({ nested: true }); ` +
        'to start a new top-level run, end the active one first with endRun().',
    );
  }
  const client = getClient();
  const sender = getSender();
  const resumeId = options.runId ?? (stack.length === 0 ? client.config.runId : undefined);
  const tags: Record<string, string> = systemTags(client.config.http.auth.kind === 'basic' ? client.config.http.auth.username : undefined);
  for (const [key, value] of Object.entries(options.tags ?? {})) tags[key] = stringify(value);
  if (options.description !== undefined) tags[TAG_NOTE] = options.description;
  const runName = options.runName ?? tags[TAG_RUN_NAME];
  if (runName !== undefined) tags[TAG_RUN_NAME] = runName;
  const record: Omit<RunRecord, 'id'> = {
    t: 'run',
    k: randomUUID(),
    // NB: the configured experiment is written down too: replay may run under another environment.
    experimentId: options.experimentId ?? (options.experimentName === undefined ? client.config.experimentId : undefined),
    experimentName: options.experimentName ?? (options.experimentId === undefined ? client.config.experimentName : undefined),
    parent: options.parentRunId ? undefined : parent?.key,
    parentRunId: options.parentRunId,
    runName,
    tags,
    userId: tags['mlflow.user'],
    startTime: Date.now(),
    ...(managedBy === undefined ? { failFast: true } : {}),
  };
  let ready: Promise<RunInfo>;
  if (resumeId) {
    ready = resume(resumeId, options);
    sender.submit({ ...record, runId: resumeId });
  } else {
    sender.submit(record);
    ready = sender.runInfo(record.k);
  }
  const run = new ActiveRun(ready, options.parentRunId ?? parent?.runId, managedBy, record.k);
  state.open.add(run);
  return run;
}

async function resume(runId: string, options: StartRunOptions): Promise<RunInfo> {
  const client = getClient();
  const { info } = await client.getRun(runId).catch((error: unknown) => {
    if (isNotFound(error)) {
      throw new ConfigError(`Run ${runId} (to resume, from ${options.runId ? 'runId' : 'MLFLOW_RUN_ID'}) does not exist on ${client.trackingUri}.`, options.runId ? 'runId' : 'MLFLOW_RUN_ID');
    }
    throw error;
  });
  return info.status === 'RUNNING' ? info : client.updateRun(runId, { status: 'RUNNING' });
}

/**
 * @internal Ends a run with `status`: the end is journaled now, with now as its end time, and
 * reaches the server after the run's data. Resolves once it was delivered, or is journaled while
 * the server does not answer.
 */
export async function finishRun(run: ActiveRun, status: RunStatus): Promise<void> {
  if (run.ended) return;
  // NB: synchronous training autologged inside the user's run logs its model in the background;
  // the run ends once that is done (managed runs are ended by that background work itself).
  if (run.managedBy === undefined) await holding(waitForBackground());
  endNow(run, status);
  await getSender().flush([run.key], { holdProcess: true });
}

/** @internal Journals the run's end (synchronously: the exit hook calls this). */
export function endNow(run: ActiveRun, status: RunStatus, endTime = Date.now()): void {
  if (run.ended) return;
  run.ended = true;
  state.open.delete(run);
  getSender().submit({ t: 'end', k: run.key, status, endTime });
}

/**
 * Ends every run the fluent API has open and sends what is queued (at `beforeExit` and on a
 * signal), unless `handOff` takes the sending over (it says so by returning true).
 */
async function endOpenRuns(status: 'FINISHED' | 'KILLED', handOff?: (sender: Sender) => boolean): Promise<void> {
  // NB: runs autologged around synchronous training end in the background, each with its own
  // status; at a natural exit let them journal their ends, rather than end them FINISHED here
  // (their delivery is the sender's, below). A signal does not wait.
  if (status === 'FINISHED') await waitForJournaled();
  for (const run of [...state.open]) endNow(run, run.finalStatus ?? status);
  state.fallbackStack.length = 0;
  if (!state.sender || handOff?.(state.sender)) return;
  await state.sender.flush();
}

const experimentIds = new Map<string, Promise<string>>();

/**
 * The experiment id a run goes to. `client`: the sender passes its background client, so that a
 * server that does not answer keeps nothing waiting.
 */
async function resolveExperimentId(options: StartRunOptions, client: MlflowClient = getClient()): Promise<string> {
  if (options.experimentId !== undefined) return options.experimentId;
  if (options.experimentName !== undefined) return experimentIdByName(client, options.experimentName);
  const { experimentId, experimentName } = client.config;
  const key = `${experimentId ?? ''}\u0000${experimentName ?? ''}`;
  let resolved = experimentIds.get(key);
  if (!resolved) {
    resolved = (async () => {
      if (experimentId !== undefined) {
        const experiment = await client.getExperiment(experimentId).catch((error: unknown) => {
          if (isNotFound(error)) {
            throw new ConfigError(
              `MLFLOW_EXPERIMENT_ID=${JSON.stringify(experimentId)} does not exist on ${client.trackingUri}: use the id of an existing experiment, or set MLFLOW_EXPERIMENT_NAME to create one by name.`,
              'MLFLOW_EXPERIMENT_ID',
            );
          }
          throw error;
        });
        if (experimentName !== undefined && experiment.name !== experimentName) {
          throw new ConfigError(
            `MLFLOW_EXPERIMENT_ID=${JSON.stringify(experimentId)} names the experiment "${experiment.name}", but MLFLOW_EXPERIMENT_NAME is "${experimentName}": set one of them, or make them agree.`,
            'MLFLOW_EXPERIMENT_NAME',
          );
        }
        return experimentId;
      }
      if (experimentName !== undefined) return experimentIdByName(client, experimentName);
      return '0';
    })();
    experimentIds.set(key, resolved);
    resolved.catch(() => experimentIds.delete(key));
  }
  return resolved;
}

function experimentIdByName(client: MlflowClient, name: string): Promise<string> {
  const key = `name\u0000${name}`;
  let id = experimentIds.get(key);
  if (!id) {
    id = client.getOrCreateExperimentId(name);
    experimentIds.set(key, id);
    id.catch(() => experimentIds.delete(key));
  }
  return id;
}

/** The run logging calls go to: the active run, or one started now as MLflow does. */
function targetRun(): ActiveRun {
  const run = activeRun();
  if (run) return run;
  const started = beginRun({}, state.fallbackStack);
  state.fallbackStack.push(started);
  return started;
}

function remove(stack: ActiveRun[], run: ActiveRun): void {
  const index = stack.lastIndexOf(run);
  if (index >= 0) stack.splice(index, 1);
}

// ---- logging: validated now, sent in the background ----

/** Options of {@link logMetric} and {@link logMetrics}. */
export interface MetricOptions {
  /** @default 0 */
  step?: number;
  /** Milliseconds since the epoch. @default Date.now() */
  timestamp?: number;
}

/** Logs one metric point to the active run. Returns at once; NaN and ±Infinity are allowed. */
export function logMetric(key: string, value: number, options: MetricOptions = {}): void {
  logMetrics({ [key]: value }, options);
}

/** Logs several metrics at the same step. */
export function logMetrics(metrics: Record<string, number>, options: MetricOptions = {}): void {
  const timestamp = options.timestamp ?? Date.now();
  const step = options.step ?? 0;
  if (!Number.isInteger(step)) throw new ValidationError(`A metric step must be a whole number; got ${step}.`);
  const points: Metric[] = Object.entries(metrics).map(([key, value]) => {
    if (typeof value !== 'number') {
      throw new ValidationError(`The value of metric "${key}" must be a number; got ${typeof value} ${JSON.stringify(value)}.`);
    }
    return { key, value, timestamp, step };
  });
  submitBatch(targetRun(), prepareBatch({ metrics: points }));
}

/** @internal Journals and queues a validated batch for `run`. */
export function submitBatch(run: ActiveRun, batch: Partial<import('../store/types').LogBatch>): void {
  getSender().submit({ t: 'batch', k: run.key, ...batchBody(batch) });
}

/** Logs one parameter (stringified) to the active run. Params are immutable once logged. */
export function logParam(key: string, value: unknown): void {
  logParams({ [key]: value });
}

export function logParams(params: Record<string, unknown>): void {
  submitBatch(targetRun(), prepareBatch({ params: Object.entries(params).map(([key, value]) => ({ key, value: stringify(value) })) }));
}

/** Sets one tag on the active run; a later value for the same key wins. */
export function setTag(key: string, value: unknown): void {
  setTags({ [key]: value });
}

export function setTags(tags: Record<string, unknown>): void {
  submitBatch(targetRun(), prepareBatch({ tags: Object.entries(tags).map(([key, value]) => ({ key, value: stringify(value) })) }));
}

/** Waits until everything logged so far has been sent. */
export async function flush(): Promise<void> {
  // NB: first the runs autologged around synchronous training calls, which end in the background
  // (without keeping the process alive: the caller waiting here does).
  await holding(waitForBackground());
  // NB: a user awaits this (before process.exit(), say): it holds the process as endRun() does.
  if (state.sender) await state.sender.flush(undefined, { holdProcess: true });
  const [error] = [...takeBackgroundErrors(), ...(state.sender?.refusals.splice(0) ?? [])];
  if (error !== undefined) throw error;
}

// ---- artifacts ----

/** Uploads a local file to the active run's artifacts, under `artifactPath` if given. */
export async function logArtifact(localPath: string, artifactPath?: string): Promise<void> {
  const runId = await holding(targetRun().resolveRunId());
  await getClient().logArtifact(runId, localPath, artifactPath);
}

/** Uploads a local folder's contents to the active run's artifacts. */
export async function logArtifacts(localDir: string, artifactPath?: string): Promise<void> {
  const runId = await holding(targetRun().resolveRunId());
  await getClient().logArtifacts(runId, localDir, artifactPath);
}

/** Saves `text` as the artifact `artifactFile` (a relative path such as `notes/summary.txt`). */
export async function logText(text: string, artifactFile: string): Promise<void> {
  await logContent(text, artifactFile);
}

/** Saves `dict` as JSON, or YAML when `artifactFile` ends in `.yaml` / `.yml`. */
export async function logDict(dict: unknown, artifactFile: string): Promise<void> {
  const text = /\.ya?ml$/i.test(artifactFile) ? YAML.stringify(dict) : JSON.stringify(dict, null, 2);
  await logContent(text, artifactFile);
}

async function logContent(content: string, artifactFile: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'mlflow-autolog-'));
  try {
    const file = join(dir, basename(artifactFile));
    await writeFile(file, content);
    const parent = dirname(artifactFile);
    await logArtifact(file, parent === '.' ? undefined : parent);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
