/**
 * Tracking configuration: explicit options first, then MLflow's environment variables, validated
 * at this boundary. A wrong value gives one {@link ConfigError} that names the variable, the value
 * and what would be accepted. NB: the rules are checked by hand, not with a schema library: this
 * loads at the first training call, before its first step, and zod's start-up (its locale files
 * included) cost more than every rule here.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { ConfigError } from '../errors';
import { addSecrets, redactUri } from '../util/logger';

/** Options that override the environment. Every field is optional. */
export interface TrackingOptions {
  /**
   * Where runs go: an `http(s)://` tracking server, a `sqlite:` URI (MLflow's own database:
   * `sqlite:///relative.db` or `sqlite:////abs/path.db`), a `file:` URI or a plain folder path.
   * @default process.env.MLFLOW_TRACKING_URI, else `sqlite:///mlflow.db` in the working folder, as
   * in MLflow (or `./mlruns` when that folder holds experiments already, as MLflow keeps it too)
   */
  trackingUri?: string;
  /** @default process.env.MLFLOW_EXPERIMENT_NAME (created if missing) */
  experimentName?: string;
  /** @default process.env.MLFLOW_EXPERIMENT_ID */
  experimentId?: string;
}

export type TrackingTarget =
  | { kind: 'rest'; url: string }
  | { kind: 'file'; root: string }
  /** An MLflow SQLite database; `path` is absolute. */
  | { kind: 'sqlite'; path: string };

export type Auth = { kind: 'none' } | { kind: 'basic'; username: string; password: string } | { kind: 'bearer'; token: string };

/** Where the credentials came from, as an error message names it ("check …"). */
export type AuthSource = 'MLFLOW_TRACKING_USERNAME/MLFLOW_TRACKING_PASSWORD' | 'MLFLOW_TRACKING_TOKEN' | 'the user info in the tracking URI';

export interface HttpSettings {
  maxRetries: number;
  /** Seconds; the n-th retry waits `backoffFactor * 2^(n-1)` plus jitter. */
  backoffFactor: number;
  /** Seconds of random jitter added to each backoff. */
  backoffJitter: number;
  timeoutMs: number;
  respectRetryAfter: boolean;
  insecureTls: boolean;
  caCertPath?: string;
  auth: Auth;
  /** Where {@link auth} came from; absent when there are no credentials. */
  authSource?: AuthSource;
}

export interface TrackingConfig {
  target: TrackingTarget;
  /**
   * The URI as the user would write it: the URL, `sqlite:////abs/mlflow.db` or `file:///abs/mlruns`. Never holds
   * credentials: user info in the URI became {@link HttpSettings.auth}.
   */
  trackingUri: string;
  experimentName?: string;
  experimentId?: string;
  /** A run to resume (MLFLOW_RUN_ID). */
  runId?: string;
  http: HttpSettings;
  /** `MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD` and its size settings, in bytes. */
  multipart: { enabled: boolean; minimumFileSize: number; chunkSize: number };
}

/** MLflow's default since 3.7: a SQLite database in the working folder. */
const DEFAULT_DATABASE = 'mlflow.db';
/** MLflow's file store, still the default in a folder whose `./mlruns` holds experiments. */
const LEGACY_LOCAL_STORE = 'mlruns';

/**
 * True when `./mlruns` holds an experiment (`<digits>/meta.yaml`): MLflow then keeps the file
 * store as its default, so runs stay where the earlier ones are (`_has_existing_mlruns_data`).
 */
export function hasFileStoreData(cwd = process.cwd()): boolean {
  try {
    return readdirSync(resolve(cwd, LEGACY_LOCAL_STORE), { withFileTypes: true }).some(
      (entry) => entry.isDirectory() && /^\d+$/.test(entry.name) && existsSync(resolve(cwd, LEGACY_LOCAL_STORE, entry.name, 'meta.yaml')),
    );
  } catch {
    return false;
  }
}

function fail(variable: string, value: string, accepted: string): never {
  // NB: a URI's user info is a password; the message shows the value without it.
  throw new ConfigError(`${variable}=${JSON.stringify(redactUri(value))} is not valid: ${accepted}.`, variable);
}

/** A rule for one variable: its value, or undefined when the text breaks the rule. */
type Rule<T> = (raw: string) => T | undefined;

/** Parses one variable with `rule`; the error names the variable, the value and the rule. */
function parse<T>(variable: string, raw: string | undefined, rule: Rule<T>, accepted: string): T | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = typeof raw === 'string' ? rule(raw) : undefined;
  if (value === undefined) fail(variable, String(raw), accepted);
  return value;
}

const booleanString: Rule<boolean> = (raw) => (/^(true|false|1|0)$/i.test(raw) ? /^(true|1)$/i.test(raw) : undefined);

const intString =
  (min: number, max: number): Rule<number> =>
  (raw) => {
    const n = /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
    return Number.isSafeInteger(n) && n >= min && n <= max ? n : undefined;
  };

const numberString =
  (min: number, maxExclusive: number): Rule<number> =>
  (raw) => {
    const n = /^\s*\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : Number.NaN;
    return n >= min && n < maxExclusive ? n : undefined;
  };

const matching =
  (pattern: RegExp): Rule<string> =>
  (raw) =>
    pattern.test(raw) ? raw : undefined;

const experimentIdRule = matching(/^[\w-]{1,256}$/);
const runIdRule = matching(/^[a-zA-Z0-9][\w-]{0,255}$/);

/** Credentials found in a tracking URI's user info (`http://user:password@host`). */
export interface UriCredentials {
  username: string;
  password: string;
}

/**
 * Resolves `MLFLOW_TRACKING_URI`-style input into where runs go. User info in an http(s) URL is
 * taken out of it and returned as `credentials`: the URI the rest of the code sees has none.
 */
export function resolveTarget(
  uri: string | undefined,
  variable = 'MLFLOW_TRACKING_URI',
): { target: TrackingTarget; trackingUri: string; credentials?: UriCredentials } {
  if (uri === undefined || uri.trim() === '') {
    if (hasFileStoreData()) {
      const root = resolve(LEGACY_LOCAL_STORE);
      return { target: { kind: 'file', root }, trackingUri: pathToFileURL(root).href };
    }
    const path = resolve(DEFAULT_DATABASE);
    return { target: { kind: 'sqlite', path }, trackingUri: `sqlite:///${path}` };
  }
  const value = uri.trim();
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(value)?.[1]?.toLowerCase();
  // NB: a one-letter "scheme" is a Windows drive letter, i.e. a plain path.
  if (scheme === undefined || scheme.length === 1) {
    const root = resolve(value);
    return { target: { kind: 'file', root }, trackingUri: pathToFileURL(root).href };
  }
  if (scheme === 'file') {
    let root: string;
    if (value.startsWith('file://')) {
      try {
        root = fileURLToPath(value);
      } catch {
        fail(variable, value, 'a file: URI must name a local folder, e.g. file:///home/me/mlruns');
      }
    } else {
      // NB: `file:./mlruns` and `file:/abs` are paths after the colon, as MLflow reads them.
      root = resolve(decodeURIComponent(value.slice('file:'.length)));
    }
    return { target: { kind: 'file', root }, trackingUri: pathToFileURL(root).href };
  }
  if (scheme === 'sqlite') {
    const path = sqlitePath(value, variable);
    return { target: { kind: 'sqlite', path }, trackingUri: `sqlite:///${path}` };
  }
  if (scheme === 'http' || scheme === 'https') {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      fail(variable, value, 'an http(s) URL such as http://127.0.0.1:5000');
    }
    if (!url.hostname) fail(variable, value, 'an http(s) URL with a host, such as http://127.0.0.1:5000');
    const credentials = takeUserInfo(url, variable);
    const href = url.href.replace(/\/+$/, '');
    return { target: { kind: 'rest', url: href }, trackingUri: href, ...(credentials ? { credentials } : {}) };
  }
  return fail(
    variable,
    value,
    `the scheme "${scheme}:" is not supported; use an http(s):// tracking server URL, a file: URI or a folder path, or a sqlite:/// database` +
      (scheme === 'databricks' || scheme.startsWith('postgres') || scheme.startsWith('mysql')
        ? ` (to use a ${scheme} store, run \`mlflow server --backend-store-uri ${scheme}:…\` and point MLFLOW_TRACKING_URI at it)`
        : ''),
  );
}

/**
 * The absolute database path of a `sqlite:` URI, read as MLflow (SQLAlchemy) reads it:
 * `sqlite:///rel/x.db` is relative to the working folder, `sqlite:////abs/x.db` absolute, and
 * percent-escapes are decoded. In-memory databases, hosts and query options are refused: each
 * process would log into its own database, or the option would be silently ignored.
 */
function sqlitePath(value: string, variable: string): string {
  const example = 'sqlite:///mlflow.db (relative to the working folder) or sqlite:////abs/path/mlflow.db';
  if (!/^sqlite:\/\/\//i.test(value)) fail(variable, value, `a sqlite: URI has three slashes before the path: ${example}`);
  const rest = value.slice('sqlite:///'.length);
  if (/[?#]/.test(rest)) fail(variable, value, `a sqlite: URI without query options: ${example}`);
  let path: string;
  try {
    path = decodeURIComponent(rest);
  } catch {
    fail(variable, value, `a sqlite: URI with valid percent-escapes: ${example}`);
  }
  if (path === '' || path === ':memory:' || path.endsWith('/')) {
    fail(variable, value, `a sqlite: URI naming a database file (an in-memory database would not outlive the process): ${example}`);
  }
  return resolve(path);
}

/**
 * Removes the user info from `url` (in place) and returns it decoded. A user name without a
 * password is refused: sending it alone would fail later with a less clear 401.
 */
function takeUserInfo(url: URL, variable: string): UriCredentials | undefined {
  if (url.username === '' && url.password === '') return undefined;
  const decode = (part: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  };
  const credentials = { username: decode(url.username), password: decode(url.password) };
  url.username = '';
  url.password = '';
  addSecrets(credentials.password);
  if (credentials.username === '' || credentials.password === '') {
    throw new ConfigError(
      `${variable}=${JSON.stringify(url.href.replace(/\/+$/, ''))} (user info removed) has user info without ${credentials.username === '' ? 'a user name' : 'a password'}: ` +
        'Basic auth needs both (http://user:password@host), or use MLFLOW_TRACKING_TOKEN for a bearer token.',
      variable,
    );
  }
  return credentials;
}

/**
 * Reads the credentials: `MLFLOW_TRACKING_USERNAME`/`MLFLOW_TRACKING_PASSWORD`, else
 * `MLFLOW_TRACKING_TOKEN`, else the tracking URI's user info. User info together with either
 * variable is refused: which one the user meant cannot be told, and sending the wrong one
 * would only give a 401 later. No message shows a credential's value.
 */
function readAuth(env: NodeJS.ProcessEnv, fromUri: UriCredentials | undefined, uriVariable: string): { auth: Auth; authSource?: AuthSource } {
  const username = env.MLFLOW_TRACKING_USERNAME || undefined;
  const password = env.MLFLOW_TRACKING_PASSWORD || undefined;
  const token = env.MLFLOW_TRACKING_TOKEN || undefined;
  addSecrets(password, token);
  if (username !== undefined && password === undefined) {
    throw new ConfigError(
      'MLFLOW_TRACKING_USERNAME is set but MLFLOW_TRACKING_PASSWORD is not: Basic auth needs both (or use MLFLOW_TRACKING_TOKEN for a bearer token).',
      'MLFLOW_TRACKING_PASSWORD',
    );
  }
  if (password !== undefined && username === undefined) {
    throw new ConfigError(
      'MLFLOW_TRACKING_PASSWORD is set but MLFLOW_TRACKING_USERNAME is not: Basic auth needs both.',
      'MLFLOW_TRACKING_USERNAME',
    );
  }
  for (const [variable, value] of [['MLFLOW_TRACKING_USERNAME', username], ['MLFLOW_TRACKING_PASSWORD', password], ['MLFLOW_TRACKING_TOKEN', token]] as const) {
    // NB: Node refuses such a header with an error far from its cause; the value is not shown.
    if (value !== undefined && /[\u0000-\u001f\u007f]/.test(value)) {
      throw new ConfigError(`${variable} contains a control character (a line break?): remove it, an HTTP header cannot carry it.`, variable);
    }
  }
  if (fromUri !== undefined && (username !== undefined || token !== undefined)) {
    const other = username !== undefined ? 'MLFLOW_TRACKING_USERNAME/MLFLOW_TRACKING_PASSWORD are' : 'MLFLOW_TRACKING_TOKEN is';
    throw new ConfigError(
      `${uriVariable} carries credentials (user:password@ before the host) and ${other} set too: keep only one of them ` +
        `(credentials in the environment variables are the safer place: the URI is shown in messages, without its user info).`,
      uriVariable,
    );
  }
  // NB: as in MLflow's client, username/password win over a token when both are set.
  if (username !== undefined && password !== undefined) {
    return { auth: { kind: 'basic', username, password }, authSource: 'MLFLOW_TRACKING_USERNAME/MLFLOW_TRACKING_PASSWORD' };
  }
  if (token !== undefined) return { auth: { kind: 'bearer', token }, authSource: 'MLFLOW_TRACKING_TOKEN' };
  if (fromUri !== undefined) return { auth: { kind: 'basic', ...fromUri }, authSource: 'the user info in the tracking URI' };
  return { auth: { kind: 'none' } };
}

/**
 * Builds the configuration from `options` and `env` (default `process.env`). Throws a
 * {@link ConfigError} for the first wrong value.
 */
export function loadConfig(options: TrackingOptions = {}, env: NodeJS.ProcessEnv = process.env): TrackingConfig {
  const uriVariable = options.trackingUri !== undefined ? 'trackingUri' : 'MLFLOW_TRACKING_URI';
  const { target, trackingUri, credentials } = resolveTarget(options.trackingUri ?? env.MLFLOW_TRACKING_URI, uriVariable);

  const experimentId =
    options.experimentId !== undefined
      ? parse('experimentId', options.experimentId, experimentIdRule, 'an experiment id such as "0" or "123"')
      : parse('MLFLOW_EXPERIMENT_ID', env.MLFLOW_EXPERIMENT_ID, experimentIdRule, 'an experiment id such as "0" or "123"');
  const experimentName = options.experimentName ?? (env.MLFLOW_EXPERIMENT_NAME || undefined);
  if (experimentName !== undefined && (experimentName.length === 0 || experimentName.length > 500)) {
    fail(options.experimentName !== undefined ? 'experimentName' : 'MLFLOW_EXPERIMENT_NAME', experimentName, 'a name of 1 to 500 characters');
  }
  const runId = parse('MLFLOW_RUN_ID', env.MLFLOW_RUN_ID, runIdRule, 'a run id of letters, digits, _ and -');

  const { auth, authSource } = readAuth(env, credentials, uriVariable);

  const insecureTls =
    parse('MLFLOW_TRACKING_INSECURE_TLS', env.MLFLOW_TRACKING_INSECURE_TLS, booleanString, 'true, false, 1 or 0') ?? false;
  const caCertPath = env.MLFLOW_TRACKING_SERVER_CERT_PATH || undefined;
  if (insecureTls && caCertPath !== undefined) {
    throw new ConfigError(
      `MLFLOW_TRACKING_INSECURE_TLS=true and MLFLOW_TRACKING_SERVER_CERT_PATH=${JSON.stringify(caCertPath)} are both set: they are mutually exclusive; keep the certificate path to verify the server, or unset it to skip verification.`,
      'MLFLOW_TRACKING_INSECURE_TLS',
    );
  }
  if (caCertPath !== undefined && !isPemFile(caCertPath)) {
    fail('MLFLOW_TRACKING_SERVER_CERT_PATH', caCertPath, 'the path of an existing PEM file with the CA certificate(s) (-----BEGIN CERTIFICATE-----)');
  }

  // NB: types, limits and defaults are MLflow's (mlflow/environment_variables.py, utils/rest_utils.py),
  // so one environment serves both clients: the backoff factor and the timeout are whole numbers.
  const maxRetries =
    parse('MLFLOW_HTTP_REQUEST_MAX_RETRIES', env.MLFLOW_HTTP_REQUEST_MAX_RETRIES, intString(0, 9), 'a whole number from 0 to 9') ?? 7;
  const backoffFactor =
    parse('MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR', env.MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR, intString(0, 119), 'a whole number of seconds from 0 to 119') ?? 2;
  const backoffJitter =
    parse('MLFLOW_HTTP_REQUEST_BACKOFF_JITTER', env.MLFLOW_HTTP_REQUEST_BACKOFF_JITTER, numberString(0, 3600), 'a non-negative number of seconds') ?? 1;
  const timeoutSeconds =
    parse('MLFLOW_HTTP_REQUEST_TIMEOUT', env.MLFLOW_HTTP_REQUEST_TIMEOUT, intString(1, 86_400), 'a whole number of seconds, at least 1') ?? 120;
  const respectRetryAfter =
    parse('MLFLOW_HTTP_RESPECT_RETRY_AFTER_HEADER', env.MLFLOW_HTTP_RESPECT_RETRY_AFTER_HEADER, booleanString, 'true, false, 1 or 0') ?? true;

  const multipartEnabled =
    parse('MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD', env.MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD, booleanString, 'true, false, 1 or 0') ?? false;
  const minimumFileSize =
    parse('MLFLOW_MULTIPART_UPLOAD_MINIMUM_FILE_SIZE', env.MLFLOW_MULTIPART_UPLOAD_MINIMUM_FILE_SIZE, intString(1, Number.MAX_SAFE_INTEGER), 'a positive number of bytes') ??
    500 * 1024 * 1024;
  const chunkSize =
    parse('MLFLOW_MULTIPART_UPLOAD_CHUNK_SIZE', env.MLFLOW_MULTIPART_UPLOAD_CHUNK_SIZE, intString(1, Number.MAX_SAFE_INTEGER), 'a positive number of bytes') ??
    10 * 1024 * 1024;

  return {
    target,
    trackingUri,
    experimentName,
    experimentId,
    runId,
    http: {
      maxRetries,
      backoffFactor,
      backoffJitter,
      timeoutMs: Math.round(timeoutSeconds * 1000),
      respectRetryAfter,
      insecureTls,
      caCertPath,
      auth,
      ...(authSource ? { authSource } : {}),
    },
    multipart: { enabled: multipartEnabled, minimumFileSize, chunkSize },
  };
}


/** True when `path` is a readable file holding at least one PEM certificate. */
function isPemFile(path: string): boolean {
  try {
    return statSync(path).isFile() && readFileSync(path, 'utf8').includes('-----BEGIN CERTIFICATE-----');
  } catch {
    return false;
  }
}
