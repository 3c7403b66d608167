/**
 * The child process an exiting process starts to write its queue into a local store
 * (exit-write.ts): `node replay-file.js <tracking URI> <journal file>` replays the file and prints
 * the replay's summary as JSON.
 */
import { MlflowClient } from '../tracking/client';
import { journaledExperiment, replayFile } from './replay';

async function main(): Promise<void> {
  const [trackingUri, path] = process.argv.slice(2);
  const client = new MlflowClient({ trackingUri });
  const summary = await replayFile(client, path!, journaledExperiment(client));
  process.stdout.write(JSON.stringify(summary));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`mlflow-autolog: writing the queue into the store at exit failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
