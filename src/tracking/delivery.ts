/**
 * Delivering one group of a run's records to the store, each kind idempotently (see sender.ts):
 * the run's creation (looked up by its token first when an earlier attempt may have reached the
 * server), coalesced batches split by MLflow's limits, dataset inputs, staged files, the end.
 */
import { TAG_RUN_TOKEN, recordBatch, type BatchRecord, type RunRecord, type WorkRecord } from '../journal/records';
import { splitIntoBatches } from '../store/limits';
import { MlflowRestError } from '../errors';
import type { DatasetInput, LogBatch, RunInfo } from '../store/types';
import type { SenderOptions } from './sender';

/** What delivering needs of the sender. */
export interface DeliveryContext {
  options: SenderOptions;
  /** The run info of a run key once the run exists. */
  runInfo(key: string): Promise<RunInfo>;
  /** Records the run id of a key (and journals it). */
  learnRunId(key: string, info: RunInfo): void;
}

/** Sends `group` (records of the run `key`, in order); `retrying`: an earlier attempt at one of them failed (and may have reached the server). */
export async function deliverGroup(context: DeliveryContext, key: string, group: WorkRecord[], retrying: boolean): Promise<void> {
  const head = group[0]!;
  if (head.t === 'run') {
    await createRun(context, head, retrying);
    return;
  }
  const { runId } = await context.runInfo(key);
  const { store } = context.options;
  if (head.t === 'batch') {
    const merged: LogBatch = { metrics: [], params: [], tags: [] };
    for (const record of group as BatchRecord[]) {
      const batch = recordBatch(record);
      merged.metrics.push(...batch.metrics);
      merged.params.push(...batch.params);
      merged.tags.push(...batch.tags);
    }
    for (const part of splitIntoBatches(merged)) await store.logBatch(runId, part);
  } else if (head.t === 'inputs') {
    await logInputs(store, runId, head.datasets);
  } else if (head.t === 'artifact' || head.t === 'model') {
    // NB: a model's creates are looked up by their token first only when an attempt may have made them.
    await context.options.deliverFiles(head, runId, { lookup: retrying || context.options.lookupFirst === true });
  } else if (head.t === 'end') {
    await store.updateRun(runId, { status: head.status, endTime: head.endTime });
  }
}

/** A database's unique-key refusal (SQLite, PostgreSQL, MySQL), as MLflow passes it on as BAD_REQUEST. */
const UNIQUE_KEY = /UNIQUE constraint failed: datasets\.|duplicate key value violates unique constraint "[^"]*dataset|Duplicate entry .* for key '[^']*dataset/i;

/**
 * Logs a run's dataset inputs. Two runs logging the same new dataset at once can race on the
 * server: both look it up, both insert it, and the second insert hits the datasets' unique key.
 * The dataset exists then, so the same request once more finds it and links it.
 */
async function logInputs(store: DeliveryContext['options']['store'], runId: string, datasets: DatasetInput[]): Promise<void> {
  try {
    await store.logInputs(runId, datasets);
  } catch (error) {
    if (!(error instanceof MlflowRestError && UNIQUE_KEY.test(error.message))) throw error;
    await store.logInputs(runId, datasets);
  }
}

/**
 * Creates the run the record describes, or adopts the one an earlier attempt created: when an
 * attempt may have reached the server (a retry, or replay), the run's token is looked up first.
 */
async function createRun(context: DeliveryContext, record: RunRecord, retrying: boolean): Promise<void> {
  if (record.runId) {
    context.learnRunId(record.k, { runId: record.runId } as RunInfo);
    return;
  }
  const { store } = context.options;
  const experimentId = await context.options.resolveExperimentId(record);
  if (retrying || context.options.lookupFirst) {
    const found = await store.searchRuns({ experimentIds: [experimentId], filter: `tags.\`${TAG_RUN_TOKEN}\` = '${record.k}'`, maxResults: 1 });
    const existing = found.runs[0];
    if (existing) {
      context.learnRunId(record.k, existing.info);
      return;
    }
  }
  let parentRunId = record.parentRunId;
  if (record.parent) parentRunId = (await context.runInfo(record.parent)).runId;
  const tags: Record<string, string> = { ...record.tags, [TAG_RUN_TOKEN]: record.k };
  if (parentRunId) tags['mlflow.parentRunId'] = parentRunId;
  const info = await store.createRun({
    experimentId,
    userId: record.userId ?? record.tags['mlflow.user'] ?? 'unknown',
    runName: record.runName,
    startTime: record.startTime,
    tags: Object.entries(tags).map(([k, value]) => ({ key: k, value })),
  });
  context.learnRunId(record.k, info);
}
