#!/usr/bin/env node
/**
 * The `mlflow-autolog` command: `config` (show where runs would go, validating the environment),
 * `sync` (send what earlier processes left in the journal) and `--version`. Nothing it prints
 * shows a credential: `config` masks the user name, the password and the token (it says only
 * where they came from), and every error goes through the logger's `redact`.
 */
import { parseArgs } from 'node:util';
import { loadConfig, type TrackingConfig } from '../config/config';
import { MlflowAutologError } from '../errors';
import { MASK, redact } from '../util/logger';
import { PACKAGE_VERSION } from '../version';

const USAGE = `Usage: mlflow-autolog <command>

Commands:
  config      Validate the MLFLOW_* environment and print where runs would go
  sync        Send what earlier processes left in the journal to the tracking server
              [--to <tracking uri>] (default: MLFLOW_TRACKING_URI); exit 1 if some is left
  --version   Print the version
  --help      Print this help
`;

async function sync(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { to: { type: 'string' } }, allowPositionals: false });
  // NB: loaded here: the other commands need none of the tracking code.
  const { MlflowClient } = require('../tracking/client') as typeof import('../tracking/client');
  const { replayAll } = require('../journal/replay') as typeof import('../journal/replay');
  const client = new MlflowClient(values.to !== undefined ? { trackingUri: values.to } : {});
  if (!client.hasServer) {
    process.stderr.write(`mlflow-autolog: ${client.trackingUri} is a local store; it keeps no journal, so there is nothing to sync.\n`);
    return 0;
  }
  const resolve = async (record: { experimentId?: string; experimentName?: string }) =>
    record.experimentId ?? (record.experimentName !== undefined ? client.getOrCreateExperimentId(record.experimentName) : (client.config.experimentId ?? '0'));
  const summary = await replayAll(client, resolve);
  process.stdout.write(
    `${summary.journals} journal(s): ${summary.sent} value(s) sent to ${client.trackingUri}, ${summary.closed} run(s) left open ended KILLED, ${summary.left} value(s) still journaled\n`,
  );
  if (summary.left > 0) {
    process.stderr.write(`mlflow-autolog: the server did not answer; ${summary.left} value(s) stay in ${summary.paths.join(', ')}. Run sync again once it does.\n`);
    return 1;
  }
  return 0;
}

/**
 * The configuration as `config` prints it: credentials masked, the user name too (it is an
 * account name, but often an e-mail address, and some servers take a token there), and where
 * they came from named, so that the user can tell which variable is in use.
 */
function printable(config: TrackingConfig): unknown {
  const { auth, authSource, ...http } = config.http;
  const shown =
    auth.kind === 'basic'
      ? { kind: 'basic', from: authSource, username: MASK, password: MASK }
      : auth.kind === 'bearer'
        ? { kind: 'bearer', from: authSource, token: MASK }
        : { kind: 'none' };
  return { ...config, http: { ...http, auth: shown } };
}

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (command === 'sync') return sync(argv.slice(1));
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${PACKAGE_VERSION}\n`);
    return 0;
  }
  if (command === 'config') {
    process.stdout.write(redact(`${JSON.stringify(printable(loadConfig()), null, 2)}\n`));
    return 0;
  }
  process.stdout.write(USAGE);
  return command === undefined || command === '--help' || command === '-h' ? 0 : 2;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    if (error instanceof MlflowAutologError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`mlflow-autolog: ${redact((error as Error).message)}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`${redact((error as Error).stack ?? String(error))}\n`);
      process.exitCode = 1;
    }
  },
);
