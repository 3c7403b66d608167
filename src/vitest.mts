/**
 * `setupFiles: ['mlflow-autolog/vitest']` in a vitest configuration: autologging configured from
 * the environment for the test files, as `node --require mlflow-autolog/register` does for a
 * script (the same `MLFLOW_*` variables), and each test file ends once its runs are complete on
 * the server: vitest ends a worker process right after its last file (SIGTERM, then SIGKILL).
 */
import { createRequire } from 'node:module';
import { afterAll } from 'vitest';

type Preload = typeof import('./autolog/preload.js');
type Settle = typeof import('./autolog/settle.js');

// NB: the CommonJS core, as the register entry loads it: one agent whichever entry ran first.
const require = createRequire(import.meta.url);
(require('./autolog/preload.js') as Preload).preload();
const { settleRuns, settleTimeoutMs } = require('./autolog/settle.js') as Settle;
// NB: a hook timeout above settleRuns' own bound: waiting for the runs never fails a test file.
afterAll(() => settleRuns(), settleTimeoutMs() + 5_000);
