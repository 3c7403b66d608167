/**
 * Azurite's Blob service (the Azure Storage emulator, an npm devDependency) on a free loopback
 * port, in memory, with one container; stopped by its process id. Its well-known development
 * account signs requests; `connectionString` names the emulator's BlobEndpoint, which both MLflow's
 * Python client and mlflow-autolog then call instead of <account>.blob.core.windows.net.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './mlflow-server';
import { killGroup, waitFor } from './moto';
import { notInUnitTier, REPO_ROOT } from './python';

/** Azurite's well-known development account (public, documented by Microsoft). */
export const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface AzuriteServer {
  /** `http://127.0.0.1:<port>/devstoreaccount1` */
  blobEndpoint: string;
  container: string;
  connectionString: string;
  /** AZURE_STORAGE_CONNECTION_STRING for a client of this emulator. */
  env: Record<string, string>;
  /** The wasbs:// URI of `path` in the container, as MLflow writes it (the account's public host name). */
  wasbsUri(path: string): string;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

export async function startAzurite(options: { container?: string; timeoutMs?: number } = {}): Promise<AzuriteServer> {
  notInUnitTier('Azurite');
  const container = options.container ?? 'mlflow';
  const port = await freePort();
  const blobEndpoint = `http://127.0.0.1:${port}/${DEV_ACCOUNT}`;
  const dir = mkdtempSync(join(tmpdir(), 'azurite-'));
  const args = [
    join(REPO_ROOT, 'node_modules', 'azurite', 'dist', 'src', 'blob', 'main.js'),
    '--silent',
    '--inMemoryPersistence',
    '--extentMemoryLimit', '512',
    '--blobHost', '127.0.0.1',
    '--blobPort', String(port),
    // NB: the SDKs (Node's and Python's) may be newer than the API versions this Azurite knows.
    '--skipApiVersionCheck',
  ];
  const child = spawn(process.execPath, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-10_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const connectionString = `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};BlobEndpoint=${blobEndpoint};`;
  const stop = async () => {
    await killGroup(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(`${blobEndpoint}?comp=list`, child, options.timeoutMs ?? 60_000);
    const { BlobServiceClient } = require('@azure/storage-blob') as typeof import('@azure/storage-blob');
    await BlobServiceClient.fromConnectionString(connectionString).createContainer(container);
  } catch (error) {
    await stop();
    throw new Error(`Azurite did not start: ${(error as Error).message}\n${output}`);
  }
  return {
    blobEndpoint,
    container,
    connectionString,
    env: { AZURE_STORAGE_CONNECTION_STRING: connectionString },
    wasbsUri: (path) => `wasbs://${container}@${DEV_ACCOUNT}.blob.core.windows.net/${path.replace(/^\/+/, '')}`,
    get pid() {
      return child.pid;
    },
    stop,
  };
}
