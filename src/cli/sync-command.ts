/**
 * `mlflow-autolog sync [--from <local uri>] [--to <tracking uri>] [--experiment …] [--run …]`:
 * sends what earlier processes left in the journal for the server, then copies the runs of a
 * local store (MLflow's default `./mlflow.db`, or `./mlruns`, unless `--from` names one) to it.
 * A progress bar on a terminal, one line per run otherwise.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { resolveTarget } from '../config/config';
import type { SyncProgress, SyncSummary } from '../journal/sync';

export const SYNC_USAGE = `Usage: mlflow-autolog sync [--from <local store>] [--to <tracking uri>] [--experiment <id or name>]... [--run <run id>]...

Sends what earlier processes left in the journal for the server, then copies runs (params,
metric histories, tags, datasets, artifacts, status and times, logged models and their
registrations) from a local store to the server. A run already there is skipped; a sync that was
interrupted is finished first. Exit 1 when the server stopped answering (run it again).

  --from        a sqlite:/// URI or a folder (default: ./mlflow.db, or ./mlruns when it holds runs)
  --to          the tracking server (default: MLFLOW_TRACKING_URI)
  --experiment  copy only this experiment of the local store (repeatable)
  --run         copy only this run (repeatable)
`;

/** What the progress display needs: a bar on a terminal, plain lines otherwise. */
interface Progress {
  update(progress: SyncProgress): void;
  stop(): void;
}

function progressDisplay(stream: NodeJS.WriteStream): Progress {
  if (!stream.isTTY) {
    return {
      update: (p) => stream.write(`run ${p.runId}: ${p.outcome} (${p.done}/${p.total})\n`),
      stop: () => undefined,
    };
  }
  // NB: loaded here: only a terminal shows a bar.
  const { SingleBar, Presets } = require('cli-progress') as typeof import('cli-progress');
  const bar = new SingleBar({ format: 'sync [{bar}] {value}/{total} runs | {outcome}', stream, hideCursor: true }, Presets.shades_classic);
  let started = false;
  return {
    update(p) {
      if (!started) bar.start(p.total, 0, { outcome: '' });
      started = true;
      bar.update(p.done, { outcome: `${p.runId.slice(0, 8)} ${p.outcome}` });
    },
    stop: () => started && bar.stop(),
  };
}

function describe(summary: SyncSummary, to: string): string {
  const parts = [`${summary.copied} run(s) copied to ${to}`, `${summary.skipped} already there`];
  if (summary.running) parts.push(`${summary.running} still RUNNING left for later`);
  if (summary.replayed) parts.push(`${summary.replayed} value(s) an earlier process had left sent first`);
  return `${parts.join(', ')}\n`;
}

/** Runs `sync`; resolves to the exit code. */
export async function syncCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      experiment: { type: 'string', multiple: true },
      run: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(SYNC_USAGE);
    return 0;
  }
  // NB: loaded here: the other commands need none of the tracking code.
  const { MlflowClient } = require('../tracking/client') as typeof import('../tracking/client');
  const { syncStore } = require('../journal/sync') as typeof import('../journal/sync');
  const to = new MlflowClient(values.to !== undefined ? { trackingUri: values.to } : {});
  if (!to.hasServer) {
    process.stderr.write(`mlflow-autolog: sync sends runs to a tracking server; ${to.trackingUri} is a local store. Set MLFLOW_TRACKING_URI or pass --to http(s)://….\n`);
    return 2;
  }
  let fromUri = values.from;
  if (fromUri === undefined) {
    const { target, trackingUri } = resolveTarget(undefined);
    const present = target.kind === 'sqlite' ? existsSync(target.path) : target.kind === 'file' && existsSync(target.root);
    if (present) fromUri = trackingUri;
  }
  const from = new MlflowClient({ trackingUri: fromUri ?? 'sqlite:///mlflow.db' });
  const progress = progressDisplay(process.stderr);
  // NB: the background client's sockets and waits never keep a process alive (training must
  // exit on time); here the user waits for the sync, so the process stays until it is done.
  const hold = setInterval(() => undefined, 1 << 30);
  let summary: SyncSummary;
  try {
    summary = await syncStore(from, to, {
      experiments: values.experiment,
      runs: values.run,
      onProgress: (p) => progress.update(p),
      copyRuns: fromUri !== undefined,
    });
  } finally {
    clearInterval(hold);
    progress.stop();
  }
  process.stdout.write(describe(summary, to.trackingUri));
  if (summary.left > 0) {
    process.stderr.write(`mlflow-autolog: the server did not answer; ${summary.left} value(s) stay journaled in ${summary.journal}. Run sync again once it answers.\n`);
    return 1;
  }
  return 0;
}
