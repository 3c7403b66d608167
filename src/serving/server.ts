/**
 * The scoring server, on node:http: MLflow's routes (`GET /ping`, `/health`, `/version`,
 * `POST /invocations`; `mlflow/pyfunc/scoring_server/__init__.py::init`), FastAPI's answers for
 * other routes and methods, a body limit (413), and a graceful close: no new connections, idle
 * ones closed, requests in flight answered (with `Connection: close`) before it resolves.
 *
 * NB: node:http rather than fastify: measured on the tfjs example model with autocannon (16
 * connections), fastify served fewer requests per second, and every route here is fixed: its
 * router, schemas and content-type parsers had nothing to do (see the commit that added this).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bodyTooLarge } from './errors';
import { errorResponse, JSON_CONTENT_TYPE, METHOD_NOT_ALLOWED_RESPONSE, NOT_FOUND_RESPONSE, PING_RESPONSE, type ScoringResponse } from './responses';
import type { Scorer } from './scorer';

/** Options of {@link startServer}. */
export interface ServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Largest request body accepted; a larger one is answered 413. */
  maxBodyBytes: number;
  /** What `/version` answers. */
  version: string;
}

/** A running scoring server. */
export interface ScoringServer {
  /** `http://host:port`, the port the server got. */
  readonly url: string;
  /** Requests being answered right now. */
  readonly inFlight: number;
  /**
   * Stops taking connections and resolves once every request in flight has been answered, or
   * after `graceMs`, when the connections left are cut.
   */
  close(graceMs?: number): Promise<void>;
}

/** Starts the server; resolves once it listens. */
export function startServer(scorer: Scorer, options: ServerOptions): Promise<ScoringServer> {
  let draining = false;
  let inFlight = 0;
  const send = (res: ServerResponse, answer: ScoringResponse, close = false) => {
    const headers: Record<string, string | number> = { 'content-type': answer.contentType, 'content-length': Buffer.byteLength(answer.body) };
    if (draining || close) headers.connection = 'close';
    res.writeHead(answer.status, headers).end(answer.body);
  };
  const versionResponse: ScoringResponse = { status: 200, contentType: JSON_CONTENT_TYPE, body: options.version };

  const invocations = (req: IncomingMessage, res: ServerResponse) => {
    const { maxBodyBytes } = options;
    const tooLarge = () => {
      // NB: the rest of the body is not read: answer, then close the connection.
      send(res, errorResponse(bodyTooLarge(maxBodyBytes)), true);
      req.resume();
    };
    if (Number(req.headers['content-length']) > maxBodyBytes) return tooLarge();
    inFlight++;
    let counted = true;
    const done = () => {
      if (counted) inFlight--;
      counted = false;
    };
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (!counted) return;
      size += chunk.length;
      if (size <= maxBodyBytes) return void chunks.push(chunk);
      done();
      tooLarge();
    });
    // NB: a client gone before its body was read leaves nothing to answer.
    req.on('error', done);
    req.on('end', () => {
      if (!counted) return;
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      scorer.invoke(body, req.headers['content-type']).then(
        (answer) => send(res, answer),
        // NB: invoke never rejects; this only keeps a bug from leaving the client waiting.
        (error: unknown) => send(res, { status: 500, contentType: JSON_CONTENT_TYPE, body: JSON.stringify({ error_code: 'INTERNAL_ERROR', message: String(error) }) }),
      ).finally(done);
    });
  };

  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    const get = req.method === 'GET';
    switch (path) {
      case '/invocations':
        return req.method === 'POST' ? invocations(req, res) : send(res, METHOD_NOT_ALLOWED_RESPONSE);
      case '/ping':
      case '/health':
        return send(res, get ? PING_RESPONSE : METHOD_NOT_ALLOWED_RESPONSE);
      case '/version':
        return send(res, get ? versionResponse : METHOD_NOT_ALLOWED_RESPONSE);
      default:
        return send(res, NOT_FOUND_RESPONSE);
    }
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      let closing: Promise<void> | undefined;
      resolve({
        url: `http://${host}:${port}`,
        get inFlight() {
          return inFlight;
        },
        close(graceMs = 30_000) {
          closing ??= new Promise<void>((done) => {
            draining = true;
            const timer = setTimeout(() => server.closeAllConnections(), graceMs).unref();
            server.close(() => {
              clearTimeout(timer);
              done();
            });
            server.closeIdleConnections();
          });
          return closing;
        },
      });
    });
  });
}
