/**
 * Public configuration of the brain.js integration: the common autolog options, given under
 * `autolog({ brainjs: { … } })` to override the global ones for brain.js only.
 */
import type { IntegrationOptions } from '../../src/autolog/types';

/** brain.js overrides of the autolog options (every field optional; defaults as globally). */
export type BrainjsAutologOptions = IntegrationOptions;

declare module '../../src/autolog/types' {
  interface AutologIntegrationOverrides {
    /** Overrides for brain.js (`NeuralNetwork`, `NeuralNetworkGPU` and the recurrent nets). */
    brainjs?: BrainjsAutologOptions;
  }
}
