/**
 * The file an `import '<package>'` loads, from the package's own `package.json`: its `exports`
 * entry under Node's ES module conditions, else its `main`, else `index.js`. The import hook uses
 * it to tell a package's entry, imported by path, from its other files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const entries = new Map<string, string | undefined>();

/** The absolute path of the ES module entry of the package in `baseDir`; undefined when it has none. */
export function esmEntryOf(baseDir: string): string | undefined {
  if (!entries.has(baseDir)) entries.set(baseDir, findEntry(baseDir));
  return entries.get(baseDir);
}

function findEntry(baseDir: string): string | undefined {
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(readFileSync(join(baseDir, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (manifest.exports !== undefined) {
    // NB: loaded here, once a watched package's file is imported by path: the preload never needs it.
    const { exports } = require('resolve.exports') as typeof import('resolve.exports');
    try {
      const found = exports(manifest, '.', { conditions: ['node', 'import'] });
      return found?.[0] === undefined ? undefined : join(baseDir, found[0]);
    } catch {
      return undefined;
    }
  }
  // NB: the legacy `main` may leave out the extension or name a folder, as require() allows.
  const main = join(baseDir, typeof manifest.main === 'string' ? manifest.main : 'index.js');
  return [main, `${main}.js`, join(main, 'index.js')].find((file) => existsSync(file));
}
