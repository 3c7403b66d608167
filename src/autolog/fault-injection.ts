/**
 * Test-only fault injection: forces an agent error at a named hook point, so the conformance
 * suite can check that an error inside the agent never changes what training does. Set in
 * process with {@link __setFaultInjection}, or for a child process with
 * `MLFLOW_AUTOLOG_FAULT_INJECTION=<point>` (or `<integration>:<point>`).
 */
import { MlflowAutologError } from '../errors';

/** Points every integration passes through (the instrumentation adds its own). */
export const CORE_FAULT_POINTS = ['session-start', 'before-original', 'after-original', 'session-end'] as const;

/** The error a forced fault throws. */
export class InjectedFault extends MlflowAutologError {
  constructor(readonly point: string) {
    super(`injected fault at ${point}`);
  }
}

const KEY = Symbol.for('mlflow-autolog.fault-injection');
const holder = globalThis as typeof globalThis & { [KEY]?: { point?: string } };
const settings = (holder[KEY] ??= {});

/**
 * @internal Forces an agent error at `point` (`<point>` or `<integration>:<point>`) from now on;
 * `undefined` turns it off.
 */
export function __setFaultInjection(point: string | undefined): void {
  settings.point = point;
}

/**
 * The child-process switch, read once. NB: not at each check: checks run inside training loops
 * (brain.js's callback, every few iterations), where reading `process.env` was most of their cost.
 */
const fromEnv = process.env.MLFLOW_AUTOLOG_FAULT_INJECTION || undefined;

/** Throws {@link InjectedFault} when a fault is injected at `point` of `integration`. */
export function checkFault(integration: string, point: string): void {
  const wanted = settings.point ?? fromEnv;
  if (!wanted) return;
  if (wanted === point || wanted === `${integration}:${point}`) throw new InjectedFault(point);
}
