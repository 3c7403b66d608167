/**
 * Helpers shared by the autologging tests: capturing the agent's warnings, naming experiments,
 * listing the runs of an experiment through the package's own client, and waiting for the runs
 * of synchronous training calls (which autologging ends in the background).
 */
import { randomUUID } from 'node:crypto';
import { flush, getClient } from '../../src/tracking/fluent';
import type { Run } from '../../src/store/types';
import type { MlflowClient } from '../../src/tracking/client';

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

/** Runs synchronous training and, whatever happened, waits for the run autologging ends in the background. */
export async function settle<T>(train: () => T): Promise<T> {
  try {
    return train();
  } finally {
    await flush();
  }
}

/** The error synchronous training throws, once its run has ended; fails when training succeeds. */
export async function thrown(train: () => unknown): Promise<unknown> {
  try {
    await settle(train);
  } catch (error) {
    return error;
  }
  throw new Error('training was expected to fail but succeeded');
}

/**
 * The run's final logged model (autologging names it `model`) among its outputs, which also hold
 * its checkpoints (`checkpoint`); `client` reads the logged models (the configured one by default).
 */
export async function finalModelId(outputs: readonly string[], client: MlflowClient = getClient()): Promise<string> {
  const named = await Promise.all(outputs.map(async (id) => ({ id, name: (await client.getLoggedModel(id)).info.name })));
  const finals = named.filter((m) => m.name !== 'checkpoint');
  if (finals.length !== 1) throw new Error(`expected one final model among the outputs, got ${JSON.stringify(named)}`);
  return finals[0]!.id;
}

/**
 * How many checkpoints the defaults log for a metric history (`checkpointSaveBestOnly` on
 * `val_loss`, mode min): one per epoch whose value beats every earlier one.
 */
export function improvements(history: readonly { step: number; value: number | string }[] | undefined): number {
  let best = Infinity;
  let count = 0;
  for (const point of [...(history ?? [])].sort((a, b) => a.step - b.step)) {
    const value = Number(point.value);
    if (value < best) {
      best = value;
      count++;
    }
  }
  return count;
}
