/**
 * The agent's one voice. Warnings go to stderr prefixed `mlflow-autolog:` unless silenced; when
 * `MLFLOW_AUTOLOG_TESTING=true` agent errors are thrown instead of warned, so tests see them.
 */
import { inspect } from 'node:util';

const state = globalThis as typeof globalThis & { [key: symbol]: { silent: boolean } | undefined };
const KEY = Symbol.for('mlflow-autolog.logger');
const settings = (state[KEY] ??= { silent: false });

/** Silences (or restores) the agent's warnings. */
export function setSilent(silent: boolean): void {
  settings.silent = silent;
}

export function warn(message: string, error?: unknown): void {
  if (settings.silent) return;
  const detail = error === undefined ? '' : `: ${error instanceof Error ? error.message : inspect(error)}`;
  process.stderr.write(`mlflow-autolog: ${message}${detail}\n`);
}

/** True when agent errors must be thrown rather than warned (`MLFLOW_AUTOLOG_TESTING=true`). */
export function isTestingMode(): boolean {
  return /^(true|1)$/i.test(process.env.MLFLOW_AUTOLOG_TESTING ?? '');
}

/** Reports an error inside the agent: a warning, or a throw in testing mode. */
export function reportAgentError(context: string, error: unknown): void {
  if (isTestingMode()) throw error;
  warn(context, error);
}
