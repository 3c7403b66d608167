/**
 * `--env-manager npm`: the model's recorded package.json (and this package) are installed into a
 * cached environment by `src/serving/env-manager.ts`, and the same command runs again there, with
 * `--env-manager local`, as a child process: stdio inherited, SIGTERM and SIGINT forwarded, its
 * exit code passed through. MLflow does the same with `--env-manager virtualenv|conda`.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

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
  // NB: loaded here: only --env-manager npm needs npm, the environment key and their progress display.
  const { prepareModelEnvironment } = require('../../serving/env-manager') as typeof import('../../serving/env-manager');
  const { environmentProgress } = require('../../serving/progress') as typeof import('../../serving/progress');
  const progress = environmentProgress(process.stderr);
  let environment: { cliPath: string; envDir: string };
  try {
    environment = await prepareModelEnvironment(modelDir, { onProgress: (line) => progress.onProgress(line) });
  } finally {
    progress.stop();
  }
  // NB: the environment is the working folder: flavors and the code gate resolve libraries from it first.
  const child = spawn(process.execPath, [environment.cliPath, 'models', command, '-m', modelDir, '--env-manager', 'local', ...args], {
    stdio: 'inherit',
    cwd: environment.envDir,
  });
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
