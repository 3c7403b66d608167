/**
 * Helpers shared by the autologging tests: capturing the agent's warnings, naming experiments,
 * and listing the runs of an experiment through the package's own client.
 */
import { randomUUID } from 'node:crypto';
import { getClient } from '../../src/tracking/fluent';
import type { Run } from '../../src/store/types';

/** Lines the agent wrote to stderr (`mlflow-autolog: …`) while `fn` ran. */
export async function collectWarnings<T>(fn: () => Promise<T>): Promise<{ warnings: string[]; result?: T; error?: unknown }> {
  const warnings: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    for (const line of text.split('\n')) if (line.startsWith('mlflow-autolog:')) warnings.push(line);
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;
  try {
    return { warnings, result: await fn() };
  } catch (error) {
    return { warnings, error };
  } finally {
    process.stderr.write = write;
  }
}

/** A fresh experiment name, so that each test counts only its own runs. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** The runs of the experiment called `name` (none when it does not exist). */
export async function runsOf(name: string): Promise<Run[]> {
  const client = getClient();
  const experiment = await client.getExperimentByName(name);
  if (!experiment) return [];
  const { runs } = await client.searchRuns({ experimentIds: [experiment.experimentId], maxResults: 100 });
  return runs;
}

/** The value of a run's tag. */
export function tagOf(run: Run, key: string): string | undefined {
  return run.data.tags.find((t) => t.key === key)?.value;
}
