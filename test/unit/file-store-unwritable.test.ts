/**
 * A local store that cannot be written is one clear error naming the store, the folder that
 * refused and what to change, never a bare "ENOENT … mkdir" (or, under /proc, a hang: Node's
 * recursive mkdir spins there).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MlflowAutologError } from '../../src/errors';
import { FileStore } from '../../src/store/file-store';

for (const [name, location, reason] of [
  ['a folder the OS refuses new entries in (/proc)', '/proc/mlflow-autolog-test/mlruns', /\/proc\/mlflow-autolog-test cannot be created there \(ENOENT\)/],
  ['a path under a file', join(mkdtempSync(join(tmpdir(), 'unwritable-')), 'file', 'mlruns'), /file\/mlruns is under a file, not a folder/],
] as const) {
  test(`a store in ${name}: one clear error naming the store and MLFLOW_TRACKING_URI`, async () => {
    if (name === 'a path under a file') writeFileSync(join(location, '..', '..', 'file'), 'x');
    const store = new FileStore(location);
    await assert.rejects(store.createExperiment('x'), (error: unknown) => {
      assert.ok(error instanceof MlflowAutologError, String(error));
      assert.match(error.message, new RegExp(`^The local store ${location.replace(/[/.]/g, '\\$&')} cannot be written`));
      assert.match(error.message, reason);
      assert.match(error.message, /MLFLOW_TRACKING_URI/);
      return true;
    });
  });
}
