/**
 * Public configuration of the ml.js integration: the common autolog options, given under
 * `autolog({ mljs: { … } })` to override the global ones for the ml.js family only.
 */
import type { IntegrationOptions } from '../../src/autolog/types';

/** ml.js overrides of the autolog options (every field optional; defaults as globally). */
export type MljsAutologOptions = IntegrationOptions;

declare module '../../src/autolog/types' {
  interface AutologIntegrationOverrides {
    /** Overrides for the ml.js family (ml-random-forest, ml-cart, ml-knn, ml-regression, ml-kmeans …). */
    mljs?: MljsAutologOptions;
  }
}
