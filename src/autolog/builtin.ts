/**
 * The instrumentations that ship with this package: the one place that names libraries, like
 * OpenTelemetry's `getNodeAutoInstrumentations()`. A new library is one more entry here.
 *
 * NB: a preload registers each by its name and the names of the modules it watches only: its
 * versions manifest (instrumentations/<lib>/versions.ts) loads when the hooks first see one of
 * its modules, its code when that module is patched. Until then a preload costs no
 * instrumentation file; afterwards, only that library's.
 */
import type { VersionsManifest } from './types';
import { registerInstrumentation } from './engine';
import { autologState } from './state';
import type { Instrumentation } from './types';

/** A built-in instrumentation as the preload knows it. */
interface Builtin {
  name: string;
  /** The modules it watches: `versions.module`, then each of `extraModules` (a test checks they agree). */
  modules: readonly string[];
  manifests: () => { versions: VersionsManifest; extraModules?: readonly VersionsManifest[] };
  code: () => Instrumentation;
}

const BUILTINS: readonly Builtin[] = [
  {
    name: 'tfjs',
    modules: ['@tensorflow/tfjs-layers'],
    manifests: () => ({ versions: (require('../../instrumentations/tfjs/versions') as typeof import('../../instrumentations/tfjs/versions')).TFJS_VERSIONS }),
    code: () => (require('../../instrumentations/tfjs/instrumentation') as typeof import('../../instrumentations/tfjs/instrumentation')).tfjsInstrumentation as Instrumentation,
  },
  {
    name: 'brainjs',
    modules: ['brain.js'],
    manifests: () => ({ versions: (require('../../instrumentations/brainjs/versions') as typeof import('../../instrumentations/brainjs/versions')).BRAINJS_VERSIONS }),
    code: () => (require('../../instrumentations/brainjs/instrumentation') as typeof import('../../instrumentations/brainjs/instrumentation')).brainjsInstrumentation as Instrumentation,
  },
  {
    name: 'natural',
    modules: ['natural'],
    manifests: () => ({ versions: (require('../../instrumentations/natural/versions') as typeof import('../../instrumentations/natural/versions')).NATURAL_VERSIONS }),
    code: () => (require('../../instrumentations/natural/instrumentation') as typeof import('../../instrumentations/natural/instrumentation')).naturalInstrumentation as Instrumentation,
  },
  {
    name: 'mljs',
    modules: [
      'ml-random-forest',
      'ml-cart',
      'ml-logistic-regression',
      'ml-naivebayes',
      'ml-svm',
      'ml-knn',
      'ml-regression-simple-linear',
      'ml-regression-polynomial',
      'ml-regression-exponential',
      'ml-regression-power',
      'ml-regression-theil-sen',
      'ml-regression-robust-polynomial',
      'ml-regression-multivariate-linear',
      'ml-pca',
      'ml-kmeans',
    ],
    manifests: () => {
      const { MLJS_VERSIONS, MLJS_EXTRA_MODULES } = require('../../instrumentations/mljs/versions') as typeof import('../../instrumentations/mljs/versions');
      return { versions: MLJS_VERSIONS, extraModules: MLJS_EXTRA_MODULES };
    },
    code: () => (require('../../instrumentations/mljs/instrumentation') as typeof import('../../instrumentations/mljs/instrumentation')).mljsInstrumentation as Instrumentation,
  },
];

/**
 * The instrumentation of a built-in: what the engine asks of it loads on first use. It carries
 * `modules` (read by the engine's `modulesOf`) so that watching its modules loads nothing.
 */
function lazy(builtin: Builtin): Instrumentation & { readonly modules: readonly string[] } {
  let manifests: ReturnType<Builtin['manifests']> | undefined;
  let code: Instrumentation | undefined;
  const manifest = () => (manifests ??= builtin.manifests());
  const instrumentation = () => (code ??= builtin.code());
  return {
    name: builtin.name,
    modules: builtin.modules,
    get versions() {
      return manifest().versions;
    },
    get extraModules() {
      return manifest().extraModules;
    },
    get faultPoints() {
      return instrumentation().faultPoints;
    },
    patch: (moduleExports, version, baseDir, module) => instrumentation().patch(moduleExports, version, baseDir, module),
    unpatch: (moduleExports, module) => instrumentation().unpatch(moduleExports, module),
  };
}

export const BUILTIN_INSTRUMENTATIONS: readonly Instrumentation[] = BUILTINS.map(lazy);

/** Registers the built-in instrumentations; a name already registered (by another copy of this package) is kept. */
export function registerBuiltins(): void {
  for (const instrumentation of BUILTIN_INSTRUMENTATIONS) {
    if (!autologState.instrumentations.has(instrumentation.name)) registerInstrumentation(instrumentation);
  }
}
