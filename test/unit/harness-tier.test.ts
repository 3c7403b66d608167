/**
 * The fast tier runs with Node alone: the harness refuses to start what it cannot have (Python,
 * an MLflow server, PostgreSQL), so that a unit test needing one fails at once, saying where it belongs.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startMlflowServer } from '../harness/mlflow-server';
import { startPostgres } from '../harness/postgres';

let tier: string | undefined;
before(() => {
  tier = process.env.MLFLOW_TEST_TIER;
  process.env.MLFLOW_TEST_TIER = 'unit';
});
after(() => {
  if (tier === undefined) delete process.env.MLFLOW_TEST_TIER;
  else process.env.MLFLOW_TEST_TIER = tier;
});

test('in the unit tier, starting PostgreSQL is refused with where such a test belongs', async () => {
  await assert.rejects(startPostgres(), /unit tier runs with Node alone; a test that needs PostgreSQL belongs in test\/integration/);
});

test('in the unit tier, starting an MLflow server is refused the same way', async () => {
  await assert.rejects(startMlflowServer(), /a test that needs an MLflow server belongs in test\/integration/);
});
