#!/usr/bin/env node
/**
 * The `mlflow-autolog` command: `config` (show where runs would go, validating the environment),
 * `sync` (finish what earlier processes left in the journal, copy a local store's runs to a server) and `--version`. Nothing it prints
 * shows a credential: `config` masks the user name, the password and the token (it says only
 * where they came from), and every error goes through the logger's `redact`.
 */
import { loadConfig, type TrackingConfig } from '../config/config';
import { MlflowAutologError } from '../errors';
import { MASK, redact } from '../util/logger';
import { PACKAGE_VERSION } from '../version';
import { syncCommand } from './sync-command';

const USAGE = `Usage: mlflow-autolog <command>

Commands:
  config      Validate the MLFLOW_* environment and print where runs would go
  sync        Send what earlier processes left in the journal to the tracking server, then copy
              the runs of a local store to it (mlflow-autolog sync --help)
  --version   Print the version
  --help      Print this help
`;

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
  if (command === 'sync') return syncCommand(argv.slice(1));
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
