/**
 * The contents of one run folder of MLflow's file store: reading a whole run back, appending
 * metric lines, and publishing the small `inputs/`, `outputs/` and `datasets/` records.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { warn } from '../util/logger';
import * as entities from './file-store-entities';
import * as format from './file-store-format';
import * as io from './file-store-io';
import type { YamlValue } from './file-store-yaml';
import type { Metric, Run, RunInfo, Tag } from './types';

/** Where a run lives: its experiment's folder and its own. */
export interface RunLocation {
  experimentDir: string;
  runDir: string;
}

import { RUN_NAME_TAG } from './store-rules';

export { RUN_NAME_TAG };

/** The path of a key's file under a folder (`a/b` keys are nested files, as in MLflow). */
export function keyPath(dir: string, key: string): string {
  return join(dir, ...key.split('/'));
}

/** Parses a metric file, leaving out a last line still being appended (no newline yet). */
export function parseMetricFile(key: string, content: string): Metric[] {
  const lines = content.split('\n');
  lines.pop();
  return lines.filter((l) => l.trim() !== '').map((l) => format.parseMetricLine(key, l));
}

/** Reads a whole run: latest metrics, params, tags, inputs and outputs. */
export async function readRunFolder(location: RunLocation, info: RunInfo): Promise<Run> {
  const { runDir, experimentDir } = location;
  const metricsDir = join(runDir, 'metrics');
  const metrics: Metric[] = [];
  for (const key of await io.walkFiles(metricsDir)) {
    const history = parseMetricFile(key, (await io.readTextIfExists(keyPath(metricsDir, key))) ?? '');
    const latest = history.reduce<Metric | undefined>((a, m) => (!a || format.isLaterMetric(m, a) ? m : a), undefined);
    if (latest) metrics.push(latest);
  }
  const params = await io.readKeyValueFolder(join(runDir, 'params'));
  const tags = await io.readKeyValueFolder(join(runDir, 'tags'));
  const run: Run = {
    info: { ...info },
    data: { metrics, params, tags },
    inputs: { datasetInputs: [], modelInputs: [] },
    outputs: { modelOutputs: [] },
  };
  if (!run.info.runName) run.info.runName = tags.find((t) => t.key === RUN_NAME_TAG)?.value ?? '';
  for (const name of (await io.listSubdirs(join(runDir, 'inputs'))).sort()) {
    const meta = await io.readMeta(join(runDir, 'inputs', name));
    if (meta === undefined) continue;
    const input = entities.inputFromMeta(meta);
    if (input.sourceType === 'MODEL') run.inputs.modelInputs.push({ modelId: input.sourceId });
    if (input.sourceType !== 'DATASET') continue;
    // NB: MLflow skips (with a warning) an input whose dataset record is missing; so do we.
    const datasetMeta = await io.readMeta(join(experimentDir, 'datasets', input.sourceId));
    if (datasetMeta) {
      run.inputs.datasetInputs.push({ dataset: entities.datasetFromMeta(datasetMeta), tags: input.tags });
    }
  }
  for (const name of (await io.listSubdirs(join(runDir, 'outputs'))).sort()) {
    const meta = await io.readMeta(join(runDir, 'outputs', name));
    const output = meta && entities.outputFromMeta(meta);
    if (output?.destinationType === 'MODEL_OUTPUT') {
      run.outputs.modelOutputs.push({ modelId: output.modelId, step: output.step });
    }
  }
  return run;
}

/** Writes (replaces) one run tag atomically. */
export async function writeRunTag(runDir: string, tag: Tag): Promise<void> {
  await io.writeFileAtomic(keyPath(join(runDir, 'tags'), tag.key), tag.value, runDir);
}

/**
 * Appends metric lines, one write of whole lines per key. A metric with a `modelId` also goes to
 * that logged model's metrics (`<ts> <value> <step> <run_id> …`), when this store holds the model.
 */
export async function appendMetricLines(location: RunLocation, runId: string, metrics: Metric[]): Promise<void> {
  const runLines = new Map<string, string[]>();
  const modelLines = new Map<string, { modelId: string; key: string; lines: string[] }>();
  let dropped = 0;
  for (const metric of metrics) {
    const { line, droppedDataset } = format.formatMetricLine(metric);
    if (droppedDataset) dropped++;
    const list = runLines.get(metric.key) ?? [];
    list.push(line);
    runLines.set(metric.key, list);
    if (metric.modelId !== undefined) {
      format.checkPathComponent('model_id', metric.modelId);
      const fields = line.trimEnd().split(' ');
      fields.splice(3, 0, runId);
      const id = JSON.stringify([metric.modelId, metric.key]);
      const entry = modelLines.get(id) ?? { modelId: metric.modelId, key: metric.key, lines: [] };
      entry.lines.push(`${fields.join(' ')}\n`);
      modelLines.set(id, entry);
    }
  }
  if (dropped > 0) {
    warn(`${dropped} metric value(s) name a dataset with whitespace in its name or digest; logged without the dataset`);
  }
  for (const [key, lines] of runLines) await io.appendLines(keyPath(join(location.runDir, 'metrics'), key), lines);
  for (const { modelId, key, lines } of modelLines.values()) {
    const modelDir = join(location.experimentDir, 'models', modelId);
    // NB: only for a logged model this store holds; a metrics folder alone would be a broken model.
    if (await io.exists(join(modelDir, 'meta.yaml'))) {
      await io.appendLines(keyPath(join(modelDir, 'metrics'), key), lines);
    }
  }
}

/**
 * Publishes `<finalDir>/meta.yaml` unless `finalDir` exists: the folder is built under `stageIn`
 * (a run folder, where no reader looks) and renamed into place whole.
 */
export async function publishOnce(stageIn: string, finalDir: string, meta: Record<string, YamlValue>): Promise<void> {
  if (await io.exists(finalDir)) return;
  const stage = join(stageIn, `.stage.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  await mkdir(stage);
  try {
    await io.writeMeta(stage, meta);
    await mkdir(dirname(finalDir), { recursive: true });
    await rename(stage, finalDir);
  } catch (error) {
    const code = io.errorCode(error);
    // NB: another writer published the same folder first; its record has the same content.
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}
