/**
 * The rules and errors both local stores (files and SQLite) share, so that they behave as one:
 * MLflow's error codes and messages, batch validation, write-once params and page tokens.
 */
import { MlflowRestError, ValidationError } from '../errors';
import { appendToUriPath, checkKey, newRunId, randomRunName } from './file-store-format';
import type { CreateRunRequest, Experiment, LogBatch, RunInfo, SearchRunsRequest, Tag } from './types';

/** The tag that holds a run's name. */
export const RUN_NAME_TAG = 'mlflow.runName';

export const notFound = (message: string) => new MlflowRestError(message, 'RESOURCE_DOES_NOT_EXIST', 404);
export const invalid = (message: string) => new MlflowRestError(message, 'INVALID_PARAMETER_VALUE', 400);

/** The last value of each key, in first-seen order (what several writes of one key leave). */
export function lastValuePerKey(tags: Tag[]): Tag[] {
  return [...new Map(tags.map((t) => [t.key, t])).values()];
}

export function checkInteger(what: string, value: number): void {
  if (!Number.isSafeInteger(value)) throw new ValidationError(`The ${what} must be an integer; got ${value}.`);
}

/** Checks a batch's keys, metric values, timestamps and steps, and refuses duplicate param keys. */
export function checkBatch(batch: LogBatch): void {
  for (const param of batch.params) checkKey('param', param.key);
  for (const tag of batch.tags) checkKey('tag', tag.key);
  for (const metric of batch.metrics) {
    checkKey('metric', metric.key);
    if (typeof metric.value !== 'number') {
      throw new ValidationError(`Metric "${metric.key}" has a non-numeric value.`);
    }
    checkInteger(`timestamp of metric "${metric.key}"`, metric.timestamp);
    checkInteger(`step of metric "${metric.key}"`, metric.step);
  }
  const keys = batch.params.map((p) => p.key);
  if (new Set(keys).size !== keys.length) throw invalid('Duplicate parameter keys in one batch.');
}

/** MLflow's `log_param` refusal of a changed value. */
export function paramChanged(runId: string, key: string, current: string, value: string): MlflowRestError {
  return invalid(
    `Changing param values is not allowed. Param with key='${key}' was already logged with value='${current}' ` +
      `for run ID='${runId}'. Attempted logging new value '${value}'.`,
  );
}

export function parsePageToken(token: string | undefined): number {
  if (!token) return 0;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    const offset = parsed !== null && typeof parsed === 'object' ? (parsed as { offset?: unknown }).offset : undefined;
    if (typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0) return offset;
  } catch {
    // reported below
  }
  throw invalid(`Invalid page token ${JSON.stringify(token)}.`);
}

export function makePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64');
}

const SEARCH_MAX_RESULTS_DEFAULT = 1000;
const SEARCH_MAX_RESULTS_THRESHOLD = 50_000;

/** MLflow's filter for one tag's exact value, as replay looks a run up by its token: tags.`key` = 'value'. */
const TAG_EQUALS = /^\s*tags\.(?:`([^`]+)`|([\w.-]+))\s*=\s*'([^']*)'\s*$/;

/**
 * What a local store's run search can do (newest first; at most a filter on one tag's exact
 * value), checked: the page size, the offset its page token holds and the tag to match.
 * `store` names the store in the refusals.
 */
export function checkSearch(request: SearchRunsRequest, store: string): { maxResults: number; offset: number; tag?: Tag } {
  let tag: Tag | undefined;
  if (request.filter !== undefined && request.filter.trim() !== '') {
    const match = TAG_EQUALS.exec(request.filter);
    if (!match) throw new ValidationError(`The ${store} filters runs by one tag's value only (tags.\`key\` = 'value'); got the filter "${request.filter}".`);
    tag = { key: match[1] ?? match[2]!, value: match[3]! };
    checkKey('tag', tag.key);
  }
  const orderBy = (request.orderBy ?? []).map((o) => o.trim().replace(/\s+/g, ' '));
  if (orderBy.some((o) => !/^(attributes\.)?start_time desc$/i.test(o))) {
    throw new ValidationError(`The ${store} sorts runs by start time only; got ${JSON.stringify(orderBy)}.`);
  }
  const maxResults = request.maxResults ?? SEARCH_MAX_RESULTS_DEFAULT;
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > SEARCH_MAX_RESULTS_THRESHOLD) {
    throw invalid(`Invalid value ${maxResults} for max_results: it must be 1 to ${SEARCH_MAX_RESULTS_THRESHOLD}.`);
  }
  return { maxResults, offset: parsePageToken(request.pageToken), tag };
}

/** Checks a create-run request's tags, start time and name (as MLflow does) before anything is looked up. */
export function checkCreateRun(request: CreateRunRequest): void {
  for (const tag of request.tags) checkKey('tag', tag.key);
  checkInteger('start time', request.startTime);
  const tagName = request.tags.find((t) => t.key === RUN_NAME_TAG)?.value;
  if (request.runName && tagName !== undefined && request.runName !== tagName) {
    throw invalid(
      `Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values ` +
        `(run_name='${request.runName}', mlflow.runName='${tagName}').`,
    );
  }
}

/**
 * A new run in `experiment` (which must be active): its info and its tags, with the run name as
 * the `mlflow.runName` tag (a random name when none is given, as MLflow picks one).
 */
export function newRun(experiment: Experiment, request: CreateRunRequest): { info: RunInfo; tags: Tag[] } {
  if (experiment.lifecycleStage !== 'active') {
    throw new MlflowRestError(`Could not create run under non-active experiment with ID ${experiment.experimentId}.`, 'INVALID_STATE', 400);
  }
  const tagName = request.tags.find((t) => t.key === RUN_NAME_TAG)?.value;
  const runName = request.runName || tagName || randomRunName();
  const tags = tagName === undefined ? [...request.tags, { key: RUN_NAME_TAG, value: runName }] : request.tags;
  const runId = newRunId();
  const info: RunInfo = {
    runId,
    runName,
    experimentId: experiment.experimentId,
    userId: request.userId,
    status: 'RUNNING',
    startTime: request.startTime,
    artifactUri: appendToUriPath(experiment.artifactLocation, runId, 'artifacts'),
    lifecycleStage: 'active',
  };
  return { info, tags };
}
