/**
 * `autolog()` called in a jest test file whose `mlflow-autolog` jest loaded into the file's
 * sandbox (no preload or setup file had hooked jest yet): the agent of the host realm does the
 * work (./host-realm.ts), so that it outlives the file and hooks jest for the files after it.
 */
import { hostRequire } from './host-realm';
import { settleTimeoutMs } from './settle';
import type { AutologOptions } from './types';

type AfterAll = (fn: () => Promise<void>, timeout?: number) => void;

/**
 * Configures the host realm's agent with `options`, patches what the test file loaded already
 * (`cache`: its `require.cache`) and, through the file's `afterAll`, waits for its runs at its end.
 */
export function autologInJestSandbox(options: AutologOptions, cache: NodeJS.Require['cache']): void {
  const host = hostRequire(__filename);
  (host('./autolog') as typeof import('./autolog')).autolog(options);
  const entries = Object.entries(cache).flatMap(([filename, m]) => (m?.loaded ? [[filename, m.exports] as const] : []));
  const release = (host('./jest-runtime') as typeof import('./jest-runtime')).adoptLoaded(entries);
  const afterAll = (globalThis as { afterAll?: AfterAll }).afterAll;
  try {
    afterAll?.(release, settleTimeoutMs() + 5_000);
  } catch {
    // NB: inside a test jest refuses new hooks; the exit hooks then send what is left.
  }
}
