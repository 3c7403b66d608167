/**
 * File operations that keep MLflow's file store whole when several processes write to it at once:
 * every file appears complete or not at all (temp file + `rename`/`link`), metric lines are
 * appended whole, and readers retry briefly when a file is still being published.
 */
import { randomBytes } from 'node:crypto';
import { appendFile, link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { MlflowAutologError, MlflowRestError } from '../errors';
import { dumpYaml, parseYaml, type YamlValue } from './file-store-yaml';

/** The `code` of a Node file-system error, if `error` is one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A temp file name in `dir` that no other writer (process or call) picks. */
export function tempPath(dir: string, forName: string): string {
  return join(dir, `.${basename(forName)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Resolves to true when `path` exists (file or folder). */
export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Creates the store's folder `path` and its missing parents, one level at a time (Node's
 * recursive mkdir spins forever where a parent refuses new entries with ENOENT, as /proc does),
 * and turns a refusal into one clear error naming the store (`what`) and what to change.
 */
export async function createStoreFolder(path: string, what: string): Promise<void> {
  const missing: string[] = [];
  const present = (dir: string) => stat(dir).then(() => true, (error: unknown) => (['ENOENT', 'ENOTDIR'].includes(errorCode(error) ?? '') ? false : Promise.reject(error)));
  for (let dir = path; !(await present(dir)); dir = dirname(dir)) {
    missing.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of missing) {
    try {
      await mkdir(dir);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'EEXIST') continue;
      const why = code === 'EROFS' ? 'is on a read-only file system' : code === 'ENOTDIR' ? 'is under a file, not a folder' : `cannot be created there (${code ?? String(error)})`;
      throw new MlflowAutologError(`${what} cannot be written: ${dir} ${why}. Point MLFLOW_TRACKING_URI at a folder this process may write to.`, { cause: error });
    }
  }
}

/** Creates one folder; resolves to true when this call created it, false when it was there. */
export async function mkdirExclusive(path: string): Promise<boolean> {
  try {
    await mkdir(path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

/** Turns "a file is in the way of a folder" errors for a key into MLflow's refusal. */
function keyConflict(error: unknown, what: string): unknown {
  const code = errorCode(error);
  if (code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST') {
    return new MlflowRestError(
      `Cannot write ${what}: a key and a key nested under it ('a' and 'a/b') cannot both exist.`,
      'INVALID_PARAMETER_VALUE',
      400,
      { cause: error },
    );
  }
  return error;
}

/**
 * Writes `target` atomically: the data goes to a temp file in `tempDir` (default: the target's
 * folder; it must be on the same file system) which is then renamed over the target.
 */
export async function writeFileAtomic(target: string, data: string, tempDir = dirname(target)): Promise<void> {
  const temp = tempPath(tempDir, target);
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(temp, data, { flag: 'wx' });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw keyConflict(error, target);
  }
}

/**
 * Writes `target` only if it does not exist, atomically (a temp file hard-linked into place).
 * Resolves to `undefined` when this call wrote it, or to the content already there.
 */
export async function writeFileOnce(target: string, data: string, tempDir: string): Promise<string | undefined> {
  const temp = tempPath(tempDir, target);
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(temp, data, { flag: 'wx' });
    try {
      await link(temp, target);
      return undefined;
    } catch (error) {
      const code = errorCode(error);
      if (code === 'EEXIST') return await readFile(target, 'utf8');
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    }
    // NB: no hard links on this file system: exclusive create still keeps the first value.
    try {
      await writeFile(target, data, { flag: 'wx' });
      return undefined;
    } catch (error) {
      if (errorCode(error) === 'EEXIST') return await readFile(target, 'utf8');
      throw error;
    }
  } catch (error) {
    throw keyConflict(error, target);
  } finally {
    await rm(temp, { force: true });
  }
}

// NB: one write() per chunk; O_APPEND places each chunk whole at the end, so chunks of whole lines
// from several processes interleave only between lines. Keep chunks well under Node's 512 KiB.
const APPEND_CHUNK_BYTES = 64 * 1024;

/** Appends whole lines (each ending in '\n') to `target`, a chunk of whole lines per write. */
export async function appendLines(target: string, lines: readonly string[]): Promise<void> {
  try {
    await mkdir(dirname(target), { recursive: true });
    let chunk = '';
    for (const line of lines) {
      if (chunk.length > 0 && Buffer.byteLength(chunk) + Buffer.byteLength(line) > APPEND_CHUNK_BYTES) {
        await appendFile(target, chunk);
        chunk = '';
      }
      chunk += line;
    }
    if (chunk.length > 0) await appendFile(target, chunk);
  } catch (error) {
    throw keyConflict(error, target);
  }
}

/** Reads a text file; `undefined` when it does not exist. */
export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** Writes a `meta.yaml` atomically. */
export async function writeMeta(dir: string, data: Readonly<Record<string, YamlValue>>, tempDir = dir): Promise<void> {
  await writeFileAtomic(join(dir, 'meta.yaml'), dumpYaml(data), tempDir);
}

/**
 * Reads `<dir>/meta.yaml`; `undefined` when missing or empty. With `waitMs`, a missing or empty
 * file is retried for that long first (another process may be publishing it), as MLflow does.
 */
export async function readMeta(dir: string, waitMs = 0): Promise<Record<string, unknown> | undefined> {
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    const text = await readTextIfExists(join(dir, 'meta.yaml'));
    const meta = text === undefined ? undefined : parseYaml(text);
    if (meta !== undefined || Date.now() >= deadline) return meta;
    await new Promise((r) => setTimeout(r, Math.min(20 * 2 ** attempt, 200)));
  }
}

/** Names of the direct subfolders of `dir` ([] when it does not exist). */
export async function listSubdirs(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => e.name);
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return [];
    throw error;
  }
}

/** Every file under `dir`, as POSIX paths relative to it ([] when `dir` does not exist). */
export async function walkFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (current: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (error) {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return;
      throw error;
    }
    for (const entry of entries) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) await visit(full);
      else if (entry.isFile()) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  await visit(dir);
  return out.sort();
}

/** Reads every file under `dir` into key → content (params and tags folders). */
export async function readKeyValueFolder(dir: string): Promise<{ key: string; value: string }[]> {
  const keys = await walkFiles(dir);
  const pairs = await Promise.all(
    keys.map(async (key) => ({ key, value: await readTextIfExists(join(dir, ...key.split('/'))) })),
  );
  return pairs.filter((p): p is { key: string; value: string } => p.value !== undefined);
}
