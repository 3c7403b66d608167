/**
 * The request function's policy, pinned against small loopback servers that misbehave on cue
 * (fault injection only: compatibility is tested against the real MLflow server elsewhere).
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { after, describe, test } from 'node:test';
import { loadConfig } from '../../src/config/config';
import { MlflowRestError } from '../../src/errors';
import { HttpClient } from '../../src/rest/http';
import { RestStore } from '../../src/rest/rest-store';

const servers: ReturnType<typeof createServer>[] = [];
after(() => servers.forEach((s) => s.close()));

async function fakeServer(handler: (req: IncomingMessage, res: ServerResponse, body: string, n: number) => void): Promise<string> {
  let n = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => handler(req, res, body, n++));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

function client(url: string, env: NodeJS.ProcessEnv = {}) {
  const sleeps: number[] = [];
  const config = loadConfig({ trackingUri: url }, env);
  const http = new HttpClient(url, config.http, async (ms) => {
    sleeps.push(ms);
  });
  return { http, sleeps };
}

describe('the HTTP request function', () => {
  test('retries 408, 429, 500, 502, 503 and 504, then succeeds', async () => {
    const statuses = [408, 429, 500, 502, 503, 504];
    const url = await fakeServer((_req, res, _body, n) => {
      if (n < statuses.length) res.writeHead(statuses[n]!).end();
      else res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
    });
    const { http, sleeps } = client(url);
    assert.deepEqual(await http.json('POST', '/api/2.0/mlflow/x', {}), { ok: true });
    assert.equal(sleeps.length, 6);
  });

  test('backs off exponentially from the second retry, as urllib3 does with MLflow defaults', async () => {
    const url = await fakeServer((_req, res, _body, n) => res.writeHead(n < 4 ? 503 : 200).end('{}'));
    const { http, sleeps } = client(url, { MLFLOW_HTTP_REQUEST_BACKOFF_JITTER: '0' });
    await http.json('GET', '/api/2.0/mlflow/x');
    assert.deepEqual(sleeps, [0, 4000, 8000, 16000]);
  });

  test('honours Retry-After on 429 and 503', async () => {
    const url = await fakeServer((_req, res, _body, n) => (n === 0 ? res.writeHead(429, { 'Retry-After': '3' }).end() : res.writeHead(200).end('{}')));
    const { http, sleeps } = client(url);
    await http.json('GET', '/api/2.0/mlflow/x');
    assert.deepEqual(sleeps, [3000]);
  });

  test('gives up after MLFLOW_HTTP_REQUEST_MAX_RETRIES retries with the last error', async () => {
    let calls = 0;
    const url = await fakeServer((_req, res) => {
      calls++;
      res.writeHead(503, { 'Content-Type': 'application/json' }).end('{"error_code":"TEMPORARILY_UNAVAILABLE","message":"down"}');
    });
    const { http } = client(url, { MLFLOW_HTTP_REQUEST_MAX_RETRIES: '2' });
    await assert.rejects(http.json('GET', '/api/2.0/mlflow/x'), (e: unknown) => e instanceof MlflowRestError && e.errorCode === 'TEMPORARILY_UNAVAILABLE' && e.httpStatus === 503);
    assert.equal(calls, 3);
  });

  test('retries a connection reset', async () => {
    const url = await fakeServer((req, res, _body, n) => (n === 0 ? req.socket.destroy() : res.writeHead(200).end('{"ok":1}')));
    const { http, sleeps } = client(url);
    assert.deepEqual(await http.json('GET', '/api/2.0/mlflow/x'), { ok: 1 });
    assert.equal(sleeps.length, 1);
  });

  test("maps MLflow's {error_code, message} to a typed error without retrying a 400", async () => {
    let calls = 0;
    const url = await fakeServer((_req, res) => {
      calls++;
      res.writeHead(400, { 'Content-Type': 'application/json' }).end('{"error_code":"INVALID_PARAMETER_VALUE","message":"bad key"}');
    });
    const { http } = client(url);
    await assert.rejects(http.json('POST', '/api/2.0/mlflow/runs/log-batch', {}), (e: unknown) => {
      assert.ok(e instanceof MlflowRestError);
      assert.equal(e.errorCode, 'INVALID_PARAMETER_VALUE');
      assert.match(e.message, /bad key/);
      return true;
    });
    assert.equal(calls, 1);
  });

  test('sends Basic credentials, or a bearer token', async () => {
    const seen: string[] = [];
    const url = await fakeServer((req, res) => {
      seen.push(req.headers.authorization ?? '');
      res.writeHead(200).end('{}');
    });
    await client(url, { MLFLOW_TRACKING_USERNAME: 'alice', MLFLOW_TRACKING_PASSWORD: 's3cret' }).http.json('GET', '/x');
    await client(url, { MLFLOW_TRACKING_TOKEN: 'tok' }).http.json('GET', '/x');
    assert.deepEqual(seen, [`Basic ${Buffer.from('alice:s3cret').toString('base64')}`, 'Bearer tok']);
  });

  test('sends NaN and ±Infinity metric values as the strings MLflow accepts', async () => {
    let body = '';
    const url = await fakeServer((_req, res, b) => {
      body = b;
      res.writeHead(200).end('{}');
    });
    const store = new RestStore(client(url).http);
    await store.logBatch('r1', {
      metrics: [NaN, Infinity, -Infinity, 0.5].map((value, step) => ({ key: 'm', value, step, timestamp: 1 })),
      params: [],
      tags: [],
    });
    assert.deepEqual((JSON.parse(body) as { metrics: { value: unknown }[] }).metrics.map((m) => m.value), ['NaN', 'Infinity', '-Infinity', 0.5]);
  });
});
