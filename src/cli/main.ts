#!/usr/bin/env node
/**
 * The `mlflow-autolog` command. For now: `config` (show where runs would go, validating the
 * environment) and `--version`; `models serve` and `sync` come later.
 */
import { loadConfig } from '../config/config';
import { MlflowAutologError } from '../errors';
import { PACKAGE_VERSION } from '../version';

const USAGE = `Usage: mlflow-autolog <command>

Commands:
  config      Validate the MLFLOW_* environment and print where runs would go
  --version   Print the version
  --help      Print this help
`;

function main(argv: string[]): number {
  const [command] = argv;
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${PACKAGE_VERSION}\n`);
    return 0;
  }
  if (command === 'config') {
    const config = loadConfig();
    const { auth, ...http } = config.http;
    process.stdout.write(
      `${JSON.stringify({ ...config, target: config.target, http: { ...http, auth: auth.kind } }, null, 2)}\n`,
    );
    return 0;
  }
  process.stdout.write(USAGE);
  return command === undefined || command === '--help' || command === '-h' ? 0 : 2;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof MlflowAutologError) {
    process.stderr.write(`mlflow-autolog: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
