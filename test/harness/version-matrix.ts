/**
 * The version matrix: for every major in each instrumentation's supported range, its lowest and
 * highest minor (latest patch), each trained by test/fixtures/version-matrix/train.js with the
 * agent preloaded, in a project folder whose node_modules is the install holding that version:
 * a folder of test/fixtures/versions/ (scripts/install-version-matrix.sh), test/fixtures/brainjs-2
 * (scripts/install-brainjs-2.sh) or the repository's own node_modules. The test suite runs the
 * subset whose installs are marked `"versionMatrix": {"ci": true}` (and the repository's and
 * brainjs-2); MLFLOW_TEST_VERSION_MATRIX=full runs all of it (npm run test:version-matrix).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runNode, type NodeResult } from './node';
import { REPO_ROOT } from './python';

/** Where a version is installed: a folder of test/fixtures/versions/, brainjs-2, or the repository. */
export type Install = 'major1-lowest' | 'major1-highest' | 'major2-lowest' | 'major2-highest' | 'major3-lowest' | 'outside-range' | 'brainjs-2' | 'repository';

export type Library = 'tfjs' | 'brainjs' | 'natural' | 'mljs';

/** One training process of the matrix. */
export interface MatrixCase {
  library: Library;
  install: Install;
  /** The packages the case trains with and their versions: what train.js must report it loaded. */
  versions: Record<string, string>;
}

/** Every ml.js package the instrumentation covers, at the versions the repository installs (each one's highest minor). */
const MLJS_HIGHEST: Record<string, string> = {
  'ml-random-forest': '2.1.0',
  'ml-cart': '2.1.1',
  'ml-logistic-regression': '2.0.0',
  'ml-naivebayes': '4.0.0',
  'ml-svm': '2.1.2',
  'ml-knn': '3.0.0',
  'ml-regression-simple-linear': '3.0.1',
  'ml-regression-polynomial': '3.0.2',
  'ml-regression-exponential': '3.0.2',
  'ml-regression-power': '3.0.0',
  'ml-regression-theil-sen': '3.0.0',
  'ml-regression-robust-polynomial': '3.0.2',
  'ml-regression-multivariate-linear': '2.0.4',
  'ml-pca': '4.1.1',
  'ml-kmeans': '7.0.1',
};

/**
 * The ml.js packages whose lowest minor differs from their highest; the others have one minor in
 * their supported major, which the repository installs.
 */
const MLJS_LOWEST: Record<string, string> = {
  'ml-random-forest': '2.0.3',
  'ml-cart': '2.0.2',
  'ml-svm': '2.0.1',
  'ml-pca': '4.0.2',
};

const tfjs = (version: string, install: Install): MatrixCase => ({
  library: 'tfjs',
  install,
  versions: { '@tensorflow/tfjs': version, '@tensorflow/tfjs-layers': version },
});
const brainjs = (version: string, install: Install): MatrixCase => ({ library: 'brainjs', install, versions: { 'brain.js': version } });
const natural = (version: string, install: Install): MatrixCase => ({ library: 'natural', install, versions: { natural: version } });

export const MATRIX: readonly MatrixCase[] = [
  tfjs('3.0.0', 'major1-lowest'),
  tfjs('3.21.0', 'major1-highest'),
  tfjs('4.0.0', 'major2-lowest'),
  tfjs('4.22.0', 'repository'),
  brainjs('1.1.2', 'major1-lowest'),
  brainjs('1.6.1', 'repository'),
  brainjs('2.0.0-beta.1', 'major2-lowest'),
  brainjs('2.0.0-beta.24', 'brainjs-2'),
  natural('6.0.1', 'major1-lowest'),
  natural('6.12.0', 'major1-highest'),
  natural('7.0.7', 'major2-lowest'),
  natural('7.1.0', 'major2-highest'),
  natural('8.0.1', 'major3-lowest'),
  natural('8.1.1', 'repository'),
  { library: 'mljs', install: 'major1-lowest', versions: MLJS_LOWEST },
  { library: 'mljs', install: 'repository', versions: MLJS_HIGHEST },
];

/** A version outside its supported range: the agent must leave it alone with one warning. */
export const OUTSIDE_RANGE: MatrixCase = { library: 'mljs', install: 'outside-range', versions: { 'ml-regression-polynomial': '4.0.0' } };

/** Every version of `module` in the matrix, in matrix order. */
export function matrixVersions(module: string): string[] {
  return [...new Set(MATRIX.flatMap((c) => (c.versions[module] ? [c.versions[module]] : [])))];
}

/** True under MLFLOW_TEST_VERSION_MATRIX=full: every case runs, not only the CI subset. */
export const FULL_MATRIX = process.env.MLFLOW_TEST_VERSION_MATRIX === 'full';

function installDir(install: Install): string {
  if (install === 'repository') return REPO_ROOT;
  if (install === 'brainjs-2') return join(REPO_ROOT, 'test', 'fixtures', 'brainjs-2');
  return join(REPO_ROOT, 'test', 'fixtures', 'versions', install);
}

/** Whether the test suite's default run installs and runs `install` (the full matrix runs every one). */
export function inCiSubset(install: Install): boolean {
  if (install === 'repository' || install === 'brainjs-2') return true;
  const manifest = JSON.parse(readFileSync(join(installDir(install), 'package.json'), 'utf8')) as { versionMatrix?: { ci?: boolean } };
  return manifest.versionMatrix?.ci === true;
}

/**
 * Application folders, one per install: a temporary folder whose node_modules links to the
 * install's, so that nothing above it (the repository's node_modules) can be resolved instead.
 */
export class Projects {
  private readonly dirs = new Map<Install, string>();

  dir(install: Install): string {
    let dir = this.dirs.get(install);
    if (!dir) {
      const modules = join(installDir(install), 'node_modules');
      if (!existsSync(modules)) {
        throw new Error(`${modules} is missing: run ${FULL_MATRIX ? 'MLFLOW_TEST_VERSION_MATRIX=full ' : ''}bash scripts/install-version-matrix.sh (npm test does)`);
      }
      dir = mkdtempSync(join(tmpdir(), `version-matrix-${install}-`));
      symlinkSync(modules, join(dir, 'node_modules'), 'dir');
      this.dirs.set(install, dir);
    }
    return dir;
  }

  removeAll(): void {
    for (const dir of this.dirs.values()) rmSync(dir, { recursive: true, force: true });
    this.dirs.clear();
  }
}

const TRAIN = join(REPO_ROOT, 'test', 'fixtures', 'version-matrix', 'train.js');
const PREDICT = join(REPO_ROOT, 'test', 'fixtures', 'version-matrix', 'predict.js');
const REGISTER = join(REPO_ROOT, 'dist', 'src', 'register.js');

/** What train.js printed: the versions it loaded and each model's rows and predictions. */
export interface Trained {
  versions: Record<string, string>;
  models: { name: string; rows: unknown[]; predictions: unknown[] }[];
}

/** Runs train.js for the case in its project, with the built agent preloaded unless `preload` is false. */
export function train(projects: Projects, c: MatrixCase, env: NodeJS.ProcessEnv, preload = true): Promise<NodeResult> {
  const packages = c.library === 'mljs' ? Object.keys(c.versions) : [];
  return runNode([...(preload ? ['--require', REGISTER] : []), TRAIN, c.library, ...packages], env, projects.dir(c.install));
}

/** Runs predict.js in the case's project: each model loaded by URI, predicting its rows. */
export function predict(projects: Projects, c: MatrixCase, models: { uri: string; rows: unknown[] }[], env: NodeJS.ProcessEnv): Promise<NodeResult> {
  return runNode([PREDICT, JSON.stringify(models)], env, projects.dir(c.install));
}
