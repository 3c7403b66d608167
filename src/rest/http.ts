/**
 * The one function that talks HTTP to a tracking server. It owns auth, TLS, timeouts, retries
 * (MLflow's policy: 408, 429, 500, 502, 503, 504 and connection errors, exponential backoff with
 * jitter, `Retry-After` honoured) and the mapping of MLflow's `{error_code, message}` to
 * {@link MlflowRestError}. Nothing else in the package builds request URLs.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse, type Method, type ResponseType } from 'axios';
import type { HttpSettings } from '../config/config';
import { MlflowRestError } from '../errors';
import { PACKAGE_VERSION } from '../version';

const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const RETRY_AFTER_STATUSES = new Set([413, 429, 503]);
const RETRY_ERROR_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_SOCKET_CONNECTION_TIMEOUT',
]);
// NB: urllib3 caps backoff at DEFAULT_BACKOFF_MAX, 120 s in urllib3 2.x.
const BACKOFF_MAX_SECONDS = 120;

/** One request. `data` is a factory so that a retry can send a fresh stream. */
export interface HttpRequest {
  method: Method;
  /** The path below the server's base URL, starting with `/`, e.g. `/api/2.0/mlflow/runs/get`. */
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

  constructor(
    /** The tracking server's base URL, without a trailing slash. */
    readonly baseUrl: string,
    private readonly settings: HttpSettings,
    sleep?: (ms: number) => Promise<void>,
    /** Background use: retry waits never keep the process alive. */
    options: { background?: boolean } = {},
  ) {
    this.sleep = sleep ?? ((ms) => abortableSleep(ms, this.aborter.signal, options.background ?? false));
    const ca = settings.caCertPath ? readFileSync(settings.caCertPath) : undefined;
    this.axios = axios.create({
      baseURL: baseUrl,
      timeout: settings.timeoutMs,
      maxBodyLength: Infinity,
      maxContentLength: Infinity,
      maxRedirects: 5,
      validateStatus: () => true,
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: 10 }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 10, rejectUnauthorized: !settings.insecureTls, ca }),
      headers: { 'User-Agent': `mlflow-autolog/${PACKAGE_VERSION} node/${process.versions.node}`, ...authHeader(settings) },
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
      throw new MlflowRestError(`${method} ${path} answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`, 'BAD_RESPONSE', response.status, { cause: error });
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
        response = await this.axios.request({
          method: request.method,
          url: request.path,
          params: request.query,
          data: request.data?.(),
          headers: request.headers,
          responseType: request.responseType ?? 'text',
          timeout: request.timeoutMs ?? this.settings.timeoutMs,
          signal: this.aborter.signal,
        });
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        const retryable = request.notIdempotent ? code === 'ECONNREFUSED' : RETRY_ERROR_CODES.has(code) || /socket hang up|timeout/i.test((error as Error).message);
        if (attempt < maxRetries && !this.aborter.signal.aborted && retryable) {
          await this.sleep(this.backoffMs(attempt + 1));
          continue;
        }
        throw new MlflowRestError(
          `${request.method} ${this.baseUrl}${request.path} failed after ${attempt + 1} attempt(s): ${(error as Error).message}`,
          'NETWORK_ERROR',
          0,
          { cause: error },
        );
      }
      const status = response.status;
      if ((status >= 200 && status < 300) || request.acceptStatuses?.includes(status)) return response;
      const retryable = request.notIdempotent ? status === 429 || status === 503 : RETRY_STATUSES.has(status);
      if (attempt < maxRetries && retryable && !this.aborter.signal.aborted) {
        discard(response);
        await this.sleep(this.retryAfterMs(response) ?? this.backoffMs(attempt + 1));
        continue;
      }
      throw await toRestError(request, this.baseUrl, response);
    }
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

function authHeader(settings: HttpSettings): Record<string, string> {
  const { auth } = settings;
  if (auth.kind === 'basic') return { Authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` };
  if (auth.kind === 'bearer') return { Authorization: `Bearer ${auth.token}` };
  return {};
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

async function toRestError(request: HttpRequest, baseUrl: string, response: AxiosResponse): Promise<MlflowRestError> {
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
  return new MlflowRestError(
    `${errorCode}: ${message} (${request.method} ${baseUrl}${request.path}, HTTP ${response.status})`,
    errorCode,
    response.status,
  );
}
