/**
 * The versions manifest of the natural instrumentation: the `natural` versions it patches, and
 * those the test suite runs (test/conformance reads this).
 */
import type { VersionsManifest } from '../../src/autolog/types';

export const NATURAL_VERSIONS: VersionsManifest = {
  // NB: the classifiers' addDocument / train / classify / restore and their JSON have kept their
  // shape across 6.x–8.x (node-internals 3.3 describes 8.1.1).
  module: 'natural',
  supported: ['>=6.0.0 <9.0.0'],
  tested: ['6.0.1', '6.12.0', '7.0.7', '7.1.0', '8.0.1', '8.1.1'],
};
