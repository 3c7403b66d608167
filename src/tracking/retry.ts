/**
 * What a failed send means for its run's lane: wait out a server that sheds load or whose
 * database is busy (it answers, it asks for time), back off from one that does not answer, or
 * take the failure as a refusal. The sender (sender.ts) acts on the verdict: schedules the retry,
 * warns once when the server stops answering, or drops what was refused.
 */
import { isDatabaseBusy, isTransient, MlflowRestError } from '../errors';
import type { WorkRecord } from '../journal/records';
import type { Lane } from './lanes';

const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 30_000;
/** Failed attempts in a row after which `flush` stops waiting for a lane (about 3.5 s of backoff). */
export const PATIENCE_FAILURES = 3;
/**
 * Rounds of refusals in a row with `Retry-After` (a server or gateway shedding load) that a lane
 * waits out before it counts as not answering: the server answers, it asks for time.
 */
const THROTTLE_PATIENCE = 30;

/** When to try a failed group again: after a throttle or a silence (`afterMs`), or never (refused). */
export type FailureVerdict = { retry: 'throttled' | 'silent'; afterMs: number } | { retry: false };

/**
 * The verdict on a group whose first record is `head`, and the lane's counters updated for it
 * (the lane is stalled until the retry). Groups of the lane that fail in the same round count as
 * one round.
 */
export function afterFailure(lane: Lane, head: WorkRecord, error: unknown): FailureVerdict {
  // NB: a server shedding load (Retry-After) or whose database is busy answers: wait as long as
  // it asks (or back off), not as for a silent one, with one request of the lane at a time
  // until one passes. A failure that may pass while other groups of the lane were on their way is
  // taken as that too (a server resetting connections under load): the lane goes on one group at
  // a time, and only a failure then counts as the server not answering.
  const busy = isDatabaseBusy(error) || (lane.groups > 1 && isTransient(error));
  if (error instanceof MlflowRestError && (error.retryAfterMs !== undefined || busy) && lane.throttled < THROTTLE_PATIENCE) {
    if (!lane.stalled) lane.throttled++;
    lane.stalled = true;
    const backoff = RETRY_FIRST_MS * 2 ** Math.min(lane.throttled - 1, 5);
    return { retry: 'throttled', afterMs: Math.max(error.retryAfterMs ?? backoff, RETRY_FIRST_MS) };
  }
  // NB: a user waiting for startRun gets an error once the server has been silent a while;
  // the retries before that look the run up first, so a lost answer creates no orphan.
  const givingUp = head.t === 'run' && head.failFast && lane.failures + 1 >= PATIENCE_FAILURES;
  if (!isTransient(error) || givingUp) return { retry: false };
  if (!lane.stalled) lane.failures++;
  lane.stalled = true;
  // NB: failures may be 0 here: throttling began this round (it did not count as a failure).
  return { retry: 'silent', afterMs: Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.max(0, lane.failures - 1)) };
}
