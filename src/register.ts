/**
 * `node --require mlflow-autolog/register train.js`: autologging from the environment, with no
 * change to the training script. See `./autolog/preload.ts`.
 */
import { preload } from './autolog/preload';

preload();
