/**
 * `models serve`: loads the model and serves it (`src/serving/server.ts`) in this process, or in
 * `--workers` cluster workers, or re-runs itself in the model's npm environment. Prints
 * `Listening at: <url>` on stderr once it takes requests; on SIGTERM or SIGINT it stops taking
 * connections, answers the requests in flight and exits 0.
 */
import type { ScoringServer } from '../../serving/server';
import { PACKAGE_VERSION } from '../../version';
import { loadCommandModel, modelFlagArgs, type ServeFlags } from './models';

/** The options of `flags` as arguments, all but the model and the env manager. */
function optionArgs(flags: ServeFlags): string[] {
  return [
    '-p', String(flags.port), '-h', flags.host, '-w', String(flags.workers), '-t', String(flags.timeout),
    '--max-body-bytes', String(flags.maxBodyBytes), ...modelFlagArgs(flags),
  ];
}

/** Resolves on the first SIGTERM or SIGINT (or, in a worker, when the primary is gone); later ones are ignored. */
function stopRequested(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (why: string) => () => resolve(why);
    // NB: `on`, not `once`: a second signal (a terminal's SIGINT, then the primary's SIGTERM) must not kill the process mid-answer.
    process.on('SIGTERM', stop('SIGTERM'));
    process.on('SIGINT', stop('SIGINT'));
    process.on('disconnect', stop('the primary process went away'));
  });
}

const say = (line: string) => process.stderr.write(`mlflow-autolog: ${line}\n`);

export async function serve(flags: ServeFlags): Promise<number> {
  const { isClusterWorker, leaveCluster, runPrimary } = require('../../serving/cluster') as typeof import('../../serving/cluster');
  if (flags.envManager === 'npm') {
    const { runInModelEnvironment } = require('./models-env') as typeof import('./models-env');
    return runInModelEnvironment('serve', flags.modelUri, optionArgs(flags));
  }
  if (flags.workers > 1 && !isClusterWorker()) {
    // NB: the model is downloaded once, here, and every worker loads the local copy.
    const { localModelDir } = require('./models-env') as typeof import('./models-env');
    const modelDir = await localModelDir(flags.modelUri);
    return runPrimary({
      workers: flags.workers,
      args: ['models', 'serve', '-m', modelDir, '--env-manager', 'local', ...optionArgs(flags)],
      onListening: (url) => process.stderr.write(`Listening at: ${url} (${flags.workers} workers, pid ${process.pid})\n`),
      log: say,
      // NB: as long as a worker's own grace (see below), and a little more.
      graceMs: flags.timeout * 1000 + 10_000,
    });
  }
  const { Scorer } = require('../../serving/scorer') as typeof import('../../serving/scorer');
  const { startServer } = require('../../serving/server') as typeof import('../../serving/server');
  const stop = stopRequested();
  const timeoutMs = flags.timeout * 1000;
  let server: ScoringServer;
  try {
    const model = await loadCommandModel(flags);
    server = await startServer(new Scorer(model, { timeoutMs }), { host: flags.host, port: flags.port, maxBodyBytes: flags.maxBodyBytes, version: PACKAGE_VERSION });
  } catch (error) {
    // NB: a worker's channel to the primary would keep it alive: let go, so that it exits with the error.
    leaveCluster();
    throw error;
  }
  if (!isClusterWorker()) process.stderr.write(`Listening at: ${server.url} (pid ${process.pid})\n`);
  const why = await stop;
  if (!isClusterWorker()) say(`${why}: finishing ${server.inFlight} request(s) in flight, then stopping`);
  // NB: a request in flight is answered within the timeout (504 at worst); a little more for the answer to go out.
  await server.close(timeoutMs + 5000);
  leaveCluster();
  return 0;
}
