/**
 * Loading a library a flavor needs at load time (tfjs, brain.js, onnxruntime-node, …): the copy
 * the application installed, or, failing that, the one beside this package.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../version';

/** `name` from the working directory's node_modules, then from this package's; undefined when neither has it. */
export function requireInstalled<T = unknown>(name: string): T | undefined {
  for (const base of [join(process.cwd(), 'noop.js'), join(PACKAGE_ROOT, 'package.json')]) {
    try {
      return createRequire(base)(name) as T;
    } catch (error) {
      if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') throw error;
    }
  }
  return undefined;
}
