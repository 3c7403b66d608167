/**
 * A fault-injecting HTTP proxy on loopback, put in front of the real MLflow server: it answers a
 * scripted number of requests itself (an error status, a reset, a delay) and forwards the rest.
 * Fault injection only; compatibility evidence always comes from the real server behind it.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { after, before } from 'node:test';
import { configure } from '../../src/tracking/fluent';
import { testServer } from './mlflow-server';

export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'reset' }
  | { kind: 'delay'; ms: number }
  /** Forwarded and processed by the server, but its answer never reaches the client (the socket is destroyed). */
  | { kind: 'drop-response' }
  /** The connection is reset once `afterBytes` of the request body went through (an upload cut in the middle). */
  | { kind: 'reset-mid-body'; afterBytes: number };

export interface FaultRule {
  /** Requests whose path matches get the faults, in order, one per request. */
  path: RegExp;
  faults: Fault[];
}

export interface FaultProxy {
  url: string;
  /** Every request seen: path, and whether it was forwarded. */
  log: { method: string; path: string; forwarded: boolean; fault?: Fault['kind'] }[];
  /** While down, every connection is reset at once, as a server that is gone. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

export async function startFaultProxy(target: string, rules: FaultRule[]): Promise<FaultProxy> {
  const upstream = new URL(target);
  const log: FaultProxy['log'] = [];
  let down = false;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    if (down) {
      log.push({ method: req.method ?? '', path, forwarded: false, fault: 'reset' });
      req.socket.destroy();
      return;
    }
    const rule = rules.find((r) => r.path.test(path) && r.faults.length > 0);
    const fault = rule?.faults.shift();
    if (fault?.kind === 'status') {
      log.push({ method: req.method ?? '', path, forwarded: false, fault: 'status' });
      req.resume();
      res.writeHead(fault.status, fault.headers).end(fault.body ?? '');
      return;
    }
    if (fault?.kind === 'reset-mid-body') {
      log.push({ method: req.method ?? '', path, forwarded: false, fault: 'reset-mid-body' });
      let received = 0;
      req.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received >= fault.afterBytes) req.socket.destroy();
      });
      return;
    }
    if (fault?.kind === 'reset') {
      log.push({ method: req.method ?? '', path, forwarded: false, fault: 'reset' });
      req.socket.destroy();
      return;
    }
    const forward = () => {
      log.push({ method: req.method ?? '', path, forwarded: true, fault: fault?.kind });
      const proxied = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path, headers: { ...req.headers, host: upstream.host } },
        (upstreamRes) => {
          if (fault?.kind === 'drop-response') {
            // NB: the server has processed the request; the client never learns it.
            upstreamRes.resume();
            upstreamRes.on('end', () => req.socket.destroy());
            return;
          }
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          upstreamRes.pipe(res);
        },
      );
      proxied.on('error', () => res.destroy());
      req.pipe(proxied);
    };
    if (fault?.kind === 'delay') setTimeout(forward, fault.ms);
    else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    setDown(value) {
      down = value;
      if (down) server.closeAllConnections();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * For a test file: the real server's URL once `before` ran, and a way to start fault proxies in
 * front of it; the proxies are closed and the fluent API reset after the file's tests.
 */
export function useFaultProxies(): { serverUrl(): string; proxy(rules: FaultRule[]): Promise<FaultProxy> } {
  let url = '';
  const proxies: FaultProxy[] = [];
  before(async () => {
    url = (await testServer()).url;
  });
  after(async () => {
    await Promise.all(proxies.map((p) => p.close()));
    configure({});
  });
  return {
    serverUrl: () => url,
    async proxy(rules) {
      const started = await startFaultProxy(url, rules);
      proxies.push(started);
      return started;
    },
  };
}
