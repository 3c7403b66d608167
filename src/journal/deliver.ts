/**
 * Sends what a journal stages on disk: artifact files and saved model folders. Loaded only when
 * such a record is sent (the model format is not needed before).
 */
import type { MlflowClient } from '../tracking/client';
import type { ArtifactRecord, ModelRecord } from './records';

/**
 * Uploads an artifact (a PUT: sending it twice leaves one file) or logs a staged model (see
 * `deliverStagedModel`; `lookup`: an earlier attempt may have created its logged model or version).
 */
export async function deliverFiles(client: MlflowClient, record: ArtifactRecord | ModelRecord, runId: string, options: { lookup: boolean } = { lookup: true }): Promise<void> {
  if (record.t === 'artifact') {
    await client.logArtifact(runId, record.file, record.path);
    return;
  }
  const { deliverStagedModel } = require('../models/log-model') as typeof import('../models/log-model');
  if (record.files) {
    const { writeModelFiles } = require('../models/save-model') as typeof import('../models/save-model');
    const binary = Object.entries(record.base64Files ?? {}).map(([name, text]) => [name, Buffer.from(text, 'base64')] as const);
    await writeModelFiles({ ...record.files, ...Object.fromEntries(binary) }, record.dir);
  }
  await deliverStagedModel(client, runId, record, options);
}
