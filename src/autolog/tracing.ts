/**
 * OpenTelemetry spans around training calls and the agent's upload work, through
 * `@opentelemetry/api` only: with no SDK registered they are no-ops (~20 ns), with one they
 * carry `mlflow.run_id` so traces can be joined to runs.
 */
import { context, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import { PACKAGE_VERSION } from '../version';

export const ATTR_RUN_ID = 'mlflow.run_id';
export const ATTR_INTEGRATION = 'mlflow.autolog.integration';

function tracer() {
  return trace.getTracer('mlflow-autolog', PACKAGE_VERSION);
}

/**
 * Runs `fn` in a new active span and ends the span when `fn` settles. The span records an error
 * status when `fn` rejects; the rejection itself passes through untouched.
 */
export async function inSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
  const span = tracer().startSpan(name, { attributes });
  try {
    return await context.with(trace.setSpan(context.active(), span), () => fn(span));
  } catch (error) {
    if (span.isRecording()) span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
}
