/**
 * `setupFiles: ['mlflow-autolog/jest']` in a jest configuration: autologging configured from the
 * environment for the test files, as `node --require mlflow-autolog/register` does for a script
 * (the same `MLFLOW_*` variables).
 *
 * Jest runs this file inside each test file's sandbox. It loads the agent with Node's own loader
 * instead (./autolog/host-realm.ts), so one agent serves every test file of a jest process; the
 * first time, it configures autologging and hooks the jest-runtime that runs the tests.
 */
import { hostRequire } from './autolog/host-realm';

(hostRequire(__filename)('./autolog/preload.js') as typeof import('./autolog/preload')).preload();
