/**
 * `--workers N`: N processes serving one port through Node's cluster (the primary accepts the
 * connections and hands them round-robin to the workers), as uvicorn's `--workers` does for MLflow.
 * The primary loads no model: each worker runs the same command and loads its own. A worker that
 * dies after it listened is replaced; one that dies before (a model that does not load) stops
 * them all. SIGTERM or SIGINT asks every worker to finish its requests and exit.
 */
import cluster, { type Worker } from 'node:cluster';

/** Options of {@link runPrimary}. */
export interface PrimaryOptions {
  workers: number;
  /** The CLI arguments each worker runs (after the script), e.g. `['models', 'serve', …]`. */
  args: string[];
  /** Called once, when every worker listens. */
  onListening(url: string): void;
  /** Where the primary says what it does (a worker replaced, a startup failure). */
  log(line: string): void;
  /** How long workers asked to stop may take before they are killed. */
  graceMs: number;
}

/** More replacements than this within {@link RESTART_WINDOW_MS} means a crash loop: stop. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;

/** True in a process the primary forked. */
export function isClusterWorker(): boolean {
  return cluster.isWorker;
}

/** In a worker whose server has closed: lets go of the primary, so that the process can exit. */
export function leaveCluster(): void {
  if (cluster.isWorker) cluster.worker?.disconnect();
}

/** Runs the cluster's primary; resolves to the exit code once every worker has exited. */
export function runPrimary(options: PrimaryOptions): Promise<number> {
  cluster.setupPrimary({ exec: process.argv[1], args: options.args });
  const listened = new Set<number>();
  const restarts: number[] = [];
  const replacements = new Set<number>();
  let stopping = false;
  let failed = false;
  let announced = false;

  return new Promise<number>((resolve) => {
    const live = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
    const stop = () => {
      if (stopping) return;
      stopping = true;
      for (const worker of live()) worker.process.kill('SIGTERM');
      if (live().length === 0) return finish();
      setTimeout(() => {
        const stuck = live();
        if (stuck.length) options.log(`${stuck.length} worker(s) still running after ${options.graceMs} ms; killing them`);
        for (const worker of stuck) worker.process.kill('SIGKILL');
      }, options.graceMs).unref();
    };
    const finish = () => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      cluster.removeAllListeners('listening');
      cluster.removeAllListeners('exit');
      resolve(failed ? 1 : 0);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);

    cluster.on('listening', (worker, address) => {
      if (replacements.delete(worker.id)) options.log(`worker ${worker.process.pid} serves in place of the one that died`);
      listened.add(worker.id);
      if (!announced && listened.size >= options.workers) {
        announced = true;
        const host = address.address?.includes(':') ? `[${address.address}]` : (address.address ?? '127.0.0.1');
        options.onListening(`http://${host}:${address.port}`);
      }
    });
    cluster.on('exit', (worker, code, signal) => {
      // NB: a worker still loading its model when asked to stop ends by our SIGTERM: that is a clean stop too.
      const clean = (code === 0 && !signal) || signal === 'SIGTERM';
      if (stopping) {
        if (!clean) failed = true;
        if (live().length === 0) finish();
        return;
      }
      if (!listened.has(worker.id)) {
        options.log(`a worker exited before it could serve (${signal ?? `exit code ${code}`}); stopping`);
        failed = true;
        return stop();
      }
      const now = Date.now();
      restarts.push(now);
      while (restarts.length > 0 && restarts[0]! < now - RESTART_WINDOW_MS) restarts.shift();
      if (restarts.length > MAX_RESTARTS) {
        options.log(`workers keep dying (${restarts.length} in a minute); stopping`);
        failed = true;
        return stop();
      }
      options.log(`worker ${worker.process.pid} died (${signal ?? `exit code ${code}`}); starting another`);
      replacements.add(cluster.fork().id);
    });
    for (let i = 0; i < options.workers; i++) cluster.fork();
  });
}
