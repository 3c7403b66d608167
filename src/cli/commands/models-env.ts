/**
 * `--env-manager npm`: the model's recorded package.json (and this package) are installed into a
 * cached environment by `src/serving/env-manager.ts`, and the same command runs again there, with
 * `--env-manager local`, as a child process: stdio inherited, SIGTERM and SIGINT forwarded, its
 * exit code passed through. MLflow does the same with `--env-manager virtualenv|conda`.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { MlflowAutologError } from '../../errors';

/** What `src/serving/env-manager.ts` exports. */
interface EnvManagerModule {
  prepareModelEnvironment(modelDir: string, options?: { onProgress?(line: string): void }): Promise<{ cliPath: string; envDir: string }>;
}

// NB: through a variable, so that the build does not need the module: it is loaded only for --env-manager npm.
const ENV_MANAGER_MODULE = '../../serving/env-manager';

function loadEnvManager(): EnvManagerModule {
  try {
    return require(ENV_MANAGER_MODULE) as EnvManagerModule;
  } catch (error) {
    if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND' || !String((error as Error).message).includes('env-manager')) throw error;
    throw new MlflowAutologError('--env-manager npm is not available in this build of mlflow-autolog (no serving/env-manager module); use --env-manager local.', {
      cause: error,
    });
  }
}

/** The local folder of a model URI (downloaded into the cache when it is remote). */
export async function localModelDir(uri: string): Promise<string> {
  const { downloadModel } = require('../../models/model-api') as typeof import('../../models/model-api');
  return downloadModel(uri);
}

/**
 * Prepares the model's environment and runs `mlflow-autolog models <command> -m <modelDir>
 * --env-manager local <args>` in it; resolves to its exit code.
 */
export async function runInModelEnvironment(command: 'serve' | 'predict', modelUri: string, args: string[]): Promise<number> {
  const modelDir = await localModelDir(modelUri);
  const { cliPath } = await loadEnvManager().prepareModelEnvironment(modelDir, {
    onProgress: (line) => process.stderr.write(`${line}\n`),
  });
  const child = spawn(process.execPath, [cliPath, 'models', command, '-m', modelDir, '--env-manager', 'local', ...args], { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  const onTerm = forward('SIGTERM');
  const onInt = forward('SIGINT');
  process.on('SIGTERM', onTerm);
  process.on('SIGINT', onInt);
  try {
    return await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1)));
    });
  } finally {
    process.off('SIGTERM', onTerm);
    process.off('SIGINT', onInt);
  }
}
