/**
 * `models serve` and `models predict`: a `js_function` model behind MLflow's scoring protocol, as
 * `mlflow models serve` and `mlflow models predict` do for pyfunc models, with their option names
 * (`mlflow/models/cli.py`). Each action loads its own file when it runs (`models-serve.ts`,
 * `models-predict.ts`), so `--help` loads nothing of the serving code.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { MlflowAutologError } from '../../errors';
import type { JsFunctionModel } from '../../models/js-function';
import { registerBuildDocker } from './models-build-docker';

/** `--env-manager`: run in this installation, or in one made from the model's package.json. */
export type EnvManager = 'local' | 'npm';

/** What `models serve` and `models predict` share. */
export interface ModelFlags {
  modelUri: string;
  envManager: EnvManager;
  allowCode?: boolean;
  /** Predict through this flavor instead of js_function's loader (`onnx`: onnxruntime-node). */
  flavor?: 'onnx';
}

export interface ServeFlags extends ModelFlags {
  port: number;
  host: string;
  workers: number;
  timeout: number;
  maxBodyBytes: number;
}

export interface PredictFlags extends ModelFlags {
  inputPath: string;
  outputPath?: string;
  contentType: 'json' | 'csv';
}

const MIB = 1024 * 1024;
/** Largest request body by default: a batch of a few hundred thousand rows of JSON. */
export const DEFAULT_MAX_BODY_BYTES = 64 * MIB;

function integer(min: number, max: number, what: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`${what} must be a whole number from ${min} to ${max}.`);
    return n;
  };
}

function seconds(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(value) || n <= 0) throw new InvalidArgumentError('the timeout is a number of seconds above 0.');
  return n;
}

/** MLflow's default request timeout: MLFLOW_SCORING_SERVER_REQUEST_TIMEOUT, else 60 s. */
function defaultTimeout(): number {
  const raw = process.env.MLFLOW_SCORING_SERVER_REQUEST_TIMEOUT;
  if (raw === undefined || raw.trim() === '') return 60;
  try {
    return seconds(raw);
  } catch {
    return 60;
  }
}

const modelOption = () => new Option('-m, --model-uri <uri>', 'the model: a folder, file:, runs:/, models:/ or mlflow-artifacts:/ URI').makeOptionMandatory();
const envManagerOption = () =>
  new Option('--env-manager <manager>', "local: this installation's packages; npm: install the model's package.json into a cached environment first")
    .choices(['local', 'npm'])
    .default('local');
const flavorOption = () => new Option('--flavor <flavor>', "predict through this flavor instead of js_function's loader: onnx runs model.onnx with onnxruntime-node").choices(['onnx']);
/** The command-line form of the flags every model command forwards (to workers, to the model's environment). */
export const modelFlagArgs = (flags: ModelFlags): string[] => [...(flags.allowCode ? ['--allow-code'] : []), ...(flags.flavor ? ['--flavor', flags.flavor] : [])];
const allowCodeOption = () => new Option('--allow-code', 'load a model that carries code (a custom model): that code runs (or set MLFLOW_AUTOLOG_ALLOW_CODE=true)');

/** Loads the model of a command; a refusal to run the model's code says how to allow it here. */
export async function loadCommandModel(flags: ModelFlags): Promise<JsFunctionModel> {
  const { loadModel } = require('../../models/model-api') as typeof import('../../models/model-api');
  try {
    return await loadModel(flags.modelUri, { ...(flags.allowCode ? { allowCode: true } : {}), ...(flags.flavor ? { flavor: flags.flavor } : {}) });
  } catch (error) {
    if (error instanceof MlflowAutologError && error.message.includes('MLFLOW_AUTOLOG_ALLOW_CODE')) {
      throw new MlflowAutologError(`${error.message} On this command line: add --allow-code.`, { cause: error });
    }
    throw error;
  }
}

export function registerModels(program: Command): void {
  const models = program.command('models').description('serve a model over HTTP, predict with it or package it as a Docker context, as `mlflow models` does');

  models
    .command('serve')
    .summary("serve a model with MLflow's scoring protocol (/ping, /health, /version, POST /invocations)")
    .description(
      "serve a model with MLflow's scoring protocol: GET /ping, /health and /version; POST /invocations with a JSON body holding " +
        'one of dataframe_split, dataframe_records, instances or inputs (and optional params), or a CSV body; answers ' +
        '{"predictions": …}. Stops on SIGTERM or SIGINT once the requests in flight are answered.',
    )
    // NB: -h is the host, as in `mlflow models serve`; help is --help only.
    .helpOption('--help', 'display help for command')
    .addOption(modelOption())
    .option('-p, --port <port>', 'the port to listen on (0: any free port)', integer(0, 65535, 'the port'), 5000)
    .option('-h, --host <host>', 'the address to listen on (0.0.0.0: every interface)', '127.0.0.1')
    .option('-w, --workers <n>', 'processes serving the model (Node cluster), each loading it', integer(1, 256, 'the number of workers'), 1)
    .option('-t, --timeout <seconds>', 'answer 504 to a request whose prediction takes longer (MLFLOW_SCORING_SERVER_REQUEST_TIMEOUT sets the default)', seconds, defaultTimeout())
    .option('--max-body-bytes <bytes>', 'answer 413 to a larger request body', integer(1024, 1024 * MIB, 'the body limit'), DEFAULT_MAX_BODY_BYTES)
    .addOption(envManagerOption())
    .addOption(allowCodeOption())
    .addOption(flavorOption())
    .action(async (flags: ServeFlags) => {
      const { serve } = require('./models-serve') as typeof import('./models-serve');
      process.exitCode = await serve(flags);
    });

  models
    .command('predict')
    .summary('predict with a model for a JSON or CSV input, printing {"predictions": …}')
    .description(
      'predict with a model for the input file (or stdin with -), in the scoring protocol\'s formats: JSON holding one of dataframe_split, ' +
        'dataframe_records, instances or inputs (and optional params), or CSV; writes {"predictions": …} to the output file or stdout',
    )
    .addOption(modelOption())
    .option('-i, --input-path <file>', 'the input file, - for stdin', '-')
    .option('-o, --output-path <file>', 'where to write the predictions (default: stdout)')
    .addOption(new Option('-t, --content-type <type>', 'the input format').choices(['json', 'csv']).default('json'))
    .addOption(envManagerOption())
    .addOption(allowCodeOption())
    .addOption(flavorOption())
    .action(async (flags: PredictFlags) => {
      const { predict } = require('./models-predict') as typeof import('./models-predict');
      process.exitCode = await predict(flags);
    });

  registerBuildDocker(models);
}
