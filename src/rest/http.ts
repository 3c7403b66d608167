/**
 * The one function that talks HTTP to a tracking server. It owns auth, TLS, timeouts, retries
 * (MLflow's policy: 408, 429, 500, 502, 503, 504 and connection errors, exponential backoff with
 * jitter, `Retry-After` honoured) and the mapping of MLflow's `{error_code, message}` to
 * {@link MlflowRestError}. Nothing else in the package builds request URLs.
 *
 * Redirects are followed here, not by axios: axios follows them through follow-redirects, which
 * keeps every chunk of a request's body in memory for a possible resend (a 1 GiB upload held
 * 1 GiB). Here a redirected request's body is made anew by its factory (a file is read again from
 * disk, as Python's `requests` rewinds a file on a 307), so a streamed body is never buffered.
 *
 * No error it throws carries a credential: messages are built from safe facts (method, URL
 * without user info, status, error code) and passed through {@link redact}, and the `cause` is
 * a {@link RequestFailure}, never axios's error (whose `config` holds the `Authorization` header).
 */
import { setMaxListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import axios, { type AxiosInstance, type AxiosResponse, type Method, type ResponseType } from 'axios';
import type { Auth, HttpSettings } from '../config/config';
import { isDatabaseBusy, MlflowRestError } from '../errors';
import { addSecrets, redact } from '../util/logger';
import { PACKAGE_VERSION } from '../version';

const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const RETRY_AFTER_STATUSES = new Set([413, 429, 503]);
const RETRY_ERROR_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_SOCKET_CONNECTION_TIMEOUT',
]);
// NB: urllib3 caps backoff at DEFAULT_BACKOFF_MAX, 120 s in urllib3 2.x.
const BACKOFF_MAX_SECONDS = 120;
/** Redirects followed for one request at most (what axios was configured with before). */
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** OpenSSL's verification failures (node's `error.code`): the server's certificate is not trusted. */
const TLS_CERT_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_UNTRUSTED', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_REVOKED', 'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'INVALID_CA', 'CERT_REJECTED',
]);

/**
 * What an error keeps of a request that got no answer: the safe facts only, so that logging or
 * serializing the error (with its `cause` chain) never shows a header or a credential.
 */
export interface RequestFailure {
  method: string;
  /** The URL without user info or query string. */
  url: string;
  /** Node's or axios's error code, e.g. `ECONNREFUSED`, `SELF_SIGNED_CERT_IN_CHAIN`. */
  code: string;
  /** The low-level message, with credentials masked. */
  message: string;
}

/** One request. `data` is a factory so that a retry or a redirect can send a fresh stream. */
export interface HttpRequest {
  method: Method;
  /**
   * The path below the server's base URL, starting with `/`, e.g. `/api/2.0/mlflow/runs/get`; or
   * an absolute `http(s)://` URL the server handed out (a presigned upload URL), which is sent
   * without the server's credentials and named in errors without its query string.
   */
  path: string;
  query?: Record<string, string | number | boolean | string[] | undefined>;
  data?: () => unknown;
  headers?: Record<string, string>;
  responseType?: ResponseType;
  /** Overrides the configured timeout (ms). */
  timeoutMs?: number;
  /** Statuses that are answers, not errors (for example 501 from the multipart endpoints). */
  acceptStatuses?: number[];
  /**
   * Retry only what surely did not reach the server (a refused connection, 429, 503): for a
   * create, which a blind retry could make twice. The caller looks up before trying again.
   */
  notIdempotent?: boolean;
}

export class HttpClient {
  private readonly axios: AxiosInstance;
  /** Aborted by {@link abort}: in-flight requests and retry waits end at once. */
  private readonly aborter = new AbortController();
  private readonly sleep: (ms: number) => Promise<void>;
  /** The server's credentials, sent with every request to its own origin. */
  private readonly authHeaders: Record<string, string>;

  /** The tracking server's base URL, without a trailing slash and without user info. */
  readonly baseUrl: string;
  private readonly settings: HttpSettings;

  constructor(
    /** The tracking server's base URL; user info in it becomes Basic auth when `settings` has none. */
    baseUrl: string,
    settings: HttpSettings,
    sleep?: (ms: number) => Promise<void>,
    /** Background use: neither sockets nor retry waits keep the process alive. */
    options: { background?: boolean } = {},
  ) {
    const { url, auth } = withoutUserInfo(baseUrl);
    this.baseUrl = url;
    this.settings = auth && settings.auth.kind === 'none' ? { ...settings, auth, authSource: 'the user info in the tracking URI' } : settings;
    // NB: one signal for every request in flight: past Node's default of 10 listeners it would
    // print a MaxListenersExceededWarning on the user's stderr.
    setMaxListeners(0, this.aborter.signal);
    this.sleep = sleep ?? ((ms) => abortableSleep(ms, this.aborter.signal, options.background ?? false));
    const ca = settings.caCertPath ? readFileSync(settings.caCertPath) : undefined;
    this.authHeaders = authHeader(this.settings.auth);
    // NB: a background client's sockets never keep the process alive: whoever waits for its work
    // (a flush, the exit) holds the process itself, for as long as it is willing to wait.
    const unref = options.background ?? false;
    this.axios = axios.create({
      baseURL: baseUrl,
      timeout: settings.timeoutMs,
      maxBodyLength: Infinity,
      maxContentLength: Infinity,
      // NB: redirects are followed in send(): follow-redirects would buffer every body (see above).
      maxRedirects: 0,
      validateStatus: () => true,
      httpAgent: agent(http.Agent, { keepAlive: true, maxSockets: 10 }, unref),
      httpsAgent: agent(https.Agent, { keepAlive: true, maxSockets: 10, rejectUnauthorized: !settings.insecureTls, ca }, unref),
      headers: { 'User-Agent': `mlflow-autolog/${PACKAGE_VERSION} node/${process.versions.node}` },
      // NB: query strings are built here so that repeated keys follow MLflow's convention.
      paramsSerializer: { serialize: serializeQuery },
    });
  }

  /** Sends a JSON request to an MLflow endpoint and resolves to the parsed JSON answer. */
  async json<T>(method: Method, path: string, body?: unknown, options: { notIdempotent?: boolean } = {}): Promise<T> {
    const isGet = method === 'GET' || method === 'DELETE';
    const response = await this.send({
      ...options,
      method,
      path,
      query: isGet ? (body as HttpRequest['query']) : undefined,
      data: isGet ? undefined : () => JSON.stringify(body ?? {}),
      headers: isGet ? undefined : { 'Content-Type': 'application/json' },
      responseType: 'text',
    });
    const text = typeof response.data === 'string' ? response.data : '';
    if (text.trim() === '') return {} as T;
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new MlflowRestError(
        redact(`${method} ${this.baseUrl}${path} answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`),
        'BAD_RESPONSE',
        response.status,
        { cause: { method, url: `${this.baseUrl}${path}`, code: 'BAD_RESPONSE', message: (error as Error).message } satisfies RequestFailure },
      );
    }
  }

  /**
   * Sends a request, retrying as MLflow's client does, and resolves to the response of the last
   * attempt; an error status that is not in `acceptStatuses` rejects with {@link MlflowRestError}.
   */
  async send(request: HttpRequest): Promise<AxiosResponse> {
    const { maxRetries } = this.settings;
    for (let attempt = 0; ; attempt++) {
      let response: AxiosResponse;
      try {
        response = await this.exchange(request);
      } catch (error) {
        if (error instanceof MlflowRestError) throw error;
        const code = (error as { code?: string }).code ?? '';
        const retryable = request.notIdempotent ? code === 'ECONNREFUSED' : RETRY_ERROR_CODES.has(code) || /socket hang up|timeout/i.test((error as Error).message);
        if (attempt < maxRetries && !this.aborter.signal.aborted && retryable) {
          await this.sleep(this.backoffMs(attempt + 1));
          continue;
        }
        throw networkError(request, this.baseUrl, attempt + 1, error);
      }
      const status = response.status;
      if ((status >= 200 && status < 300) || request.acceptStatuses?.includes(status)) return response;
      const retryable = request.notIdempotent ? status === 429 || status === 503 : RETRY_STATUSES.has(status);
      const canRetry = attempt < maxRetries && !this.aborter.signal.aborted;
      if (canRetry && retryable) {
        discard(response);
        await this.sleep(this.retryAfterMs(response) ?? this.backoffMs(attempt + 1));
        continue;
      }
      const error = await toRestError(request, this.baseUrl, response, this.settings, retryable ? this.retryAfterMs(response) : undefined);
      // NB: safe to resend even when not idempotent: the server's transaction rolled back.
      if (canRetry && isDatabaseBusy(error)) {
        await this.sleep(this.backoffMs(attempt + 1));
        continue;
      }
      throw error;
    }
  }

  /**
   * One attempt: the request and the redirects it meets (at most {@link MAX_REDIRECTS}). Each hop
   * makes its body anew; the server's credentials go only to the server's own origin (or its
   * https upgrade), as `requests` strips them on a redirect elsewhere; 303, and 301/302 after a
   * POST, continue as a GET without a body, as browsers, `requests` and follow-redirects do.
   */
  private async exchange(request: HttpRequest): Promise<AxiosResponse> {
    const external = isAbsolute(request.path);
    let hop: Hop = {
      method: request.method,
      url: request.path,
      params: request.query,
      data: request.data,
      headers: request.headers ?? {},
      credentials: !external,
      at: external ? new URL(request.path) : this.urlOf(request),
    };
    for (let redirects = 0; ; redirects++) {
      const body = hop.data?.();
      let response: AxiosResponse;
      try {
        response = await this.axios.request({
          method: hop.method,
          url: hop.url,
          params: hop.params,
          data: body,
          headers: hop.credentials ? { ...this.authHeaders, ...hop.headers } : hop.headers,
          responseType: request.responseType ?? 'text',
          timeout: request.timeoutMs ?? this.settings.timeoutMs,
          signal: this.aborter.signal,
        });
      } catch (error) {
        release(body);
        throw error;
      }
      const location = response.headers.location;
      const redirected = REDIRECT_STATUSES.has(response.status) && typeof location === 'string' && location !== '' && !request.acceptStatuses?.includes(response.status);
      // NB: a body the server answered before reading it whole (a redirect, an early refusal) is
      // closed, and its request with it, so that neither a file handle nor a socket stays open.
      if (!(body instanceof Readable && body.readableEnded)) release(body, response);
      if (!redirected) return response;
      discard(response);
      if (redirects >= MAX_REDIRECTS) {
        throw new MlflowRestError(
          redact(`${request.method} ${describeUrl(request, this.baseUrl)} was redirected more than ${MAX_REDIRECTS} times (last to ${safeUrl(new URL(location, hop.at))})`),
          'TOO_MANY_REDIRECTS',
          response.status,
        );
      }
      hop = nextHop(hop, response.status, new URL(location, hop.at), this.origin);
    }
  }

  /** The absolute URL of a request below the base URL (where a relative redirect is resolved). */
  private urlOf(request: HttpRequest): URL {
    const url = new URL(`${this.baseUrl}${request.path}`);
    if (request.query) url.search = serializeQuery(request.query);
    return url;
  }

  /** The server's origin: credentials go there only. */
  private get origin(): URL {
    return new URL(this.baseUrl);
  }

  /**
   * Ends every request in flight and every retry wait at once (they fail as network errors), and
   * makes later requests fail the same way: used when the process is about to exit, so that the
   * agent's sockets do not keep it alive.
   */
  abort(): void {
    this.aborter.abort();
  }

  /** urllib3's schedule: no wait before the first retry, then factor * 2^(n-1) plus jitter. */
  private backoffMs(retry: number): number {
    if (retry <= 1) return 0;
    const { backoffFactor, backoffJitter } = this.settings;
    const seconds = backoffFactor * 2 ** (retry - 1) + Math.random() * backoffJitter;
    return Math.min(BACKOFF_MAX_SECONDS, seconds) * 1000;
  }

  private retryAfterMs(response: AxiosResponse): number | undefined {
    if (!this.settings.respectRetryAfter || !RETRY_AFTER_STATUSES.has(response.status)) return undefined;
    const header = response.headers['retry-after'];
    if (typeof header !== 'string' || header.trim() === '') return undefined;
    const seconds = /^\s*\d+(\.\d+)?\s*$/.test(header) ? Number(header) : (Date.parse(header) - Date.now()) / 1000;
    if (!Number.isFinite(seconds)) return undefined;
    return Math.min(Math.max(0, seconds), BACKOFF_MAX_SECONDS) * 1000;
  }
}

/** One hop of a request: where it goes, what it sends, and whether the server's credentials go with it. */
interface Hop {
  method: Method;
  /** A path below the base URL (the first hop) or an absolute URL. */
  url: string;
  params?: HttpRequest['query'];
  data?: () => unknown;
  headers: Record<string, string>;
  credentials: boolean;
  /** The absolute URL this hop goes to. */
  at: URL;
}

/** The hop after a redirect answered `status` with `location` (see {@link HttpClient.exchange}). */
function nextHop(hop: Hop, status: number, location: URL, origin: URL): Hop {
  const toGet = status === 303 ? hop.method.toUpperCase() !== 'GET' && hop.method.toUpperCase() !== 'HEAD' : (status === 301 || status === 302) && hop.method.toUpperCase() === 'POST';
  const headers = toGet ? Object.fromEntries(Object.entries(hop.headers).filter(([name]) => !/^content-/i.test(name))) : hop.headers;
  return {
    method: toGet ? 'GET' : hop.method,
    url: location.href,
    data: toGet ? undefined : hop.data,
    headers,
    credentials: hop.credentials && keepsCredentials(origin, location),
    at: location,
  };
}

/** True when a redirect to `to` may carry the server's credentials: its own origin, or its https upgrade. */
function keepsCredentials(origin: URL, to: URL): boolean {
  if (to.origin === origin.origin) return true;
  return origin.protocol === 'http:' && to.protocol === 'https:' && to.hostname === origin.hostname && origin.port === '' && to.port === '';
}

function isAbsolute(path: string): boolean {
  return /^https?:\/\//i.test(path);
}

/** A URL as errors show it: without user info or query string (a presigned URL's signature). */
function safeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function describeUrl(request: HttpRequest, baseUrl: string): string {
  if (!isAbsolute(request.path)) return `${baseUrl}${request.path}`;
  try {
    return safeUrl(new URL(request.path));
  } catch {
    return '(an invalid URL)';
  }
}

/** Closes a request body stream that was not read to its end, and the request it was for. */
function release(body: unknown, response?: AxiosResponse): void {
  if (!(body instanceof Readable) || body.readableEnded) return;
  body.destroy();
  (response?.request as { destroy?: () => void } | undefined)?.destroy?.();
}

/**
 * An HTTP(S) agent; `unref`: its sockets never keep the process alive, in use or idle (Node's agent
 * refs a socket again when it reuses it: this one unrefs it after).
 */
function agent<A extends typeof http.Agent | typeof https.Agent>(Base: A, options: https.AgentOptions, unref: boolean): InstanceType<A> {
  const made = new Base(options) as InstanceType<A>;
  if (!unref) return made;
  const internal = made as unknown as { createConnection(...args: unknown[]): Socket; reuseSocket(socket: Socket, request: unknown): void };
  const create = internal.createConnection.bind(made);
  internal.createConnection = (...args: unknown[]) => create(...args).unref();
  const reuse = internal.reuseSocket.bind(made);
  internal.reuseSocket = (socket, request) => {
    reuse(socket, request);
    socket.unref();
  };
  return made;
}

/** A wait that an abort ends early; `unref`: it never keeps the process alive by itself. */
function abortableSleep(ms: number, signal: AbortSignal, unref: boolean): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    if (unref) timer.unref();
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

function authHeader(auth: Auth): Record<string, string> {
  if (auth.kind === 'basic') {
    const encoded = Buffer.from(`${auth.username}:${auth.password}`).toString('base64');
    addSecrets(auth.password, encoded);
    return { Authorization: `Basic ${encoded}` };
  }
  if (auth.kind === 'bearer') {
    addSecrets(auth.token);
    return { Authorization: `Bearer ${auth.token}` };
  }
  return {};
}

/** `url` without its user info, which becomes Basic credentials (percent-decoded). */
function withoutUserInfo(url: string): { url: string; auth?: Auth } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url };
  }
  if (parsed.username === '' && parsed.password === '') return { url };
  const decode = (part: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  };
  const auth: Auth = { kind: 'basic', username: decode(parsed.username), password: decode(parsed.password) };
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.href.replace(/\/+$/, ''), auth };
}

/** The error of a request that got no answer: what failed and what to do, and only safe facts as its cause. */
function networkError(request: HttpRequest, baseUrl: string, attempts: number, error: unknown): MlflowRestError {
  const code = String((error as { code?: unknown }).code ?? '') || 'UNKNOWN';
  const url = describeUrl(request, baseUrl);
  const low = redact((error as Error | undefined)?.message ?? String(error));
  const cause: RequestFailure = { method: request.method, url, code, message: low };
  if (TLS_CERT_CODES.has(code)) {
    return new MlflowRestError(
      redact(
        `${request.method} ${url} failed: the server's TLS certificate is not trusted (${low}, ${code}). ` +
          'If the server uses a private certificate authority, set MLFLOW_TRACKING_SERVER_CERT_PATH to the PEM file of that CA ' +
          '(MLFLOW_TRACKING_INSECURE_TLS=true skips verification instead, which is unsafe).',
      ),
      'TLS_CERTIFICATE_ERROR',
      0,
      { cause },
    );
  }
  return new MlflowRestError(redact(`${request.method} ${url} failed after ${attempts} attempt(s): ${low}`), 'NETWORK_ERROR', 0, { cause });
}

function serializeQuery(params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  return search.toString();
}

function discard(response: AxiosResponse): void {
  const data = response.data as { destroy?: () => void } | undefined;
  if (data && typeof data.destroy === 'function') data.destroy();
}

async function readText(data: unknown): Promise<string> {
  if (typeof data === 'string') return data;
  if (data && typeof (data as AsyncIterable<Buffer>)[Symbol.asyncIterator] === 'function') {
    const chunks: Buffer[] = [];
    for await (const chunk of data as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks).toString('utf8');
  }
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return data === undefined || data === null ? '' : JSON.stringify(data);
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'RESOURCE_CONFLICT',
  429: 'REQUEST_LIMIT_EXCEEDED',
  500: 'INTERNAL_ERROR',
  501: 'NOT_IMPLEMENTED',
  503: 'TEMPORARILY_UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** What to check after a 401 or a 403, naming where the credentials came from (never their value). */
function authHint(status: number, settings: HttpSettings): string {
  const from = settings.authSource ?? 'the credentials';
  if (status === 401) {
    return settings.auth.kind === 'none'
      ? ': the server wants credentials; set MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD (or MLFLOW_TRACKING_TOKEN)'
      : `: the server did not accept the credentials from ${from}; check MLFLOW_TRACKING_USERNAME/MLFLOW_TRACKING_PASSWORD (or MLFLOW_TRACKING_TOKEN, or the tracking URI's user info)`;
  }
  return settings.auth.kind === 'none'
    ? ': the server refuses this without credentials; set MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD (or MLFLOW_TRACKING_TOKEN)'
    : `: the user of ${from} has no permission for this; ask an admin of the server to grant it (on the experiment, or the registered model)`;
}

async function toRestError(
  request: HttpRequest,
  baseUrl: string,
  response: AxiosResponse,
  settings: HttpSettings,
  retryAfterMs?: number,
): Promise<MlflowRestError> {
  const text = await readText(response.data).catch(() => '');
  let errorCode = CODE_BY_STATUS[response.status] ?? 'HTTP_ERROR';
  let message = text.trim().slice(0, 500) || `HTTP ${response.status}`;
  try {
    const body = JSON.parse(text) as { error_code?: unknown; message?: unknown };
    if (typeof body.error_code === 'string') errorCode = body.error_code;
    if (typeof body.message === 'string') message = body.message;
  } catch {
    // not MLflow's JSON error shape: keep the text
  }
  const hint = response.status === 401 || response.status === 403 ? authHint(response.status, settings) : '';
  // NB: the body is the server's (or a proxy's): it could echo a header back, so it is redacted too.
  return new MlflowRestError(
    redact(`${errorCode}: ${message} (${request.method} ${describeUrl(request, baseUrl)}, HTTP ${response.status})${hint}`),
    errorCode,
    response.status,
    { retryAfterMs },
  );
}
