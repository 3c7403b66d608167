/**
 * The versions manifest of the TensorFlow.js instrumentation: the `@tensorflow/tfjs-layers`
 * versions it patches, and those the test suite runs (test/conformance reads this).
 */
import type { VersionsManifest } from '../../src/autolog/types';

export const TFJS_VERSIONS: VersionsManifest = {
  // NB: tfjs-layers is the one place training lives for @tensorflow/tfjs, tfjs-node and
  // tfjs-node-gpu (node-internals 2.1); its fit/fitDataset/callback API is stable across 3.x and 4.x.
  module: '@tensorflow/tfjs-layers',
  supported: ['>=3.0.0 <5.0.0'],
  tested: ['3.0.0', '3.21.0', '4.0.0', '4.22.0'],
};
