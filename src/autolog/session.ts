/**
 * One autologged training call: the run it logs to (the user's, or one it manages), the agent
 * work it started, and its error budget: the first agent error is one warning, and everything
 * the agent would still do in this call is skipped.
 */
import { randomUUID } from 'node:crypto';
import { copyFile, readdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { Span } from '@opentelemetry/api';
import { checkArtifactPath } from '../artifacts/artifact-path';
import { MlflowAutologError } from '../errors';
import type { Flavor } from '../models/flavor';
import type { LogModelOptions } from '../models/log-model';
import type { DatasetInput, Metric, RunStatus } from '../store/types';
import { markJournaled } from '../tracking/background';
import { prepareBatch } from '../tracking/client';
import { beginRun, endNow, getSender, submitBatch } from '../tracking/fluent';
import { state, type ActiveRun } from '../tracking/fluent-state';
import { isTestingMode, warn } from '../util/logger';
import { checkFault } from './fault-injection';
import { startSystemMetrics, type SystemMetricsMonitor } from './system-metrics';
import { ATTR_INTEGRATION, ATTR_RUN_ID, inSpan } from './tracing';
import type { IntegrationConfig } from './types';

/** What {@link AutologSession.logModel} takes: `logModel`'s options and the flavor's own. */
export type ModelOptions<O> = LogModelOptions & Partial<O>;

/** The model's name, a folder in the journal and an artifact path: checked not to escape either. */
function modelName(options: LogModelOptions): string {
  return checkArtifactPath(options.name ?? 'model') || 'model';
}

/** The tag MLflow puts on runs autologging starts. */
export const TAG_AUTOLOGGING = 'mlflow.autologging';

function currentStack(): ActiveRun[] {
  return state.als.getStore() ?? state.fallbackStack;
}

export class AutologSession {
  /** The run this call logs to; undefined when autologging could not start one. */
  run: ActiveRun | undefined;
  /** True when this session started the run (and so ends it). */
  managed = false;
  /** The first agent error, if any. */
  agentError: unknown;
  failed = false;
  /** The run stack to make active while training runs (for a managed run). */
  private stack: ActiveRun[] | undefined;
  private readonly tasks: Promise<void>[] = [];
  private monitor: SystemMetricsMonitor | undefined;

  constructor(
    readonly integration: string,
    readonly config: IntegrationConfig,
    /** The training call's span (a no-op without an OpenTelemetry SDK). */
    readonly span?: Span,
  ) {}

  /** Throws a forced agent error when fault injection targets `point` (tests only). */
  fault(point: string): void {
    checkFault(this.integration, point);
  }

  /**
   * Records an agent error. The first one is a single warning (none when `silent`); in testing
   * mode it is thrown when the training call returns.
   */
  fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.agentError = error;
    if (isTestingMode() || this.config.silent) return;
    warn(`Encountered unexpected error during ${this.integration} autologging`, error);
  }

  /**
   * Picks the run: the active one, or a new managed run tagged `mlflow.autologging`. Never
   * waits: the run is created in the background (through the journal), and what is logged
   * meanwhile is queued for it. `systemMetrics`: sample system metrics while training runs (not
   * for synchronous trainers, which block the event loop the sampler would run on).
   */
  begin(systemMetrics: boolean): void {
    this.fault('session-start');
    const stack = currentStack();
    const active = stack[stack.length - 1];
    if (active) {
      this.run = active;
      return;
    }
    const tags = { ...this.config.extraTags, [TAG_AUTOLOGGING]: this.integration };
    const run = beginRun({ tags }, stack, this.integration);
    this.run = run;
    this.managed = true;
    this.stack = [...stack, run];
    if (systemMetrics && this.config.logSystemMetrics) this.startSystemMetrics(run);
  }

  /** Runs `fn` with the managed run active (so `activeRun()` inside training sees it). */
  inContext<T>(fn: () => T): T {
    return this.stack ? state.als.run(this.stack, fn) : fn();
  }

  /** Queues metrics at `step` (journaled now, sent in the background). */
  logMetrics(metrics: Record<string, number>, step: number): Metric[] {
    if (!this.run || this.failed) return [];
    const timestamp = Date.now();
    const points = Object.entries(metrics).map(([key, value]) => ({ key, value, step, timestamp }));
    if (points.length) submitBatch(this.run, prepareBatch({ metrics: points }));
    return points;
  }

  /** Queues metric points that carry their own steps and timestamps, as one record (./metric-buffer.ts). */
  logMetricPoints(points: Metric[]): void {
    if (!this.run || this.failed || points.length === 0) return;
    // NB: each key is checked once, not once per point: a buffer holds hundreds of points of one key.
    const firstOfEachKey = new Map<string, Metric>();
    for (const point of points) if (!firstOfEachKey.has(point.key)) firstOfEachKey.set(point.key, point);
    prepareBatch({ metrics: [...firstOfEachKey.values()] });
    submitBatch(this.run, { metrics: points });
  }

  /**
   * Queues params (and tags). The promise settles, never rejects, once they were sent (or are
   * journaled while the server does not answer): a logged model copies the run's params when it
   * is created, so model logging waits for it. A param the server refuses (another value logged
   * before, in a user's run) is one warning and costs nothing else.
   */
  logParams(params: Record<string, string>, tags: Record<string, string> = {}): Promise<void> {
    const run = this.run;
    if (!run || this.failed) return Promise.resolve();
    const entries = (record: Record<string, string>) => Object.entries(record).map(([key, value]) => ({ key, value }));
    submitBatch(run, prepareBatch({ params: entries(params), tags: entries(tags) }));
    // NB: sent at once (no linger); the flush never holds the process: training does not wait on it.
    return getSender().flush([run.key]);
  }

  /** Queues dataset inputs (journaled, sent in the background). */
  logDatasets(inputs: DatasetInput[]): void {
    if (!this.run || this.failed || inputs.length === 0) return;
    try {
      this.fault('log-datasets');
    } catch (error) {
      this.fail(error);
      return;
    }
    getSender().submit({ t: 'inputs', k: this.run.key, datasets: inputs });
  }

  /** Saves `text` as the run's artifact `artifactFile`: staged in the journal now, uploaded in the background. */
  logText(point: string, text: string, artifactFile: string): void {
    const run = this.run;
    this.track(point, async () => {
      const sender = getSender();
      const file = join(sender.journal.stagingDir(), basename(artifactFile));
      await writeFile(file, text);
      const folder = dirname(artifactFile);
      sender.submit({ t: 'artifact', k: run!.key, file, ...(folder === '.' ? {} : { path: folder }) });
    });
  }

  /**
   * Logs the files under the local folder `dir` as the run's artifacts under `artifactPath`,
   * sub-folders kept: copied into the journal's staging now, uploaded in the background.
   */
  logFolder(point: string, dir: string, artifactPath: string): void {
    const run = this.run;
    this.track(point, async () => {
      const sender = getSender();
      for (const relative of await filesUnder(dir)) {
        const file = join(sender.journal.stagingDir(), basename(relative));
        await copyFile(join(dir, relative), file);
        const folder = dirname(relative);
        sender.submit({ t: 'artifact', k: run!.key, file, path: folder === '.' ? artifactPath : `${artifactPath}/${folder.split(sep).join('/')}` });
      }
    });
  }

  /**
   * Logs the trained model, as MLflow 3 logs it (a logged model linked to the run, uploaded,
   * finalized, registered when asked), journaled and sent like everything else. A flavor with a
   * `snapshot` (the synchronous trainers') has its whole folder journaled now, so a
   * `process.exit()` right after training keeps it; any other is saved in the background, into
   * the journal's folder, while the model object is at hand.
   */
  logModel<M, O>(flavor: Flavor<M, O>, model: M, given: ModelOptions<O> | (() => Promise<ModelOptions<O>>)): void {
    const run = this.run;
    if (!run || this.failed) return;
    // NB: `logOnnx` adds the onnx flavor to whatever the instrumentation logs.
    const onnx = this.config.logOnnx;
    const options = typeof given === 'function' ? async () => ({ onnx, ...(await given()) }) : { onnx, ...given };
    // NB: loaded here: the model format is needed only once a model is logged.
    const { draftModel, saveModelWith } = require('../models/save-model') as typeof import('../models/save-model');
    if (typeof options !== 'function') {
      let files: ReturnType<typeof draftModel>;
      let name: string;
      try {
        this.fault('log-model');
        name = modelName(options);
        files = draftModel(flavor, model, options, { artifactPath: name });
      } catch (error) {
        this.fail(error);
        return;
      }
      if (files) {
        this.submitModel(run, flavor.name, { ...options, name }, join(getSender().journal.stagingDir(), name), files);
        return;
      }
    }
    state.savingModels = (state.savingModels ?? 0) + 1;
    void this.track('log-model', async () => {
      const given = typeof options === 'function' ? await options() : options;
      const name = modelName(given);
      const dir = join(getSender().journal.stagingDir(), name);
      await saveModelWith(flavor, model, dir, given, { artifactPath: name });
      this.submitModel(run, flavor.name, { ...given, name }, dir);
    }).finally(() => state.savingModels--);
  }

  /**
   * Logs a checkpoint of a model still training (MLflow 3's checkpoints: a logged model named
   * `checkpoint` at `step`, an output of the run, never registered). Its files are taken now,
   * training waiting only for that (never for the network), and journaled; `metrics` (the step's
   * points as {@link logMetrics} returned them) are linked to it once the logged model exists.
   */
  async logCheckpoint<M, O>(flavor: Flavor<M, O>, model: M, options: ModelOptions<O>, step: number, metrics: Metric[]): Promise<void> {
    const run = this.run;
    if (!run || this.failed) return;
    try {
      const { canDraft, draftFromSnapshot } = require('../models/save-model') as typeof import('../models/save-model');
      const { registeredModelName: _notRegistered, aliases: _none, ...rest } = options;
      const given = { onnx: this.config.logOnnx, ...rest, name: 'checkpoint', step } as ModelOptions<O>;
      if (!canDraft(given)) throw new MlflowAutologError('a checkpoint is drafted from a snapshot: give its signature, or no input example');
      const snapshot = flavor.captureSnapshot ? await flavor.captureSnapshot(model, given) : flavor.snapshot?.(model, given);
      if (!snapshot) throw new MlflowAutologError(`${flavor.name} models cannot be checkpointed: the flavor takes no snapshot`);
      const files = draftFromSnapshot(flavor, model, snapshot, given, { artifactPath: 'checkpoint' });
      this.submitModel(run, flavor.name, given, join(getSender().journal.stagingDir(), 'checkpoint'), files, { metrics });
    } catch (error) {
      this.fail(error);
    }
  }

  private submitModel(run: ActiveRun, flavor: string, options: LogModelOptions, dir: string, files?: Record<string, string | Uint8Array>, checkpoint?: { metrics: Metric[] }): void {
    const text = files && Object.entries(files).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
    const binary = files && Object.entries(files).filter((entry): entry is [string, Uint8Array] => typeof entry[1] !== 'string');
    getSender().submit({
      t: 'model',
      k: run.key,
      dir,
      ...(text ? { files: Object.fromEntries(text) } : {}),
      ...(binary?.length ? { base64Files: Object.fromEntries(binary.map(([name, bytes]) => [name, Buffer.from(bytes).toString('base64')])) } : {}),
      name: options.name ?? 'model',
      flavor,
      token: randomUUID(),
      ...(options.step !== undefined ? { step: options.step } : {}),
      ...(options.tags ? { tags: options.tags } : {}),
      ...(options.registeredModelName ? { registeredModelName: options.registeredModelName } : {}),
      ...(options.aliases?.length ? { aliases: options.aliases } : {}),
      ...(checkpoint ? { checkpoint } : {}),
    });
  }

  /**
   * Starts agent work that may run alongside training (uploads); it runs in a span, its error
   * goes to {@link fail}, and the run ends after it. The promise settles, never rejects, once
   * the work is done.
   */
  track(point: string, work: () => Promise<void>): Promise<void> {
    const run = this.run;
    if (!run || this.failed) return Promise.resolve();
    const task = (async () => {
      this.fault(point);
      await inSpan(`mlflow-autolog ${this.integration}.${point}`, { [ATTR_INTEGRATION]: this.integration }, async (span) => {
        await work();
        // NB: the run may still be on its way to the server; a recording span waits a little for its id.
        if (span.isRecording()) {
          const runId = await Promise.race([run.resolveRunId(), new Promise<undefined>((r) => setTimeout(() => r(undefined), this.config.runEndTimeout * 1000).unref())]);
          if (runId) span.setAttribute(ATTR_RUN_ID, runId);
        }
      });
    })().catch((error: unknown) => this.fail(error));
    this.tasks.push(task);
    return task;
  }

  /** The run id (resolves once the server has created the run). */
  async runId(): Promise<string> {
    if (!this.run) throw new MlflowAutologError('autologging has no run for this call');
    return this.run.resolveRunId();
  }

  /**
   * Waits for the agent's work and, for a managed run, journals its end with `status` (after
   * everything logged to it); resolves once the run's records were delivered, or are journaled
   * while the server does not answer. Never throws: errors go to {@link fail}. The delivery does
   * not keep the process alive: once everything is journaled, the exit sends what is left (a
   * background task says so, so that the exit need not wait for it first).
   */
  async end(status: RunStatus): Promise<void> {
    const run = this.run;
    // NB: if the process ends before the agent's work does, the run still ends with this status.
    if (run && this.managed) run.finalStatus = status;
    await Promise.all(this.tasks);
    this.monitor?.stop();
    if (!run) return;
    await inSpan(`mlflow-autolog ${this.integration}.flush`, { [ATTR_INTEGRATION]: this.integration, [ATTR_RUN_ID]: run.runId ?? '' }, async (span) => {
      try {
        this.fault('session-end');
      } catch (error) {
        this.fail(error);
      }
      // NB: whatever failed in the agent, a run it started ends.
      if (this.managed) endNow(run, status);
      markJournaled();
      await getSender().flush([run.key]);
      if (span.isRecording() && run.runId) span.setAttribute(ATTR_RUN_ID, run.runId);
    });
    if (this.span?.isRecording() && run.runId) this.span.setAttribute(ATTR_RUN_ID, run.runId);
  }

  private startSystemMetrics(run: ActiveRun): void {
    try {
      this.monitor = startSystemMetrics(
        (metrics, step) => {
          // NB: the monitor outlives a failed session's agent work: system metrics are not training data.
          const timestamp = Date.now();
          const points = Object.entries(metrics).map(([key, value]) => ({ key, value, step, timestamp }));
          submitBatch(run, prepareBatch({ metrics: points }));
        },
        { onError: (error) => this.fail(error) },
      );
    } catch (error) {
      this.fail(error);
    }
  }
}

/** The regular files under `dir`, as paths relative to it (symbolic links are not followed). */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath ?? (entry as { path?: string }).path ?? dir, entry.name)));
}
