/**
 * Public configuration of the natural integration: the common autolog options, given under
 * `autolog({ natural: { … } })` to override the global ones for natural only.
 */
import type { IntegrationOptions } from '../../src/autolog/types';

/** natural overrides of the autolog options (every field optional; defaults as globally). */
export type NaturalAutologOptions = IntegrationOptions;

declare module '../../src/autolog/types' {
  interface AutologIntegrationOverrides {
    /** Overrides for natural (`BayesClassifier`, `LogisticRegressionClassifier`). */
    natural?: NaturalAutologOptions;
  }
}
