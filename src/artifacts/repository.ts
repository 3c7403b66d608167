/**
 * Picks the artifact repository for a URI: the server's proxy for `mlflow-artifacts:`, plain
 * files for `file:` URIs and paths, S3 for `s3:` and Azure Blob Storage for `wasbs:` (the URIs a
 * server started with `--no-serve-artifacts` gives). Other stores (gs:, abfss:, …) are reached
 * through the proxy only. Each repository (and the SDK or HTTP client it needs) loads here, on
 * the first URI of its scheme.
 */
import { fileURLToPath } from 'node:url';
import type { TrackingConfig } from '../config/config';
import { MlflowAutologError, UnsupportedArtifactStoreError } from '../errors';
import type { HttpClient } from '../rest/http';
import { LocalArtifactRepository } from './local-artifact-repo';
import type { ArtifactRepository } from './types';

export function artifactRepositoryFor(uri: string, config: TrackingConfig, http?: HttpClient): ArtifactRepository {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase();
  if (scheme === undefined || scheme.length === 1) return new LocalArtifactRepository(uri);
  if (scheme === 'file') return new LocalArtifactRepository(fileURLToPath(uri.startsWith('file://') ? uri : `file://${uri.slice(5)}`));
  if (scheme === 'mlflow-artifacts') {
    const url = new URL(uri);
    if (config.target.kind !== 'rest') {
      throw new MlflowAutologError(`The artifact URI ${uri} needs a tracking server, but MLFLOW_TRACKING_URI is ${config.trackingUri}.`);
    }
    // NB: loaded here: a local store needs no HTTP client (axios is most of the agent's load time).
    const { HttpClient } = require('../rest/http') as typeof import('../rest/http');
    const { HttpArtifactRepository } = require('./http-artifact-repo') as typeof import('./http-artifact-repo');
    // NB: `mlflow-artifacts://host:port/path` names its own server; the plain form uses the tracking server.
    const client =
      url.host !== ''
        ? new HttpClient(`${new URL(config.target.url).protocol}//${url.host}`, config.http)
        : (http ?? new HttpClient(config.target.url, config.http));
    return new HttpArtifactRepository(url.host !== '' ? `mlflow-artifacts:${url.pathname}` : uri, client, config.multipart);
  }
  if (scheme === 's3') {
    const { S3ArtifactRepository } = require('./s3-artifact-repo') as typeof import('./s3-artifact-repo');
    return new S3ArtifactRepository(uri);
  }
  if (scheme === 'wasbs') {
    const { AzureBlobArtifactRepository } = require('./azure-artifact-repo') as typeof import('./azure-artifact-repo');
    return new AzureBlobArtifactRepository(uri);
  }
  throw unsupportedStore(uri, scheme);
}

const SUPPORTED = 's3:// (with @aws-sdk/client-s3 and @aws-sdk/lib-storage installed), wasbs:// (with @azure/storage-blob), mlflow-artifacts: and file:';
const THROUGH_SERVER =
  'Start the tracking server with --serve-artifacts (the default) and --artifacts-destination <that store>, so that clients send artifacts through it (mlflow-artifacts: URIs).';

/** Why a URI's store cannot be reached directly, and what to do instead. */
function unsupportedStore(uri: string, scheme: string): UnsupportedArtifactStoreError {
  const why =
    scheme === 'gs'
      ? 'a Google Cloud Storage store, which mlflow-autolog does not write to directly (@google-cloud/storage is not among its optional dependencies)'
      : scheme === 'abfss' || scheme === 'abfs'
        ? 'an ADLS Gen2 store, which MLflow reaches through the Data Lake API (with AZURE_STORAGE_SAS_TOKEN or DefaultAzureCredential) and mlflow-autolog does not; ' +
          'the same account is reachable as wasbs://<container>@<account>.blob.core.windows.net/<path> too'
        : `a "${scheme}:" store, which mlflow-autolog does not write to directly`;
  return new UnsupportedArtifactStoreError(`The artifact location ${uri} is ${why}. Supported directly: ${SUPPORTED}. ${THROUGH_SERVER}`, scheme);
}
