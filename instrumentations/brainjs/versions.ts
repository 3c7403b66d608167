/**
 * The versions manifest of the brain.js instrumentation: the `brain.js` versions it patches, and
 * those the test suite runs (test/conformance and test/integration read this).
 */
import type { VersionsManifest } from '../../src/autolog/types';

export const BRAINJS_VERSIONS: VersionsManifest = {
  // NB: `latest` is 1.6.1; 2.x exists only as prereleases (node-internals 3.1). Both keep
  // `train(data, options)` → `{error, iterations}` with a periodic `callback`, and
  // `toJSON`/`fromJSON`.
  module: 'brain.js',
  supported: ['>=1.0.0 <3.0.0'],
  tested: ['1.6.1', '2.0.0-beta.24'],
};
