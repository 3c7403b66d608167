#!/usr/bin/env node
/**
 * The `mlflow-autolog` command, on commander: each command lives in `commands/<name>.ts` and
 * loads what it needs when it runs, so `--help` stays instant. Exit codes: 0 on success, 1 when
 * the work failed, 2 on bad usage or a bad configuration. Nothing printed shows a credential:
 * every error goes through the logger's `redact`.
 */
import { Command, CommanderError } from 'commander';
import { ConfigError, MlflowAutologError, ValidationError } from '../errors';
import { redact } from '../util/logger';
import { PACKAGE_VERSION } from '../version';
import { registerArtifacts } from './commands/artifacts';
import { registerConfig } from './commands/config';
import { registerModels } from './commands/models';
import { registerRuns } from './commands/runs';
import { registerSync } from './commands/sync';
import { UsageError } from './usage';

function program(): Command {
  const root = new Command('mlflow-autolog')
    .description('Track, sync and serve MLflow models from Node.js')
    .version(PACKAGE_VERSION, '-v, --version', 'print the version')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  registerConfig(root);
  registerSync(root);
  registerModels(root);
  registerRuns(root);
  registerArtifacts(root);
  // NB: subcommands share the root's error handling (usage errors throw, exit 2).
  for (const command of root.commands) command.exitOverride();
  return root;
}

function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) {
    return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
  }
  const message = redact(error instanceof Error ? error.message : String(error));
  if (error instanceof UsageError || error instanceof ConfigError || error instanceof ValidationError) {
    process.stderr.write(`mlflow-autolog: ${message}\n`);
    return 2;
  }
  // NB: the agent's own errors say what to do; anything else is a bug, shown with its stack.
  process.stderr.write(error instanceof MlflowAutologError ? `mlflow-autolog: ${message}\n` : `${redact((error as Error)?.stack ?? String(error))}\n`);
  return 1;
}

/**
 * Runs the command line `argv`; the exit code is left in `process.exitCode`. `extend` adds
 * commands to the root before parsing: a test wires a command group that is not registered here.
 */
export function run(argv: string[], extend?: (root: Command) => void): Promise<void> {
  const root = program();
  extend?.(root);
  return root.parseAsync(argv).then(
    () => undefined,
    (error: unknown) => {
      process.exitCode = exitCodeOf(error);
    },
  );
}

// NB: only as the `mlflow-autolog` bin; imported (by a test's driver), it runs nothing.
if (require.main === module) {
  // NB: the agent's sockets and retry waits never keep a process alive (they serve a host's
  // training): a command, `sync` replaying a journal say, is waited for here until it is over.
  const running = setInterval(() => undefined, 1 << 30);
  void run(process.argv).finally(() => clearInterval(running));
}
