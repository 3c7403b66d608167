/** Small artifact helpers for instrumentations: explicit run ids, temporary files cleaned up. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { getClient } from '../tracking/fluent';

/** Saves `text` as the artifact `artifactFile` (e.g. `model_summary.txt`) of run `runId`. */
export async function logTextArtifact(runId: string, text: string, artifactFile: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'mlflow-autolog-'));
  try {
    const file = join(dir, basename(artifactFile));
    await writeFile(file, text);
    const parent = dirname(artifactFile);
    await getClient().logArtifact(runId, file, parent === '.' ? undefined : parent);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
