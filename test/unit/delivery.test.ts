/**
 * Delivering a run's dataset inputs when another run logs the same new dataset at the same time:
 * the server's unique-key refusal (as MLflow 3.18 answers it) is met by asking once more, which
 * finds the dataset the other run inserted; any other refusal stays a refusal.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MlflowRestError } from '../../src/errors';
import type { InputsRecord } from '../../src/journal/records';
import type { DatasetInput, RunInfo, TrackingStore } from '../../src/store/types';
import { deliverGroup, type DeliveryContext } from '../../src/tracking/delivery';

const DATASET: DatasetInput = {
  dataset: { name: 'train', digest: 'abc123', sourceType: 'code', source: '{}' },
  tags: [{ key: 'mlflow.data.context', value: 'train' }],
};

/** A store whose log-inputs throws each of `errors` in turn, then succeeds. */
function storeThrowing(errors: Error[]): { store: TrackingStore; calls: () => number } {
  let calls = 0;
  const store = {
    async logInputs(): Promise<void> {
      const error = errors[calls++];
      if (error) throw error;
    },
  };
  return { store: store as unknown as TrackingStore, calls: () => calls };
}

function context(store: TrackingStore): DeliveryContext {
  return {
    options: { store } as DeliveryContext['options'],
    runInfo: async () => ({ runId: 'r1' }) as RunInfo,
    learnRunId: () => undefined,
  };
}

const record: InputsRecord = { t: 'inputs', k: 'run', id: 1, datasets: [DATASET] };

describe('delivering dataset inputs', () => {
  test("the unique-key refusal of a dataset another run inserted first is met by one more request, which links it", async () => {
    const race = new MlflowRestError(
      '(sqlite3.IntegrityError) UNIQUE constraint failed: datasets.experiment_id, datasets.name, datasets.digest',
      'BAD_REQUEST',
      400,
    );
    const { store, calls } = storeThrowing([race]);
    await deliverGroup(context(store), 'run', [record], false);
    assert.equal(calls(), 2);
  });

  test('PostgreSQL and MySQL spell the same refusal their own way', async () => {
    for (const message of [
      'duplicate key value violates unique constraint "uq_datasets_experiment_id_name_digest"',
      "Duplicate entry '1-train-abc123' for key 'datasets.uq_dataset'",
    ]) {
      const { store, calls } = storeThrowing([new MlflowRestError(message, 'BAD_REQUEST', 400)]);
      await deliverGroup(context(store), 'run', [record], false);
      assert.equal(calls(), 2, message);
    }
  });

  test('another refusal, or the same one twice, is passed on', async () => {
    const other = new MlflowRestError('Invalid dataset name', 'INVALID_PARAMETER_VALUE', 400);
    await assert.rejects(deliverGroup(context(storeThrowing([other]).store), 'run', [record], false), other);
    const race = new MlflowRestError('UNIQUE constraint failed: datasets.experiment_id', 'BAD_REQUEST', 400);
    await assert.rejects(deliverGroup(context(storeThrowing([race, race]).store), 'run', [record], false), race);
  });
});
