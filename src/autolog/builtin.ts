/**
 * The instrumentations that ship with this package: the one place that names libraries, like
 * OpenTelemetry's `getNodeAutoInstrumentations()`. A new library is one more line here.
 */
import { brainjsInstrumentation } from '../../instrumentations/brainjs/instrumentation';
import { mljsInstrumentation } from '../../instrumentations/mljs/instrumentation';
import { naturalInstrumentation } from '../../instrumentations/natural/instrumentation';
import { tfjsInstrumentation } from '../../instrumentations/tfjs/instrumentation';
import { registerInstrumentation } from './engine';
import { autologState } from './state';
import type { Instrumentation } from './types';

export const BUILTIN_INSTRUMENTATIONS: readonly Instrumentation[] = [
  tfjsInstrumentation as Instrumentation,
  brainjsInstrumentation as Instrumentation,
  naturalInstrumentation as Instrumentation,
  mljsInstrumentation as Instrumentation,
];

/** Registers the built-in instrumentations; a name already registered (by another copy of this package) is kept. */
export function registerBuiltins(): void {
  for (const instrumentation of BUILTIN_INSTRUMENTATIONS) {
    if (!autologState.instrumentations.has(instrumentation.name)) registerInstrumentation(instrumentation);
  }
}
