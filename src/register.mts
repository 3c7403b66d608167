/**
 * `node --import mlflow-autolog/register train.mjs`: autologging from the environment for ESM
 * (and CommonJS) scripts. It loads the CommonJS core (one copy of the state whichever entry ran
 * first) and registers import-in-the-middle's loader so ESM imports get patched too.
 */
import { createRequire } from 'node:module';

type Preload = typeof import('./autolog/preload.js');

const core = createRequire(import.meta.url)('./autolog/preload.js') as Preload;
await core.preloadEsm();
