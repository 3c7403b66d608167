/**
 * Work that outlives the call that started it: the end of a run autologged around a synchronous
 * training call (flushed and ended after the call returned). `flush()`, the exit hooks and the
 * next autologged training call wait for it. Shared by every copy of this package in the process.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface BackgroundState {
  /** Pending work, each settled promise removed when done (they never reject). */
  pending: Set<Promise<void>>;
  /**
   * Of the pending work, when each has journaled what it logged (its remaining work is the
   * sender's delivery, which the exit bounds itself). Absent in a state an older copy made.
   */
  journaled?: Map<Promise<void>, { promise: Promise<void>; mark(): void }>;
  /** Agent errors of finished work, kept for `flush()` to throw in testing mode. */
  errors: unknown[];
  /** The work the current async context belongs to, so waiting from inside it does not deadlock. */
  scope: AsyncLocalStorage<Promise<void>>;
}

const KEY = Symbol.for('mlflow-autolog.background');
const holder = globalThis as typeof globalThis & { [KEY]?: BackgroundState };
const background: BackgroundState = (holder[KEY] ??= { pending: new Set(), errors: [], scope: new AsyncLocalStorage() });
background.journaled ??= new Map();
const journaled = background.journaled;

/** A piece of background work, registered before it starts so that others can wait for it. */
export interface BackgroundTask {
  /**
   * Runs `fn` (synchronously) inside the task's scope: promises it creates belong to the task, so
   * a `flush()` from them does not wait for the task itself.
   */
  within<T>(fn: () => T): T;
  /**
   * Runs the task's remaining `work` inside its scope; the task is pending until it settles.
   * Call it exactly once. A resolved value other than undefined (an agent error in testing
   * mode) is kept for {@link takeBackgroundErrors}; `work` should not reject, but a rejection is
   * kept the same way.
   */
  finish(work: () => Promise<unknown>): void;
}

/** Registers a background task, pending until its {@link BackgroundTask.finish} work settles. */
export function startBackgroundTask(): BackgroundTask {
  let settle!: () => void;
  const done = new Promise<void>((resolve) => (settle = resolve));
  background.pending.add(done);
  let mark!: () => void;
  journaled.set(done, { promise: new Promise<void>((resolve) => (mark = resolve)), mark });
  return {
    within: (fn) => background.scope.run(done, fn),
    finish(work) {
      void background.scope.run(done, async () => {
        try {
          const error = await work();
          if (error !== undefined) background.errors.push(error);
        } catch (error) {
          background.errors.push(error);
        } finally {
          background.pending.delete(done);
          journaled.get(done)?.mark();
          journaled.delete(done);
          settle();
        }
      });
    },
  };
}

/**
 * Resolves when the background work pending now has settled, except the work the caller runs
 * inside (waiting for itself would never end). Never rejects.
 */
export async function waitForBackground(): Promise<void> {
  const own = background.scope.getStore();
  const others = [...background.pending].filter((p) => p !== own);
  if (others.length > 0) await Promise.all(others);
}

/**
 * Resolves as `work` does, keeping the process alive meanwhile: for a user's await on the agent's
 * work, whose requests do not keep the process alive by themselves (the HTTP client's sockets are
 * unref'd). The caller awaits, so the process must not end under it.
 */
export async function holding<T>(work: Promise<T>): Promise<T> {
  const timer = setInterval(() => undefined, 1 << 30);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}

/**
 * Marks the background task the caller runs inside as journaled: all it logged is in the journal,
 * and what remains is the sender's delivery (a synchronous training's run, ended). Nothing outside a task.
 */
export function markJournaled(): void {
  const own = background.scope.getStore();
  if (own) journaled.get(own)?.mark();
}

/**
 * Resolves when the background work pending now has journaled what it logged (or settled), except
 * the work the caller runs inside: what the exit waits for before it sends, within its bound, what
 * is left. Never rejects.
 */
export async function waitForJournaled(): Promise<void> {
  const own = background.scope.getStore();
  const others = [...background.pending].filter((p) => p !== own).map((p) => journaled.get(p)?.promise ?? p);
  if (others.length > 0) await Promise.all(others);
}

/** Number of pending background tasks. */
export function backgroundCount(): number {
  return background.pending.size;
}

/** Removes and returns the errors finished background work reported. */
export function takeBackgroundErrors(): unknown[] {
  return background.errors.splice(0);
}
