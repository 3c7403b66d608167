/**
 * The versions manifest of the brain.js instrumentation: the `brain.js` versions it patches, and
 * those the test suite runs (test/conformance and test/integration read this).
 */
import type { VersionsManifest } from '../../src/autolog/types';

export const BRAINJS_VERSIONS: VersionsManifest = {
  // NB: `latest` is 1.6.1; 2.x exists only as prereleases (node-internals 3.1). Both keep
  // `train(data, options)` → `{error, iterations}` with a periodic `callback`, and
  // `toJSON`/`fromJSON`. Left out (test/integration/version-matrix.test.ts found them):
  // - 1.0.x: `train` keeps no `trainOpts` (added in 1.1.0), so the training options could not
  //   be logged, and `learningRate` would be the network's, not the one training used;
  // - 2.0.0 alphas: 2.0.0-alpha.2 does not load under Node (CommonJS in a "type": "module" package);
  // - 2.0.0-beta.3: its exports nest everything under `brain` (`require('brain.js').brain.NeuralNetwork`),
  //   where nothing would be patched.
  module: 'brain.js',
  supported: ['>=1.1.0 <2.0.0-0', '>=2.0.0-beta.1 <2.0.0-beta.3', '>=2.0.0-beta.4 <3.0.0-0'],
  tested: ['1.1.2', '1.6.1', '2.0.0-beta.1', '2.0.0-beta.24'],
};
