/**
 * The libraries' own test suites that `npm run test:upstream` (scripts/test-upstream.ts) runs
 * without and with the agent: where each was taken from, the runner it uses upstream, and what
 * it gives without the agent on this repository's Node (the count of tests, and the tests that
 * fail or flip between runs there too, each with the reason). Each suite's files are in
 * test/upstream/<package>/vendor, laid out as upstream; its SOURCE.md says which files were taken
 * and the import paths changed to point them at the published package.
 */

/** Where a suite's files come from. */
export type SuiteSource =
  | { kind: 'npm'; note?: string }
  | { kind: 'github'; repo: string; ref: string; commit: string; note?: string };

/** The test runners the suites use upstream (tfjs-layers' Bazel/Karma is replaced by jasmine). */
export type RunnerName = 'jest' | 'vitest' | 'mocha' | 'jasmine';

export interface UpstreamSuite {
  /** The npm package under test; its suite is in test/upstream/<package>/vendor. */
  package: string;
  /** The published version the vendored tests belong to; the installed one must be this. */
  version: string;
  source: SuiteSource;
  runner: RunnerName;
  /**
   * Test files relative to the suite's vendor folder (globs), for the runners given files on the
   * command line (mocha, jasmine); jest and vitest find theirs with their default patterns, as
   * upstream.
   */
  files?: string[];
  /** jasmine only: files loaded before the specs (test environment setup), relative to the vendor folder. */
  helpers?: string[];
  /** Modules the runner preloads, as the upstream command line does (mocha's `--require should`). */
  requires?: string[];
  /**
   * jasmine only: test/upstream/node_modules on NODE_PATH, for published test helpers that
   * require the runner's own modules (tfjs-core's jasmine_util requires jasmine-core).
   */
  runnerOnNodePath?: boolean;
  /** The suite's files use ES module syntax or TypeScript and load through tsx's CommonJS hook. */
  transpile?: boolean;
  /**
   * mocha only: Math.random from a fixed seed in both runs (runners/seeded-random.cjs), for tests
   * that train from random initial weights and pass or fail by luck otherwise.
   */
  seedRandom?: boolean;
  /**
   * Folders under node_modules that jest transforms: published source the tests import by path
   * (a package's `src/`, in ES module syntax), and ES-module-only dependencies, which jest cannot
   * require before Node.js 24.9.
   */
  transformPackages?: string[];
  /** How many tests the suite has. */
  tests: number;
  /** Tests that fail without the agent too, by id (`file > full name`), with the reason. */
  knownFailures?: Record<string, string>;
  /** Tests whose outcome changes from run to run without the agent, left out of the comparison. */
  flaky?: Record<string, string>;
  /** Runs in CI (`--subset`): every runner, within the time budget. */
  subset?: boolean;
}

const BRAINJS_TRAIN_ASYNC =
  'trainAsync() rejects: brain.js 1.6.1 takes thaw.js ^2.0.0, and the thaw.js installed today (2.1.x) no longer has the default export it constructs ("_thaw2.default is not a constructor")';
const BRAINJS_DEEP_EQUAL =
  'assert.deepEqual of a plain object and a Float32Array: equal under the Node.js of 2018, not since Node.js 12';

const TFJS_SECOND_COPY =
  'imports module internals (registries, layer classes, serialization) that the published package has only in its per-file dist/ build, a second copy beside the bundle that require() loads';

// NB: not ml-regression's own suite: it trains only the classes ml-regression defines itself
// (kernel ridge, 2D polynomial, potential regression), which the agent does not instrument; the
// classes it re-exports are covered by their own packages' suites below.
export const UPSTREAM_SUITES: readonly UpstreamSuite[] = [
  {
    package: 'ml-random-forest',
    version: '2.1.0',
    source: { kind: 'github', repo: 'mljs/random-forest', ref: 'v2.1.0', commit: '36384869e267b1dbd9161f0e782eb4bfb86e1c97' },
    runner: 'jest',
    transformPackages: ['ml-random-forest/src'],
    tests: 19,
    subset: true,
  },
  {
    package: 'ml-cart',
    version: '2.1.1',
    source: { kind: 'github', repo: 'mljs/decision-tree-cart', ref: 'v2.1.1', commit: '2cdf50fd0c928c1cfb1564220f05438b59a91266' },
    runner: 'jest',
    transformPackages: ['ml-cart/src'],
    tests: 12,
  },
  {
    package: 'ml-logistic-regression',
    version: '2.0.0',
    source: { kind: 'github', repo: 'mljs/logistic-regression', ref: 'v2.0.0', commit: '4dd18d5d171e76244adc3d5603317757b1bd3403' },
    runner: 'jest',
    transformPackages: ['ml-logistic-regression/src'],
    tests: 3,
  },
  {
    package: 'ml-naivebayes',
    version: '4.0.0',
    source: { kind: 'github', repo: 'mljs/naive-bayes', ref: 'v4.0.0', commit: 'ffe06b79cf2aa4d03c6557f0211bf06b1c1f198a' },
    runner: 'jest',
    transformPackages: ['ml-naivebayes/src'],
    tests: 8,
  },
  {
    package: 'ml-svm',
    version: '2.1.2',
    source: { kind: 'npm', note: 'test/svm.js, the same file as tag v2.1.2 (dbd47e6012e9cb9ed007397678e8f671f4ebf72a) of mljs/svm' },
    runner: 'mocha',
    files: ['test/*.js'],
    requires: ['should'],
    tests: 6,
    subset: true,
  },
  { package: 'ml-knn', version: '3.0.0', source: { kind: 'npm' }, runner: 'jest', tests: 6 },
  { package: 'ml-regression-simple-linear', version: '3.0.1', source: { kind: 'npm' }, runner: 'vitest', tests: 9, subset: true },
  { package: 'ml-regression-polynomial', version: '3.0.2', source: { kind: 'npm' }, runner: 'vitest', tests: 9 },
  { package: 'ml-regression-exponential', version: '3.0.2', source: { kind: 'npm' }, runner: 'jest', transformPackages: ['is-any-array'], tests: 2 },
  { package: 'ml-regression-power', version: '3.0.0', source: { kind: 'npm' }, runner: 'jest', transformPackages: ['is-any-array'], tests: 3 },
  { package: 'ml-regression-theil-sen', version: '3.0.0', source: { kind: 'npm' }, runner: 'jest', transformPackages: ['is-any-array'], tests: 4 },
  { package: 'ml-regression-robust-polynomial', version: '3.0.2', source: { kind: 'npm' }, runner: 'vitest', tests: 3 },
  {
    package: 'ml-regression-multivariate-linear',
    version: '2.0.4',
    source: { kind: 'github', repo: 'mljs/regression-multivariate-linear', ref: 'v2.0.4', commit: '19e56b9c2b753d29cdcbcac52270a3d1e5e97821' },
    runner: 'jest',
    tests: 16,
  },
  {
    package: 'ml-pca',
    version: '4.1.1',
    source: { kind: 'github', repo: 'mljs/pca', ref: 'v4.1.1', commit: '7f4de36a68a91ef484c17848af96282a8eea1d3a' },
    runner: 'jest',
    tests: 30,
  },
  {
    package: 'ml-kmeans',
    version: '7.0.1',
    source: {
      kind: 'github',
      repo: 'mljs/kmeans',
      ref: 'v7.0.0',
      commit: 'a5630f5752e9a945a97160c0cd533ea0450c668f',
      note: "7.0.1's commit is not in the snapshot of the repository available here; its tarball ships src/ but no tests",
    },
    runner: 'vitest',
    tests: 20,
  },
  {
    package: 'brain.js',
    version: '1.6.1',
    source: {
      kind: 'github',
      repo: 'BrainJS/brain.js',
      ref: 'd91a39b4f3d0940467ba4a2bb1ef4629061b06de',
      commit: 'd91a39b4f3d0940467ba4a2bb1ef4629061b06de',
      note: "1.6.1 has no tag: this is the first master commit whose committed dist/ is the 1.6.1 tarball's, file for file",
    },
    runner: 'mocha',
    // NB: upstream's `npm test` (test-base and test-utilities); the recurrent suites are its
    // `test-experimental`.
    files: ['test/base/*.js', 'test/utilities/*.js'],
    transpile: true,
    seedRandom: true,
    tests: 183,
    knownFailures: {
      'test/base/json.js > JSON .toJSON() serialization hidden layers copies weights correctly': BRAINJS_DEEP_EQUAL,
      'test/base/json.js > JSON .toJSON() serialization output layer copies weights correctly': BRAINJS_DEEP_EQUAL,
      'test/base/trainopts.js > train() and trainAsync() use the same private methods .prepTraining()': BRAINJS_TRAIN_ASYNC,
      'test/base/trainopts.js > train() and trainAsync() use the same private methods .updateTrainingOptions()': BRAINJS_TRAIN_ASYNC,
      'test/base/trainopts.js > train() and trainAsync() use the same private methods .formatData()': BRAINJS_TRAIN_ASYNC,
      'test/base/trainopts.js > train() and trainAsync() use the same private methods .verifyIsInitialized()': BRAINJS_TRAIN_ASYNC,
      'test/base/trainopts.js > train() and trainAsync() use the same private methods .trainingTick()': BRAINJS_TRAIN_ASYNC,
      'test/base/trainopts.js > train() options momentum - higher momentum should train faster':
        'compares the iterations of two randomly initialised networks: fails with the seeded Math.random, and in about 8 of 10 unseeded runs',
    },
    subset: true,
  },
  {
    package: 'natural',
    version: '8.1.1',
    source: { kind: 'github', repo: 'NaturalNode/natural', ref: 'v8.1.1', commit: '69c59f91963045abea5b718430af07f24f01dfb0' },
    runner: 'jasmine',
    files: ['spec/*_spec.ts'],
    transpile: true,
    tests: 838,
    subset: true,
  },
  {
    package: '@tensorflow/tfjs-layers',
    version: '4.22.0',
    source: {
      kind: 'github',
      repo: 'tensorflow/tfjs',
      ref: 'tfjs-v4.22.0',
      commit: 'e5d5e9371ed1fd0a4df6d7cd0b947d2a820cefd7',
      note: `the training and callback tests of tfjs-layers/src, run by jasmine in Node.js on the CPU backend instead of Karma in browsers; not base_callbacks_test, models_test, model_save_test: each ${TFJS_SECOND_COPY}`,
    },
    runner: 'jasmine',
    helpers: ['src/setup_tests.ts'],
    files: ['src/callbacks_test.ts', 'src/engine/training_test.ts', 'src/engine/training_dataset_test.ts', 'src/engine/training_weighted_test.ts'],
    transpile: true,
    runnerOnNodePath: true,
    tests: 211,
  },
];
