/**
 * A run's queue (its lane) and which of its records may go to the server now, so that a few
 * requests of one run are in flight at once where MLflow does not care about their order:
 *
 * - the run's creation goes first and alone, its end last and alone (a barrier each);
 * - metric points commute: MLflow keys them by (key, step, timestamp, value) and keeps each key's
 *   latest by step, timestamp and value, never by arrival, so batches of metrics only may pass
 *   one another, and pass params, tags and files still on their way; so do dataset inputs (a
 *   dataset is linked once, whenever it comes);
 * - everything else (params, which are logged once; tags, where the last value of a key wins;
 *   files, where the last upload of a path wins; models, which copy the run's params and link its
 *   metrics) goes in order, each after every record before it.
 */
import { recordSize, type BatchRecord, type WorkRecord } from '../journal/records';
import { LIMITS } from '../store/limits';

/** Values coalesced into one group of params and tags at most (split by MLflow's limits when sent). */
const MAX_COALESCED_VALUES = 10_000;
/** Points in one group of metrics at most: one `log-batch` request. */
const METRICS_PER_GROUP = LIMITS.metricsPerBatch;

/** One run's records not yet delivered, in journal order, and what is on its way. */
export interface Lane {
  key: string;
  /** Records not yet delivered or refused, in journal order (those in flight too). */
  records: WorkRecord[];
  /** Records of the groups on their way. */
  inFlight: Set<WorkRecord>;
  /** Groups on their way. */
  groups: number;
  /** The linger before sending, or a retry's backoff. */
  timer?: NodeJS.Timeout;
  /** Consecutive rounds of failures that may pass; sets the backoff. */
  failures: number;
  /** Consecutive rounds of refusals with `Retry-After`, each waited out as the server asked. */
  throttled: number;
  /** A failure that may pass (or throttling): nothing new starts until the retry. */
  stalled: boolean;
  /** Records up to this id are sent one by one (a coalesced group with them was refused). */
  isolateUpTo: number;
}

export function newLane(key: string): Lane {
  return { key, records: [], inFlight: new Set(), groups: 0, failures: 0, throttled: 0, stalled: false, isolateUpTo: 0 };
}

type Order = 'barrier' | 'free' | 'ordered';

function orderOf(record: WorkRecord): Order {
  if (record.t === 'run' || record.t === 'end') return 'barrier';
  if (record.t === 'inputs' || (record.t === 'batch' && !record.p?.length && !record.g?.length)) return 'free';
  return 'ordered';
}

function isMetricsOnly(record: WorkRecord): boolean {
  return record.t === 'batch' && orderOf(record) === 'free';
}

/**
 * The groups of `lane` that may start now, at most `room` of them: a barrier or an ordered record
 * once every record before it is done (batches after it coalesced into its group), and groups of
 * metric points (or a dataset input) wherever no barrier comes before them.
 */
export function nextGroups(lane: Lane, room: number): WorkRecord[][] {
  const groups: WorkRecord[][] = [];
  const { records } = lane;
  for (let i = 0; i < records.length && groups.length < room; i++) {
    const record = records[i]!;
    if (lane.inFlight.has(record)) continue;
    const order = orderOf(record);
    if (order === 'barrier') {
      if (i === 0) groups.push([record]);
      // NB: nothing after a barrier starts before it is done.
      break;
    }
    // NB: an ordered record waits for every record before it; metric points after it need not.
    if (order === 'ordered' && i > 0) continue;
    const group = record.t === 'batch' ? batchGroup(lane, i, order === 'free') : [record];
    groups.push(group);
    i += group.length - 1;
  }
  return groups;
}

/**
 * The batch records from `records[start]` on that go in one group: consecutive, not in flight,
 * metrics only when `metricsOnly`, within the group's size; a record marked isolated goes alone.
 */
function batchGroup(lane: Lane, start: number, metricsOnly: boolean): BatchRecord[] {
  const group: BatchRecord[] = [];
  const max = metricsOnly ? METRICS_PER_GROUP : MAX_COALESCED_VALUES;
  let values = 0;
  for (let i = start; i < lane.records.length; i++) {
    const record = lane.records[i]!;
    if (record.t !== 'batch' || lane.inFlight.has(record) || (metricsOnly && !isMetricsOnly(record))) break;
    if (group.length > 0 && values + recordSize(record) > max) break;
    // NB: after a refusal, each record goes alone, so that only the refused one is dropped.
    const isolated = record.id <= lane.isolateUpTo;
    if (isolated && group.length > 0) break;
    group.push(record);
    if (isolated) break;
    values += recordSize(record);
  }
  return group;
}

/** Takes a delivered (or refused) group out of the lane; resolves to the values it held. */
export function removeGroup(lane: Lane, group: WorkRecord[]): number {
  for (const record of group) lane.inFlight.delete(record);
  // NB: a group is a run of consecutive records: found once, spliced at once.
  const at = lane.records.indexOf(group[0]!);
  if (at < 0) return 0;
  return lane.records.splice(at, group.length).reduce((n, record) => n + recordSize(record), 0);
}

/** Requests in flight at once across runs (the HTTP client's sockets). */
const REQUESTS_IN_FLIGHT = 10;

/**
 * How many request times sending what `lanes` hold (and `spilledValues` more points, in the
 * journal file only) should take: each run's records that must go one after another, and all of
 * them spread over the requests that go at once (`perRun` per run, ten in all).
 */
export function drainEstimate(lanes: Lane[], spilledValues: number, perRun: number): number {
  let requests = Math.ceil(spilledValues / METRICS_PER_GROUP);
  let serial = 0;
  let parallel = 0;
  for (const lane of lanes) {
    const work = laneWork(lane);
    requests += work.requests;
    serial = Math.max(serial, work.serial);
    parallel += Math.min(perRun, Math.max(1, work.requests));
  }
  return Math.max(serial, requests / Math.max(1, Math.min(REQUESTS_IN_FLIGHT, parallel)));
}

/** Requests the lane still needs, roughly (a group of metrics is one request, a model a few), and how many of them must go one after another. */
function laneWork(lane: Lane): { requests: number; serial: number } {
  let requests = 0;
  let serial = 0;
  let points = 0;
  for (const record of lane.records) {
    if (isMetricsOnly(record)) {
      points += recordSize(record);
      continue;
    }
    if (record.t === 'inputs') {
      requests++;
      continue;
    }
    // NB: a model is a chain of requests (create, link, upload, finalize).
    const cost = record.t === 'model' ? 4 : record.t === 'batch' ? Math.ceil(recordSize(record) / MAX_COALESCED_VALUES) : 1;
    requests += cost;
    serial += cost;
  }
  return { requests: requests + Math.ceil(points / METRICS_PER_GROUP), serial };
}
