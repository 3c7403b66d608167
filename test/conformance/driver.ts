/**
 * What the conformance suite needs from each instrumentation: a tiny, deterministic training job
 * and a way to read its result. A new library plugs in with one driver in `drivers/` and one line
 * in `drivers/index.ts`; every test in `conformance.test.ts` then runs over it.
 */
import type { Instrumentation } from '../../src/autolog/types';

export interface ConformanceDriver {
  /** The instrumentation under test (as registered by the package). */
  readonly instrumentation: Instrumentation;
  /** Loads the library the way an application would (through `require`). */
  load(): void;
  /**
   * Builds a fresh model and trains it; resolves to a JSON-comparable fingerprint of the result
   * (trained weights and training history) that must not depend on the agent.
   */
  train(): Promise<unknown>;
  /** Trains with a user hook (callback) that throws `error`; resolves to what training rejected with. */
  trainThrowing(error: Error): Promise<unknown>;
  /** A training call the library itself rejects (bad input shape); resolves to the rejection. */
  trainWithBadInput(): Promise<unknown>;
  /** True when the library's training entry points are wrapped by the agent. */
  isPatched(): boolean;
  /** The metric keys (one per epoch) a finished run of {@link train} must hold. */
  readonly epochMetrics: readonly string[];
  /** The number of epochs {@link train} runs. */
  readonly epochs: number;
}
