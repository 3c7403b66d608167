/**
 * A Docker build context that serves a model with `mlflow-autolog models serve`, the Node
 * counterpart of what `mlflow models build-docker` writes (`mlflow/models/docker_utils.py`,
 * `mlflow/pyfunc/backend.py`): the model copied to `/opt/ml/model`, its recorded dependencies
 * installed, the server on port 8080.
 *
 * The model is input like any other: its `package.json` is not copied but rewritten with its
 * registry dependencies only (a `scripts` entry would run at `npm install`, a `file:` or git
 * dependency would fetch code the pins do not describe), and a symbolic link that leaves the model
 * folder is refused (it would copy a file of this machine into the image).
 */
import { copyFile, mkdir, readdir, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import semver from 'semver';
import { ValidationError } from '../errors';
import { DEPENDENCY_FILE_NAME } from '../models/dependencies';
import { JS_FUNCTION, ModelSpec } from '../models/mlmodel';
import { readModelJson } from '../models/model-files';
import { isInside } from '../util/paths';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version';

/** Where MLflow's images keep the model (`mlflow/models/container/__init__.py` MODEL_PATH). */
export const MODEL_PATH = '/opt/ml/model';
/** The port MLflow's images serve on (`DEFAULT_NGINX_SERVER_PORT`, SageMaker's). */
export const SERVING_PORT = 8080;
/** The context folder the model is copied to, as MLflow names it (`_MODEL_DIR_NAME`). */
export const MODEL_DIR_NAME = 'model_dir';
/** Where the dependencies are installed: MLflow's image's WORKDIR. */
const INSTALL_DIR = '/opt/mlflow';
const TARBALL_NAME = 'mlflow-autolog.tgz';

const PACKAGE_NAME_PATTERN = /^(@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/;
const IMAGE_PATTERN = /^[a-z0-9][a-z0-9._/:@-]*$/i;

export interface DockerContextOptions {
  /** The model's local folder (a remote model is downloaded first). */
  modelDir: string;
  /** The folder the context is written to; created if missing, and it must be empty. */
  outputDir: string;
  /** @default `node:<major>-slim`, the Node major version the model was saved with (its `engines.node`) */
  baseImage?: string;
  /**
   * An `npm pack` tarball of mlflow-autolog to install in place of the registry's, as MLflow's
   * `--mlflow-home` installs MLflow from a checkout. @default the version the model pins
   */
  installFrom?: string;
  /** Shown in the Dockerfile's header: where the model came from. @default the model folder */
  modelUri?: string;
}

export interface DockerContext {
  dockerfile: string;
  baseImage: string;
  /** What the image's `npm install` installs: the model's recorded pins. */
  dependencies: Record<string, string>;
  /** The command the image runs. */
  entrypoint: string[];
}

/** The pins of the model's recorded package.json, checked to be plain registry versions. */
interface RecordedManifest {
  dependencies: Record<string, string>;
  /** `engines.node` as recorded (a semver range), and the major version it starts at. */
  node?: { range: string; major: string };
}

/** Writes `Dockerfile`, `package.json` and `model_dir/` (and the tarball, if any) into `outputDir`. */
export async function writeDockerContext(options: DockerContextOptions): Promise<DockerContext> {
  const modelDir = resolve(options.modelDir);
  const outputDir = resolve(options.outputDir);
  const spec = await ModelSpec.load(modelDir);
  const jsFunction = spec.jsFunction;
  if (!jsFunction) {
    throw new ValidationError(
      `The model at ${modelDir} has no ${JS_FUNCTION} flavor, so mlflow-autolog cannot serve it (flavors: ${Object.keys(spec.flavors).join(', ') || 'none'}). ` +
        'Save it with mlflow-autolog, or build a Python model\'s image with `mlflow models build-docker`.',
    );
  }
  const recorded = await readManifest(modelDir, jsFunction.env ?? DEPENDENCY_FILE_NAME);
  const baseImage = options.baseImage ?? `node:${recorded.node?.major ?? process.versions.node.split('.')[0]}-slim`;
  if (!IMAGE_PATTERN.test(baseImage)) throw new ValidationError(`"${baseImage}" is not a Docker image name (such as node:20-slim).`);

  const dependencies = { ...recorded.dependencies };
  // NB: a model saved elsewhere may not pin the server; it is the one package the image must have.
  dependencies[PACKAGE_NAME] ??= PACKAGE_VERSION;
  if (options.installFrom !== undefined) dependencies[PACKAGE_NAME] = `file:${TARBALL_NAME}`;

  const entrypoint = ['tini', '--', PACKAGE_NAME, 'models', 'serve', '-m', MODEL_PATH, '-h', '0.0.0.0', '-p', String(SERVING_PORT)];
  const dockerfile = dockerfileText({
    baseImage,
    entrypoint,
    tarball: options.installFrom !== undefined,
    source: options.modelUri ?? modelDir,
  });
  const manifest = {
    name: 'mlflow-model-server',
    private: true,
    description: `The dependencies of the model served at ${MODEL_PATH}, as it recorded them.`,
    dependencies,
    ...(recorded.node ? { engines: { node: recorded.node.range } } : {}),
  };

  const created = await prepareOutput(outputDir, modelDir);
  try {
    await copyModel(modelDir, join(outputDir, MODEL_DIR_NAME));
    if (options.installFrom !== undefined) await copyFile(resolve(options.installFrom), join(outputDir, TARBALL_NAME));
    await writeFile(join(outputDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await writeFile(join(outputDir, 'Dockerfile'), dockerfile);
  } catch (error) {
    // NB: half a context would build into a broken image; leave the folder as it was found.
    if (created) await rm(outputDir, { recursive: true, force: true });
    else for (const name of [MODEL_DIR_NAME, TARBALL_NAME, 'package.json', 'Dockerfile']) await rm(join(outputDir, name), { recursive: true, force: true });
    throw error;
  }
  return { dockerfile, baseImage, dependencies, entrypoint };
}

/**
 * The Dockerfile, in the order of MLflow's template (`_DOCKERFILE_TEMPLATE`): base image, system
 * packages, WORKDIR /opt/mlflow, the server's install, the model and its dependencies, the
 * SageMaker permissions, the entrypoint. The dependencies come before the model so that a new
 * model with the same pins reuses the install layer.
 */
function dockerfileText(parts: { baseImage: string; entrypoint: string[]; tarball: boolean; source: string }): string {
  return [
    `# Build an image that serves an MLflow model with ${PACKAGE_NAME} (as \`mlflow models build-docker\` does for Python models).`,
    `# Generated by ${PACKAGE_NAME} ${PACKAGE_VERSION} from ${oneLine(parts.source)}.`,
    `FROM ${parts.baseImage}`,
    '',
    '# tini runs as PID 1: it passes `docker stop`\'s SIGTERM on to Node and reaps child processes',
    'RUN apt-get -y update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*',
    '',
    `WORKDIR ${INSTALL_DIR}`,
    '',
    '# Install the model\'s dependencies, pinned as its package.json recorded them, and the server',
    `COPY package.json ${INSTALL_DIR}/package.json`,
    ...(parts.tarball ? [`COPY ${TARBALL_NAME} ${INSTALL_DIR}/${TARBALL_NAME}`] : []),
    'RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force',
    `ENV PATH="${INSTALL_DIR}/node_modules/.bin:$PATH"`,
    'ENV NODE_ENV=production',
    '',
    '# Copy the model to the image',
    `COPY ${MODEL_DIR_NAME} ${MODEL_PATH}`,
    '',
    '# granting read/write access and conditional execution authority to all child directories',
    '# and files to allow for deployment to AWS Sagemaker Serverless Endpoints',
    '# (see https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html)',
    `RUN chmod o+rwX ${INSTALL_DIR}/`,
    '',
    'USER node',
    `EXPOSE ${SERVING_PORT}`,
    `ENTRYPOINT ${JSON.stringify(parts.entrypoint)}`,
    '',
  ].join('\n');
}

/** The recorded package.json's dependencies and Node version, refusing anything but registry pins. */
async function readManifest(modelDir: string, file: string): Promise<RecordedManifest> {
  const field = `the MLmodel field flavors.${JS_FUNCTION}.env`;
  if (!existsSync(join(modelDir, file))) {
    throw new ValidationError(`The model at ${modelDir} has no ${file} (${field}): it does not say which packages it needs. Save it again with mlflow-autolog.`);
  }
  const manifest = await readModelJson<{ dependencies?: unknown; engines?: { node?: unknown } }>(modelDir, file, field);
  const dependencies: Record<string, string> = {};
  const raw = manifest.dependencies ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ValidationError(`The dependencies in ${file} of the model at ${modelDir} are not an object of package names and versions.`);
  for (const [name, version] of Object.entries(raw)) {
    if (!PACKAGE_NAME_PATTERN.test(name) || typeof version !== 'string' || semver.validRange(version) === null) {
      throw new ValidationError(
        `The model at ${modelDir} depends on ${JSON.stringify(name)} at ${JSON.stringify(version)}: an image installs registry packages at pinned versions only ` +
          '(no URLs, paths or git dependencies). Fix its package.json, or save the model again.',
      );
    }
    dependencies[name] = version;
  }
  const range = manifest.engines?.node;
  const major = typeof range === 'string' && semver.validRange(range) !== null ? semver.minVersion(range)?.major : undefined;
  return { dependencies, node: major === undefined ? undefined : { range: range as string, major: String(major) } };
}

/** Makes the output folder or checks that it is empty; never the model folder or inside it. Resolves to true when it made it. */
async function prepareOutput(outputDir: string, modelDir: string): Promise<boolean> {
  if (isInside(modelDir, outputDir)) throw new ValidationError(`The output folder ${outputDir} is inside the model folder ${modelDir}; choose another.`);
  if (!existsSync(outputDir)) {
    await mkdir(outputDir, { recursive: true });
    return true;
  }
  const present = await readdir(outputDir);
  if (present.length > 0) {
    throw new ValidationError(`The output folder ${outputDir} is not empty (${present.slice(0, 3).join(', ')}${present.length > 3 ? ', …' : ''}); give an empty or new folder.`);
  }
  return false;
}

/**
 * Copies the model's files, following symbolic links that stay inside the model (a link out of
 * it is refused). `node_modules` at the model's root is left out: the image installs its own,
 * for its own platform.
 */
async function copyModel(modelDir: string, target: string): Promise<void> {
  const realRoot = await realpath(modelDir);
  const walk = async (from: string, to: string, above: string[]): Promise<void> => {
    // NB: a link to a folder above it would otherwise be copied forever.
    const real = await realpath(from);
    if (above.includes(real)) throw new ValidationError(`Refusing to copy the model: ${relative(modelDir, from)} is a link to a folder that contains it (a cycle).`);
    await mkdir(to, { recursive: true });
    for (const entry of await readdir(from, { withFileTypes: true })) {
      const source = join(from, entry.name);
      if (from === modelDir && entry.name === 'node_modules') continue;
      let isDir = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        const real = await realpath(source).catch(() => undefined);
        if (real === undefined || !isInside(realRoot, real)) {
          throw new ValidationError(
            `Refusing to copy the model: ${relative(modelDir, source)} is a symbolic link to ${real ?? 'nothing'}, outside the model folder ${modelDir}.`,
          );
        }
        isDir = (await stat(real)).isDirectory();
      }
      if (isDir) await walk(source, join(to, entry.name), [...above, real]);
      else if (entry.isFile() || entry.isSymbolicLink()) await copyFile(source, join(to, entry.name));
    }
  };
  await walk(modelDir, target, []);
}

/** A value for a Dockerfile comment: one line. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

/** The image name as `docker build -t` takes it, or a clear error. */
export function checkImageName(name: string): string {
  if (!IMAGE_PATTERN.test(name) || name.length > 255) {
    throw new ValidationError(`"${name}" is not a Docker image name: use lowercase letters, digits and . _ - / : (for example my-model:1).`);
  }
  return name;
}
