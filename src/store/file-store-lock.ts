/**
 * A cross-process mutex made of one lock file created with O_EXCL. It serializes experiment
 * creation, so that "is this name free?" and "create it" happen as one step for every process.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { link, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { MlflowAutologError } from '../errors';
import { errorCode } from './file-store-io';

export interface LockOptions {
  /** A lock file older than this is taken to be left by a crashed process and broken (ms). */
  staleMs?: number;
  /** Give up after waiting this long for the lock (ms). */
  timeoutMs?: number;
}

const DEFAULT_STALE_MS = 10_000;
const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Runs `task` while holding the lock file `lockPath`. The holder refreshes the file's time while
 * the task runs, so only a lock whose owner died goes stale.
 */
export async function withFileLock<T>(lockPath: string, task: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const token = `${process.pid}@${hostname()} ${randomBytes(8).toString('hex')}\n`;
  await acquire(lockPath, token, staleMs, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(lockPath, now, now).catch(() => undefined);
  }, Math.max(staleMs / 3, 50));
  heartbeat.unref();
  try {
    return await task();
  } finally {
    clearInterval(heartbeat);
    await release(lockPath, token);
  }
}

async function acquire(lockPath: string, token: string, staleMs: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(lockPath, token, { flag: 'wx' });
      return;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    await breakIfStale(lockPath, staleMs);
    if (Date.now() > deadline) {
      throw new MlflowAutologError(
        `Timed out after ${timeoutMs} ms waiting for the lock ${lockPath}; delete it if no process holds it.`,
      );
    }
    await new Promise((r) => setTimeout(r, Math.min(5 + attempt * 5, 100) * (0.5 + Math.random())));
  }
}

async function breakIfStale(lockPath: string, staleMs: number): Promise<void> {
  let before;
  try {
    before = await stat(lockPath);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  if (Date.now() - before.mtimeMs <= staleMs) return;
  // NB: move the stale file aside rather than unlink it: if another process broke it first and
  // took the lock, we have moved *its* fresh lock, which we can tell by the inode and put back.
  const aside = `${lockPath}.${process.pid}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await rename(lockPath, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  const moved = await stat(aside);
  if (moved.ino !== before.ino || moved.dev !== before.dev) {
    await link(aside, lockPath).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
}

async function release(lockPath: string, token: string): Promise<void> {
  try {
    // NB: if we were too slow and our lock was broken as stale, the file is someone else's now.
    if ((await readFile(lockPath, 'utf8')) === token) await unlink(lockPath);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}
