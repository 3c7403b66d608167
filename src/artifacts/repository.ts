/**
 * Picks the artifact repository for a URI: the server's proxy for `mlflow-artifacts:`, plain
 * files for `file:` URIs and paths. Other stores (s3:, gs:, …) are reached through the proxy only.
 */
import { fileURLToPath } from 'node:url';
import type { TrackingConfig } from '../config/config';
import { MlflowAutologError } from '../errors';
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
  throw new MlflowAutologError(
    `The artifact location ${uri} is a "${scheme}:" store, which mlflow-autolog does not write to directly. ` +
      'Start the tracking server with --serve-artifacts (the default) and --artifacts-destination so artifacts go through it.',
  );
}
