/**
 * Artifacts straight to Azure Blob Storage for `wasbs://container@account.blob.core.windows.net/path`
 * URIs, the ones a tracking server started with `--no-serve-artifacts --default-artifact-root
 * wasbs://…` gives its clients. Credentials as MLflow's `AzureBlobArtifactRepository` takes them:
 * AZURE_STORAGE_CONNECTION_STRING (whose BlobEndpoint, e.g. Azurite's
 * `http://127.0.0.1:10000/devstoreaccount1`, is where requests go), else AZURE_STORAGE_ACCESS_KEY
 * for the URI's account, else DefaultAzureCredential.
 *
 * `abfss://` (ADLS Gen2) is not this: MLflow writes it through the Data Lake API with other
 * credentials (see ./repository.ts).
 *
 * `@azure/storage-blob` is an optional peer dependency, loaded by the constructor: nothing else
 * in the package loads it.
 */
import type { Readable } from 'node:stream';
import type { ContainerClient, StoragePipelineOptions } from '@azure/storage-blob';
import { MissingDependencyError, MlflowAutologError, MlflowRestError } from '../errors';
import { redact } from '../util/logger';
import { requireInstalled } from '../util/require-installed';
import { type AzureAuth, azureSettings, parseWasbsUri } from './cloud-config';
import { type CloudRepositoryOptions, certificateErrorCode, contentTypeOf, type ObjectListing, ObjectStoreArtifactRepository } from './object-store-repo';

type BlobSdk = typeof import('@azure/storage-blob');

const MiB = 1024 * 1024;

// NB: one service client per account and credentials: each holds its own pipeline and sockets.
const services = new Map<string, InstanceType<BlobSdk['BlobServiceClient']>>();

export class AzureBlobArtifactRepository extends ObjectStoreArtifactRepository {
  private readonly container: ContainerClient;
  private readonly blockSize: number;
  private readonly concurrency: number;

  constructor(rootUri: string, options: CloudRepositoryOptions = {}) {
    const location = parseWasbsUri(rootUri);
    super(rootUri, location.prefix);
    const auth = azureSettings(location, options.env ?? process.env);
    this.blockSize = Math.max(1 * MiB, options.partSize ?? 8 * MiB);
    this.concurrency = Math.max(1, options.queueSize ?? 4);
    const load = options.requireModule ?? requireInstalled;
    const sdk = load('@azure/storage-blob') as BlobSdk | undefined;
    if (!sdk) {
      throw new MissingDependencyError(
        `The artifacts of ${rootUri} are on Azure Blob Storage, which mlflow-autolog reaches with the Azure SDK: npm install @azure/storage-blob ` +
          '(an optional peer dependency, loaded only for wasbs:// artifact URIs). Or start the tracking server with --serve-artifacts so artifacts go through it.',
        ['@azure/storage-blob'],
      );
    }
    const key = JSON.stringify(auth);
    let service = services.get(key);
    if (!service) services.set(key, (service = serviceClient(sdk, auth, load, rootUri)));
    this.container = service.getContainerClient(location.container);
  }

  protected async putObject(localFile: string, key: string, size: number): Promise<void> {
    try {
      // NB: uploadFile streams ranges of the file: one Put Blob up to blockSize, else blocks of
      // blockSize (at most `concurrency` in flight) and one Put Block List.
      await this.container.getBlockBlobClient(key).uploadFile(localFile, {
        blockSize: this.blockSize,
        maxSingleShotSize: this.blockSize,
        concurrency: this.concurrency,
        blobHTTPHeaders: { blobContentType: contentTypeOf(localFile) ?? 'application/octet-stream' },
      });
    } catch (error) {
      throw azureError(error, `Uploading ${localFile} (${size} bytes) to`, this.uriOf(key));
    }
  }

  protected async *listObjects(prefix: string): AsyncIterable<ObjectListing> {
    const pages = this.container.listBlobsByHierarchy('/', { prefix }).byPage({ maxPageSize: 1000 });
    while (true) {
      let next;
      try {
        next = await pages.next();
      } catch (error) {
        throw azureError(error, 'Listing', this.uriOf(prefix));
      }
      if (next.done) return;
      const segment = next.value.segment;
      yield {
        prefixes: (segment.blobPrefixes ?? []).map((p) => p.name),
        objects: segment.blobItems.map((b) => ({ key: b.name, size: Number(b.properties.contentLength ?? 0) })),
      };
    }
  }

  protected async getObject(key: string): Promise<Readable> {
    try {
      const response = await this.container.getBlobClient(key).download();
      // NB: a stream that resumes from where it broke (the SDK's RetriableReadableStream).
      return response.readableStreamBody as Readable;
    } catch (error) {
      throw azureError(error, 'Downloading', this.uriOf(key));
    }
  }

  private uriOf(key: string): string {
    const base = this.rootUri.replace(/^(wasbs:\/\/[^/]+).*$/i, '$1');
    return `${base}/${key}`;
  }
}

function serviceClient(sdk: BlobSdk, auth: AzureAuth, load: (name: string) => unknown, rootUri: string): InstanceType<BlobSdk['BlobServiceClient']> {
  const pipeline: StoragePipelineOptions = { retryOptions: { maxTries: 4 } };
  switch (auth.kind) {
    case 'connection-string':
      try {
        return sdk.BlobServiceClient.fromConnectionString(auth.connectionString, pipeline);
      } catch (error) {
        throw new MlflowAutologError(`AZURE_STORAGE_CONNECTION_STRING is not a storage connection string the Azure SDK takes: ${redact(String((error as Error).message))}`);
      }
    case 'account-key':
      return new sdk.BlobServiceClient(auth.accountUrl, new sdk.StorageSharedKeyCredential(auth.account, auth.accessKey), pipeline);
    case 'default-credential': {
      // NB: as MLflow: no connection string or key means DefaultAzureCredential, from azure-identity when installed.
      const identity = load('@azure/identity') as { DefaultAzureCredential: new () => unknown } | undefined;
      if (!identity) {
        throw new MissingDependencyError(
          `The artifacts of ${rootUri} are on Azure Blob Storage, and this process has no credentials for it: set AZURE_STORAGE_CONNECTION_STRING ` +
            'or AZURE_STORAGE_ACCESS_KEY, as for MLflow, or npm install @azure/identity to sign in with DefaultAzureCredential.',
          ['@azure/identity'],
        );
      }
      return new sdk.BlobServiceClient(auth.accountUrl, new identity.DefaultAzureCredential() as Parameters<BlobSdk['newPipeline']>[0], pipeline);
    }
  }
}

/** Azure's error codes as MLflow's codes, for {@link azureError}. */
function mlflowCode(code: string | undefined, status: number): string {
  if (code === 'BlobNotFound' || code === 'ContainerNotFound' || status === 404) return 'RESOURCE_DOES_NOT_EXIST';
  if (code === 'AuthenticationFailed' || status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'PERMISSION_DENIED';
  return code ?? 'INTERNAL_ERROR';
}

const CREDENTIALS_HINT = 'Check AZURE_STORAGE_CONNECTION_STRING (or AZURE_STORAGE_ACCESS_KEY) of this process.';

/**
 * An SDK error as this package's: a {@link MlflowRestError} with MLflow's code and the store's HTTP
 * status (0 when no answer came), so that `isNotFound` and the retry of transient failures treat
 * the store's answers as they treat the tracking server's.
 */
function azureError(error: unknown, action: string, uri: string): Error {
  if (error instanceof MlflowAutologError) return error;
  const e = error as { name?: string; code?: string; statusCode?: number; message?: string };
  const message = redact(String(e.message ?? error).split('\n')[0]!);
  const certificate = certificateErrorCode(error);
  if (certificate) {
    return new MlflowRestError(
      `${action} ${uri} failed: the endpoint's TLS certificate is not trusted here (${certificate}). Set NODE_EXTRA_CA_CERTS to the PEM file of its certificate authority.`,
      'TLS_CERTIFICATE_ERROR',
      0,
      { cause: error },
    );
  }
  if (e.statusCode === undefined) return new MlflowRestError(`${action} ${uri} failed: ${message}`, 'NETWORK_ERROR', 0, { cause: error });
  const code = mlflowCode(e.code, e.statusCode);
  if (e.code === 'BlobNotFound') return new MlflowRestError(`No such artifact: ${uri}`, 'RESOURCE_DOES_NOT_EXIST', 404, { cause: error });
  const hint = code === 'UNAUTHENTICATED' || code === 'PERMISSION_DENIED' ? ` ${CREDENTIALS_HINT}` : '';
  return new MlflowRestError(`${action} ${uri} failed with HTTP ${e.statusCode} ${e.code ?? ''}: ${message}${hint}`, code, e.statusCode, { cause: error });
}
