/**
 * Public configuration of the TensorFlow.js integration: the common autolog options, given under
 * `autolog({ tfjs: { … } })` to override the global ones for TensorFlow.js only.
 */
import type { IntegrationOptions } from '../../src/autolog/types';

/** TensorFlow.js overrides of the autolog options (every field optional; defaults as globally). */
export type TfjsAutologOptions = IntegrationOptions;

declare module '../../src/autolog/types' {
  interface AutologIntegrationOverrides {
    /** Overrides for TensorFlow.js (`@tensorflow/tfjs`, `tfjs-node`, `tfjs-node-gpu`). */
    tfjs?: TfjsAutologOptions;
  }
}
