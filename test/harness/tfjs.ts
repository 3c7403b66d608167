/**
 * The TensorFlow.js package the tfjs tests train with: `@tensorflow/tfjs` (pure JavaScript, the
 * `cpu` backend) by default, `@tensorflow/tfjs-node` (libtensorflow through its native addon, the
 * `tensorflow` backend; installed by scripts/install-tfjs-node.sh) with MLFLOW_TEST_TFJS=node.
 * `scripts/test-tfjs-node.sh` runs the tfjs tests again that way.
 */
import { join } from 'node:path';
import type * as Tf from '@tensorflow/tfjs';
import { REPO_ROOT } from './python';

const choice = process.env.MLFLOW_TEST_TFJS ?? 'js';
if (choice !== 'js' && choice !== 'node') throw new Error(`MLFLOW_TEST_TFJS=${choice}: expected js or node`);

/** Which package: 'js' or 'node'. */
export const TFJS_CHOICE: 'js' | 'node' = choice;
export const TFJS_PACKAGE = choice === 'node' ? '@tensorflow/tfjs-node' : '@tensorflow/tfjs';
/** The backend that package trains on. */
export const TFJS_BACKEND = choice === 'node' ? 'tensorflow' : 'cpu';

/**
 * Loads the chosen package through require, as an application would (the instrumentation's hooks
 * must see it). tfjs-node re-exports all of @tensorflow/tfjs, so the types are the same.
 */
export function loadTfjs(): typeof Tf {
  return require(TFJS_PACKAGE) as typeof Tf;
}

/**
 * The `node` arguments that make a script which requires or imports '@tensorflow/tfjs' get the
 * chosen package instead (none for the default), placed before the script's path. The preload
 * (test/fixtures/tfjs-alias.js) also prints the backend the script trained on to stderr.
 */
export function tfjsNodeArgs(choice: 'js' | 'node' = TFJS_CHOICE): string[] {
  return choice === 'node' ? ['--require', join(REPO_ROOT, 'test/fixtures/tfjs-alias.js')] : [];
}

/** The backend a script run with tfjsNodeArgs('node') reported (undefined if it did not). */
export function reportedBackend(stderr: string): string | undefined {
  return /^tfjs-alias: backend (\S+)$/m.exec(stderr)?.[1];
}
