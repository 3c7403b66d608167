/**
 * `config`: validates the MLFLOW_* environment and prints where runs would go. Credentials are
 * masked, the user name too (often an e-mail address, and some servers take a token there), and
 * where they came from is named, so that the user can tell which variable is in use.
 */
import type { Command } from 'commander';
import { loadConfig, type TrackingConfig } from '../../config/config';
import { MASK, redact } from '../../util/logger';

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

export function registerConfig(program: Command): void {
  program
    .command('config')
    .description('validate the MLFLOW_* environment and print where runs would go (credentials masked)')
    .action(() => {
      process.stdout.write(redact(`${JSON.stringify(printable(loadConfig()), null, 2)}\n`));
    });
}
