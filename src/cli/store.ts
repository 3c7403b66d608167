/**
 * The tracking store a reading command (`runs`, `artifacts`, `models build-docker`) works
 * against: `--tracking-uri`, else MLFLOW_TRACKING_URI, else MLflow's default (`./mlflow.db`, or
 * `./mlruns` when it holds experiments). A local store that does not exist is refused rather
 * than created: reading must not leave an empty `mlflow.db` behind.
 */
import { existsSync } from 'node:fs';
import { isNotFound, MlflowAutologError } from '../errors';
import type { MlflowClient } from '../tracking/client';
import { UsageError } from './usage';

/** The `--tracking-uri` option every reading command takes. */
export const TRACKING_URI_FLAGS = '--tracking-uri <uri>';
export const TRACKING_URI_HELP = 'an http(s):// tracking server, a sqlite:/// database or a folder (default: MLFLOW_TRACKING_URI, else ./mlflow.db)';

/** A client for the store `trackingUri` (or the environment's), which must exist when it is local. */
export function openStore(trackingUri: string | undefined): MlflowClient {
  // NB: loaded here: `--help` and the other commands need none of the tracking code.
  const { loadConfig } = require('../config/config') as typeof import('../config/config');
  const { MlflowClient } = require('../tracking/client') as typeof import('../tracking/client');
  const config = loadConfig(trackingUri !== undefined ? { trackingUri } : {});
  const { target } = config;
  const missing = target.kind === 'sqlite' ? !existsSync(target.path) && target.path : target.kind === 'file' && !existsSync(target.root) && target.root;
  if (missing) {
    const given = trackingUri !== undefined ? '--tracking-uri' : process.env.MLFLOW_TRACKING_URI ? 'MLFLOW_TRACKING_URI' : undefined;
    throw new UsageError(
      given
        ? `There is no tracking store at ${missing} (from ${given}); check the path, or point ${given} at a server (http://…).`
        : `No tracking store here: ${missing} does not exist. Set MLFLOW_TRACKING_URI or pass --tracking-uri (a server URL, sqlite:///path/to/mlflow.db or a folder), or run in the folder that holds mlflow.db.`,
    );
  }
  return new MlflowClient(config);
}

/** `action`, with MLflow's "does not exist" answer turned into a message that names `what` and where. */
export async function orNotFound<T>(client: MlflowClient, what: string, hint: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (isNotFound(error)) throw new MlflowAutologError(`${what} does not exist in ${client.trackingUri}; ${hint}.`, { cause: error });
    throw error;
  }
}
