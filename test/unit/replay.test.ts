/**
 * What replay makes of a journal an earlier process left: the runs it must end, and the run ids it
 * already knows (pure: the journal's records in, the ends and ids out).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JournalRecord } from '../../src/journal/records';
import { openRuns } from '../../src/journal/replay';

const run = (k: string, id: number, extra: object = {}): JournalRecord => ({ t: 'run', k, id, tags: {}, startTime: 100 + id, ...extra });

test('a run left open ends KILLED at its last known time; one ended, or refused by the server (acknowledged without an id), gets no end', () => {
  const records: JournalRecord[] = [
    run('open', 1),
    { t: 'rid', k: 'open', runId: 'r-open' },
    { t: 'ack', ids: [1] },
    { t: 'batch', k: 'open', id: 2, m: [['loss', 1, 500, 0]] },
    run('ended', 3),
    { t: 'rid', k: 'ended', runId: 'r-ended' },
    { t: 'end', k: 'ended', id: 4, status: 'FINISHED', endTime: 600 },
    run('refused', 5),
    { t: 'ack', ids: [5] },
    run('never-sent', 6),
  ];
  const { ends, runIds } = openRuns(records);
  assert.deepEqual(
    ends.map((e) => [e.k, e.status, e.endTime]),
    [['open', 'KILLED', 500], ['never-sent', 'KILLED', 106]],
  );
  assert.deepEqual([...runIds], [['open', 'r-open'], ['ended', 'r-ended']]);
});

test('a resumed run’s id comes from its own record, so what it still had to send goes to it', () => {
  const { ends, runIds } = openRuns([run('resumed', 1, { runId: 'r-resumed' }), { t: 'ack', ids: [1] }, { t: 'batch', k: 'resumed', id: 2, g: [['note', 'x']] }]);
  assert.deepEqual([...runIds], [['resumed', 'r-resumed']]);
  assert.deepEqual(ends.map((e) => e.k), ['resumed']);
});
