/**
 * One autologged training call: the run it logs to (the user's, or one it manages), the agent
 * work it started, and its error budget: the first agent error is one warning, and everything
 * the agent would still do in this call is skipped.
 */
import type { Span } from '@opentelemetry/api';
import { MlflowAutologError } from '../errors';
import type { DatasetInput, RunStatus } from '../store/types';
import { prepareBatch } from '../tracking/client';
import { beginRun, finishRun, getClient, getQueue } from '../tracking/fluent';
import { state, type ActiveRun } from '../tracking/fluent-state';
import { isTestingMode, warn } from '../util/logger';
import { logTextArtifact } from './artifacts';
import { checkFault } from './fault-injection';
import { startSystemMetrics, type SystemMetricsMonitor } from './system-metrics';
import { ATTR_INTEGRATION, ATTR_RUN_ID, inSpan } from './tracing';
import type { IntegrationConfig } from './types';

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

  /** Picks the run: the active one, or a new managed run tagged `mlflow.autologging`. */
  async begin(): Promise<void> {
    this.fault('session-start');
    const stack = currentStack();
    const active = stack[stack.length - 1];
    if (active) {
      this.run = active;
    } else {
      const tags = { ...this.config.extraTags, [TAG_AUTOLOGGING]: this.integration };
      const run = beginRun({ tags }, stack, this.integration);
      try {
        await run.ready;
      } catch (error) {
        // NB: as startRun does: a run that was never created is not open.
        state.open.delete(run);
        throw error;
      }
      this.run = run;
      this.managed = true;
      this.stack = [...stack, run];
      if (this.config.logSystemMetrics) this.startSystemMetrics(run);
    }
    if (this.span?.isRecording()) {
      this.span.setAttribute(ATTR_RUN_ID, await this.run.resolveRunId());
    }
  }

  /** Runs `fn` with the managed run active (so `activeRun()` inside training sees it). */
  inContext<T>(fn: () => T): T {
    return this.stack ? state.als.run(this.stack, fn) : fn();
  }

  /** Queues metrics at `step` (sent in the background, flushed when the call ends). */
  logMetrics(metrics: Record<string, number>, step: number): void {
    if (!this.run || this.failed) return;
    const timestamp = Date.now();
    const points = Object.entries(metrics).map(([key, value]) => ({ key, value, step, timestamp }));
    if (points.length) getQueue().enqueue(this.run, prepareBatch({ metrics: points }));
  }

  /**
   * Logs params (and tags) with one direct request, so that a conflict (a param logged before with
   * another value, in a user's run) costs a warning, not the metrics queued alongside. The promise
   * settles, never rejects, once the request is done: a logged model copies the run's params when
   * it is created, so model logging waits for it.
   */
  logParams(params: Record<string, string>, tags: Record<string, string> = {}): Promise<void> {
    const entries = (record: Record<string, string>) => Object.entries(record).map(([key, value]) => ({ key, value }));
    return this.track('log-params', async () => {
      await getClient().logBatch(await this.runId(), prepareBatch({ params: entries(params), tags: entries(tags) }));
    });
  }

  /** Logs dataset inputs (in the background, like every upload). */
  logDatasets(inputs: DatasetInput[]): void {
    if (inputs.length === 0) return;
    this.track('log-datasets', async () => getClient().logInputs(await this.runId(), inputs));
  }

  /** Saves `text` as the run's artifact `artifactFile` (in the background). */
  logText(point: string, text: string, artifactFile: string): void {
    this.track(point, async () => logTextArtifact(await this.runId(), text, artifactFile));
  }

  /**
   * Starts agent work that may run alongside training (uploads); it runs in a span, its error
   * goes to {@link fail}, and the call waits for it before returning. The promise settles, never
   * rejects, once the work is done.
   */
  track(point: string, work: () => Promise<void>): Promise<void> {
    const run = this.run;
    if (!run || this.failed) return Promise.resolve();
    const task = (async () => {
      this.fault(point);
      await inSpan(`mlflow-autolog ${this.integration}.${point}`, { [ATTR_INTEGRATION]: this.integration, [ATTR_RUN_ID]: run.runId ?? '' }, work);
    })().catch((error: unknown) => this.fail(error));
    this.tasks.push(task);
    return task;
  }

  /** The run id (the run exists once {@link begin} resolved). */
  async runId(): Promise<string> {
    if (!this.run) throw new MlflowAutologError('autologging has no run for this call');
    return this.run.resolveRunId();
  }

  /**
   * Waits for the agent's work, flushes what was logged and, for a managed run, ends it with
   * `status`. Never throws: errors go to {@link fail}.
   */
  async end(status: RunStatus): Promise<void> {
    await Promise.all(this.tasks);
    this.monitor?.stop();
    const run = this.run;
    if (!run) return;
    await inSpan(`mlflow-autolog ${this.integration}.flush`, { [ATTR_INTEGRATION]: this.integration, [ATTR_RUN_ID]: run.runId ?? '' }, async () => {
      try {
        this.fault('session-end');
        await getQueue().flush(run.key);
      } catch (error) {
        this.fail(error);
      }
      if (!this.managed) return;
      try {
        await finishRun(run, status);
      } catch (error) {
        this.fail(error);
      }
    });
  }

  private startSystemMetrics(run: ActiveRun): void {
    try {
      this.monitor = startSystemMetrics(
        (metrics, step) => {
          // NB: the monitor outlives a failed session's agent work: system metrics are not training data.
          const timestamp = Date.now();
          const points = Object.entries(metrics).map(([key, value]) => ({ key, value, step, timestamp }));
          getQueue().enqueue(run, prepareBatch({ metrics: points }));
        },
        { onError: (error) => this.fail(error) },
      );
    } catch (error) {
      this.fail(error);
    }
  }
}
