/**
 * A throttling HTTP proxy on loopback, put in front of the real MLflow server, as a gateway that
 * sheds load: while `maxInFlight` requests are on their way to the server, a new one is answered
 * at once with 429 or 503 (in turn) and a `Retry-After` header. It records when each request
 * arrived and was refused, so that a test can check how long a client waited before its retry.
 * Fault injection only; what is stored always comes from the real server behind it.
 */
import { createHash } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

/** Options of {@link startThrottleProxy}. */
export interface ThrottleOptions {
  /** Requests forwarded at the same time at most; one more is refused. */
  maxInFlight: number;
  /** The `Retry-After` of a refusal, in whole seconds (the header's delay-seconds form). */
  retryAfterSeconds: number;
  /** The statuses refusals answer with, in turn. @default [429, 503] */
  statuses?: number[];
}

/** One request the proxy saw. */
export interface ThrottleEvent {
  /** Who sent it: the first path segment after `/c/` in the client's base URL (`<proxy>/c/<client>`). */
  client: string;
  method: string;
  /** The path forwarded to the server (without the `/c/<client>` prefix). */
  path: string;
  /** A hash of method, path and body: a retry of a request has the same. */
  identity: string;
  /** When its headers arrived (ms, `performance.now()` of this process). */
  arrivedAt: number;
  /** Set for a refusal: the status, and when the answer was written. */
  refused?: { status: number; at: number };
  /** The server's status, for a forwarded request. */
  status?: number;
}

/** A refusal and what the client did next with the same request. */
export interface RefusalOutcome {
  event: ThrottleEvent;
  /** Time from the refusal to the same request's next arrival (ms); undefined if it never came. */
  retryGapMs: number | undefined;
}

export interface ThrottleProxy {
  url: string;
  /** The base URL a client should use to be told apart: `<url>/c/<client>`. */
  urlFor(client: string): string;
  events: ThrottleEvent[];
  /** The most requests that were on their way to the server at once. */
  readonly peakInFlight: number;
  /** Every refusal with the gap until its retry. */
  refusals(): RefusalOutcome[];
  close(): Promise<void>;
}

export async function startThrottleProxy(target: string, options: ThrottleOptions): Promise<ThrottleProxy> {
  const upstream = new URL(target);
  const statuses = options.statuses ?? [429, 503];
  const events: ThrottleEvent[] = [];
  let inFlight = 0;
  let peakInFlight = 0;
  let refusedCount = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const arrivedAt = performance.now();
    const match = /^\/c\/([^/]+)(\/.*)$/.exec(req.url ?? '/');
    const client = match ? decodeURIComponent(match[1]!) : '';
    const path = match ? match[2]! : (req.url ?? '/');
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const identity = createHash('sha256').update(`${req.method} ${path}\n`).update(body).digest('hex');
      const event: ThrottleEvent = { client, method: req.method ?? '', path, identity, arrivedAt };
      events.push(event);
      if (inFlight >= options.maxInFlight) {
        const status = statuses[refusedCount++ % statuses.length]!;
        event.refused = { status, at: performance.now() };
        res.writeHead(status, { 'Retry-After': String(options.retryAfterSeconds), 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error_code: status === 429 ? 'REQUEST_LIMIT_EXCEEDED' : 'TEMPORARILY_UNAVAILABLE', message: 'throttled by the test proxy' }));
        return;
      }
      inFlight++;
      peakInFlight = Math.max(peakInFlight, inFlight);
      let released = false;
      const release = () => {
        if (!released) inFlight--;
        released = true;
      };
      const headers = { ...req.headers, host: upstream.host, 'content-length': String(body.length) };
      delete headers['transfer-encoding'];
      const proxied = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path, headers }, (upstreamRes) => {
        event.status = upstreamRes.statusCode;
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
        upstreamRes.on('end', release);
        upstreamRes.on('error', release);
      });
      proxied.on('error', () => {
        release();
        res.destroy();
      });
      proxied.end(body);
    });
  });
  // NB: many clients at once; Node's default backlog and keep-alive suit that.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    urlFor: (client) => `${url}/c/${encodeURIComponent(client)}`,
    events,
    get peakInFlight() {
      return peakInFlight;
    },
    refusals() {
      // NB: from the last event back, keeping when each (client, identity) arrives next.
      const nextArrival = new Map<string, number>();
      const outcomes: RefusalOutcome[] = [];
      for (let i = events.length - 1; i >= 0; i--) {
        const event = events[i]!;
        const key = `${event.client}\n${event.identity}`;
        const next = nextArrival.get(key);
        if (event.refused) outcomes.push({ event, retryGapMs: next === undefined ? undefined : next - event.refused.at });
        nextArrival.set(key, event.arrivedAt);
      }
      return outcomes.reverse();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
