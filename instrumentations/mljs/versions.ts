/**
 * The versions manifests of the ml.js instrumentation, one per npm package of the family (each
 * package is its own module in the shared hooks, with its own version). ml-regression re-exports
 * its classes from the `ml-regression-*` packages through getters that read those packages'
 * exports, so the classes are patched there, where `require('ml-regression')` sees them too.
 */
import type { VersionsManifest } from '../../src/autolog/types';

function manifest(module: string, supported: string, ...tested: string[]): VersionsManifest {
  return { module, supported: [supported], tested };
}

/** The main module (the conformance suite's): ml-random-forest. */
export const MLJS_VERSIONS: VersionsManifest = manifest('ml-random-forest', '>=2.0.0 <3.0.0', '2.0.3', '2.1.0');

/** The family's other packages. */
export const MLJS_EXTRA_MODULES: readonly VersionsManifest[] = [
  manifest('ml-cart', '>=2.0.0 <3.0.0', '2.0.2', '2.1.1'),
  manifest('ml-logistic-regression', '>=2.0.0 <3.0.0', '2.0.0'),
  manifest('ml-naivebayes', '>=4.0.0 <5.0.0', '4.0.0'),
  manifest('ml-svm', '>=2.0.0 <3.0.0', '2.0.1', '2.1.2'),
  manifest('ml-knn', '>=3.0.0 <4.0.0', '3.0.0'),
  manifest('ml-regression-simple-linear', '>=3.0.0 <4.0.0', '3.0.1'),
  manifest('ml-regression-polynomial', '>=3.0.0 <4.0.0', '3.0.2'),
  manifest('ml-regression-exponential', '>=3.0.0 <4.0.0', '3.0.2'),
  manifest('ml-regression-power', '>=3.0.0 <4.0.0', '3.0.0'),
  manifest('ml-regression-theil-sen', '>=3.0.0 <4.0.0', '3.0.0'),
  manifest('ml-regression-robust-polynomial', '>=3.0.0 <4.0.0', '3.0.2'),
  manifest('ml-regression-multivariate-linear', '>=2.0.0 <3.0.0', '2.0.4'),
  manifest('ml-pca', '>=4.0.0 <5.0.0', '4.0.2', '4.1.1'),
  manifest('ml-kmeans', '>=7.0.0 <8.0.0', '7.0.1'),
];
