/**
 * `mlflow-autolog models build-docker -m <model uri> [-n <image>] [-d <dir>] [--no-build]`: an
 * image that serves the model with `mlflow-autolog models serve` on port 8080, as MLflow's
 * `mlflow models build-docker` makes one for a Python model (`mlflow/models/cli.py`). The build
 * context is written first (`src/serving/docker.ts`), then `docker build` runs on it; with
 * `--no-build` only the context is written (MLflow's `generate-dockerfile`).
 *
 * The `models` command group lives elsewhere: this file only adds its subcommand to it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { MlflowAutologError } from '../../errors';
import { openStore, TRACKING_URI_FLAGS, TRACKING_URI_HELP } from '../store';
import { UsageError } from '../usage';

/** The image name when `-n` is not given (MLflow's is `mlflow-pyfunc-servable`). */
const DEFAULT_IMAGE = 'mlflow-autolog-servable';
/** Where `--no-build` writes the context without `-d`: MLflow's `generate-dockerfile` default. */
const DEFAULT_CONTEXT_DIR = 'mlflow-dockerfile';

interface BuildDockerFlags {
  modelUri: string;
  name: string;
  outputDirectory?: string;
  build: boolean;
  baseImage?: string;
  installFrom?: string;
  trackingUri?: string;
}

/** Adds `build-docker` to the `models` command group. */
export function registerBuildDocker(models: Command): void {
  models
    .command('build-docker')
    .summary('build a Docker image that serves a model on port 8080')
    .description(
      `write a Docker build context (a Dockerfile on a Node image, the model in /opt/ml/model, its recorded package.json) whose image ` +
        `runs \`mlflow-autolog models serve\` on port 8080, as \`mlflow models build-docker\` does for Python models, and build it with docker. ` +
        `Serve it with: docker run -p 5001:8080 <image>`,
    )
    .requiredOption('-m, --model-uri <uri>', 'the model: a local path, file:, runs:/, models:/ or mlflow-artifacts:/ URI')
    .option('-n, --name <image>', 'the name of the image', DEFAULT_IMAGE)
    .option('-d, --output-directory <dir>', `where to write the build context, an empty or new folder (default: a temporary one, removed after the build; ./${DEFAULT_CONTEXT_DIR} with --no-build)`)
    .option('--no-build', 'write the build context only, do not run docker build (as `mlflow models generate-dockerfile`)')
    .option('--base-image <image>', 'the Node image to build on (default: node:<major>-slim, the Node major version the model was saved with)')
    .option('--install-from <tarball>', 'install mlflow-autolog from this `npm pack` tarball rather than the registry (as MLflow\'s --mlflow-home)')
    .option(TRACKING_URI_FLAGS, TRACKING_URI_HELP)
    .action(async (flags: BuildDockerFlags) => {
      await buildDocker(flags);
    });
}

async function buildDocker(flags: BuildDockerFlags): Promise<void> {
  // NB: loaded here: `--help` needs none of this.
  const { checkImageName, writeDockerContext } = require('../../serving/docker') as typeof import('../../serving/docker');
  const image = checkImageName(flags.name);
  if (flags.installFrom !== undefined && !existsSync(flags.installFrom)) {
    throw new UsageError(`--install-from ${flags.installFrom}: no such file; make one with \`npm pack\` in the mlflow-autolog checkout.`);
  }
  const modelDir = await localModel(flags.modelUri, flags.trackingUri);
  const temporary = flags.outputDirectory === undefined && flags.build;
  const outputDir = temporary ? mkdtempSync(join(tmpdir(), 'mlflow-autolog-docker-')) : resolve(flags.outputDirectory ?? DEFAULT_CONTEXT_DIR);
  try {
    await writeDockerContext({ modelDir, outputDir, baseImage: flags.baseImage, installFrom: flags.installFrom, modelUri: flags.modelUri });
  } catch (error) {
    if (temporary) rmSync(outputDir, { recursive: true, force: true });
    throw error;
  }
  if (!flags.build) {
    process.stderr.write(`Wrote the build context of ${flags.modelUri}; build it with: docker build -t ${image} ${outputDir}\n`);
    process.stdout.write(`${outputDir}\n`);
    return;
  }
  await dockerBuild(image, outputDir);
  if (temporary) rmSync(outputDir, { recursive: true, force: true });
  process.stderr.write(`Built ${image}; serve the model with: docker run -p 5001:8080 ${image}\n`);
  process.stdout.write(`${image}\n`);
}

/** The model's local folder: a path as it is, anything else downloaded from the tracking store. */
async function localModel(uri: string, trackingUri: string | undefined): Promise<string> {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase();
  if (scheme === undefined || scheme.length === 1 || scheme === 'file') {
    const path = scheme === 'file' ? (uri.startsWith('file://') ? fileURLToPath(uri) : resolve(uri.slice(5))) : resolve(uri);
    if (!existsSync(path)) throw new MlflowAutologError(`There is no model at ${path}; check --model-uri.`);
    return path;
  }
  if (!['runs', 'models', 'mlflow-artifacts'].includes(scheme)) {
    throw new UsageError(`Cannot read the model URI "${uri}": use a local path, file:, runs:/<run_id>/<path>, models:/<name>/<version>, models:/<name>@<alias>, models:/<model_id> or mlflow-artifacts:/….`);
  }
  const { resolveModelUri } = require('../../models/model-uri') as typeof import('../../models/model-uri');
  return resolveModelUri(uri, openStore(trackingUri));
}

/** Runs `docker build -t <image> <dir>`, its output on this process's stderr. */
function dockerBuild(image: string, dir: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    // NB: docker's own output (progress, errors) goes to stderr: stdout holds only the image name.
    const child = spawn('docker', ['build', '-t', image, dir], { stdio: ['ignore', process.stderr, process.stderr] });
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        new MlflowAutologError(
          error.code === 'ENOENT'
            ? `docker is not installed here (or not on PATH). The build context is in ${dir}; build it where Docker runs with: docker build -t ${image} ${dir}`
            : `docker build could not start (${error.message}). The build context is in ${dir}.`,
        ),
      );
    });
    child.on('exit', (code, signal) => {
      if (code === 0) resolvePromise();
      else reject(new MlflowAutologError(`docker build failed (${signal ?? `exit ${code}`}); its output is above. The build context is in ${dir}; fix the cause and run: docker build -t ${image} ${dir}`));
    });
  });
}
