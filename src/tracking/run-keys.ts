/**
 * The server's run of each local run key, as the sender learns it: a promise per key that
 * resolves once the run exists (or rejects when the server refused to create it).
 */
import type { RunInfo } from '../store/types';

interface Deferred {
  promise: Promise<RunInfo>;
  resolve(info: RunInfo): void;
  reject(error: unknown): void;
  info?: RunInfo;
}

function deferred(): Deferred {
  let resolve!: (info: RunInfo) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<RunInfo>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // NB: a run nobody waits for must not become an unhandled rejection.
  promise.catch(() => undefined);
  const d: Deferred = {
    promise,
    resolve: (info) => {
      d.info = info;
      resolve(info);
    },
    reject,
  };
  return d;
}

export class RunKeys {
  private readonly runs = new Map<string, Deferred>();

  /** The run info of a key once the run exists. */
  info(key: string): Promise<RunInfo> {
    return this.entry(key).promise;
  }

  /** The run id of a key, if known now. */
  known(key: string): string | undefined {
    return this.runs.get(key)?.info?.runId;
  }

  /** Records the run of a key; false when it was known already. */
  learn(key: string, info: RunInfo): boolean {
    const entry = this.entry(key);
    if (entry.info) return false;
    entry.resolve(info);
    return true;
  }

  /** The server refused to create the run of `key`. */
  refuse(key: string, error: unknown): void {
    this.entry(key).reject(error);
  }

  /** Every key whose run id is known. */
  knownIds(): Map<string, string> {
    const ids = new Map<string, string>();
    for (const [key, entry] of this.runs) if (entry.info) ids.set(key, entry.info.runId);
    return ids;
  }

  private entry(key: string): Deferred {
    let entry = this.runs.get(key);
    if (!entry) this.runs.set(key, (entry = deferred()));
    return entry;
  }
}
