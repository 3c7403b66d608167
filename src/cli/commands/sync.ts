/**
 * `mlflow-autolog sync [--from <local uri>] [--to <tracking uri>] [--experiment …] [--run …]`:
 * sends what earlier processes left in the journal for the server, then copies the runs of a
 * local store (MLflow's default `./mlflow.db`, or `./mlruns`, unless `--from` names one) to it.
 * A progress bar on a terminal, one line per run otherwise.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { resolveTarget } from '../../config/config';
import type { SyncProgress, SyncSummary } from '../../journal/sync';
import { UsageError } from '../usage';

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

/** The summary lines: what journals left, then (when a local store was copied) the runs. */
function describe(summary: SyncSummary, to: string, copiedRuns: boolean): string {
  const lines: string[] = [];
  if (summary.journals > 0 || !copiedRuns) {
    lines.push(
      summary.journals > 0
        ? `${summary.journals} journal(s) of earlier processes: ${summary.replayed} value(s) sent to ${to}, ${summary.closed} run(s) left open ended KILLED`
        : `0 journal(s): nothing left to send to ${to}`,
    );
  }
  if (copiedRuns) {
    const parts = [`${summary.copied} run(s) copied to ${to}`, `${summary.skipped} already there`];
    if (summary.running) parts.push(`${summary.running} still RUNNING left for later`);
    lines.push(parts.join(', '));
  }
  return `${lines.join('\n')}\n`;
}

interface SyncFlags {
  from?: string;
  to?: string;
  experiment?: string[];
  run?: string[];
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerSync(program: Command): void {
  program
    .command('sync')
    .summary('copy the runs of a local store, and what journals left, to a tracking server')
    .description(
      'send what earlier processes left in the journal to the server, then copy the runs of a local store to it (params, metric ' +
        'histories, tags, datasets, artifacts, status and times, logged models and their registrations); a run already there is ' +
        'skipped, an interrupted sync is finished first; exit 1 when the server stopped answering (run it again)',
    )
    .option('--from <store>', 'a sqlite:/// URI or a folder (default: ./mlflow.db, or ./mlruns when it holds runs)')
    .option('--to <uri>', 'the tracking server (default: MLFLOW_TRACKING_URI)')
    .option('--experiment <id or name>', 'copy only this experiment of the local store (repeatable)', collect)
    .option('--run <run id>', 'copy only this run (repeatable)', collect)
    .action(async (flags: SyncFlags) => {
      process.exitCode = await sync(flags);
    });
}

/** Runs `sync`; resolves to the exit code. */
async function sync(values: SyncFlags): Promise<number> {
  // NB: loaded here: the other commands need none of the tracking code.
  const { MlflowClient } = require('../../tracking/client') as typeof import('../../tracking/client');
  const { syncStore } = require('../../journal/sync') as typeof import('../../journal/sync');
  const to = new MlflowClient(values.to !== undefined ? { trackingUri: values.to } : {});
  if (!to.hasServer) {
    throw new UsageError(`sync sends runs to a tracking server; ${to.trackingUri} is a local store. Set MLFLOW_TRACKING_URI or pass --to http(s)://….`);
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
  process.stdout.write(describe(summary, to.trackingUri, fromUri !== undefined));
  if (summary.left > 0) {
    process.stderr.write(`mlflow-autolog: the server did not answer; ${summary.left} value(s) stay journaled in ${summary.journal}. Run sync again once it answers.\n`);
    return 1;
  }
  return 0;
}
