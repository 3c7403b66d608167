/**
 * The request function's policy, pinned against small loopback servers that misbehave on cue
 * (fault injection only: compatibility is tested against the real MLflow server elsewhere).
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { after, describe, test } from 'node:test';
import { inspect } from 'node:util';
import { freePort } from '../harness/mlflow-server';
import { loadConfig } from '../../src/config/config';
import { isDatabaseBusy, isTransient, MlflowRestError } from '../../src/errors';
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
  test('twenty requests in flight at once print no warning on the process (one abort signal serves them all)', async () => {
    const url = await fakeServer((_req, res) => res.writeHead(200).end('{}'));
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const { http } = client(url);
      await Promise.all(Array.from({ length: 20 }, () => http.json('GET', '/api/2.0/mlflow/x')));
      // NB: Node emits process warnings on the next tick.
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', onWarning);
    }
    assert.deepEqual(warnings.map((w) => w.name), []);
  });

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

  // MLflow 3.18's managed session maps SQLAlchemy's pool TimeoutError to BAD_REQUEST (store/db/utils.py).
  const POOL_TIMEOUT =
    '{"error_code":"BAD_REQUEST","message":"QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00 (Background on this error at: https://sqlalche.me/e/21/3o7r)"}';

  test("retries MLflow's 400 for a database with no free connection, even for a request that is not idempotent", async () => {
    const url = await fakeServer((_req, res, _body, n) => {
      if (n < 2) res.writeHead(400, { 'Content-Type': 'application/json' }).end(POOL_TIMEOUT);
      else res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
    });
    const { http, sleeps } = client(url);
    assert.deepEqual(await http.json('POST', '/api/2.0/mlflow/logged-models', {}, { notIdempotent: true }), { ok: true });
    assert.equal(sleeps.length, 2);
  });

  test('a busy database that stays busy ends as a transient error, so the sender keeps the batch', async () => {
    let calls = 0;
    const url = await fakeServer((_req, res) => {
      calls++;
      res.writeHead(400, { 'Content-Type': 'application/json' }).end(POOL_TIMEOUT);
    });
    const { http } = client(url, { MLFLOW_HTTP_REQUEST_MAX_RETRIES: '1' });
    await assert.rejects(http.json('POST', '/api/2.0/mlflow/runs/log-batch', {}), (e: unknown) => {
      assert.ok(e instanceof MlflowRestError && e.httpStatus === 400);
      assert.ok(isDatabaseBusy(e) && isTransient(e));
      return true;
    });
    assert.equal(calls, 2);
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

  describe('secrets', () => {
    const USER = 'SECRETuser7';
    const PASSWORD = 'SECRETpass7';
    const BASIC = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');

    /** Everything an error shows when printed, logged or serialized, `cause` chain included. */
    function everything(error: unknown): string {
      const seen = new Set<unknown>();
      const parts: string[] = [inspect(error, { depth: Infinity, showHidden: true })];
      for (let e = error; e && typeof e === 'object' && !seen.has(e); e = (e as { cause?: unknown }).cause) {
        seen.add(e);
        parts.push(String((e as Error).message), String((e as Error).stack), JSON.stringify(e, Object.getOwnPropertyNames(e)));
      }
      return parts.join('\n');
    }

    function assertClean(error: unknown) {
      const text = everything(error);
      for (const secret of [USER, PASSWORD, BASIC]) assert.ok(!text.includes(secret), `"${secret}" leaked: ${text}`);
      assert.doesNotMatch(text, /authorization/i);
    }

    test('a URL with user info sends Basic auth and keeps the URL without it', async () => {
      let seen = '';
      const url = await fakeServer((req, res) => {
        seen = req.headers.authorization ?? '';
        res.writeHead(200).end('{}');
      });
      const http = new HttpClient(url.replace('http://', `http://${USER}:${PASSWORD}@`), loadConfig({}, {}).http);
      await http.json('GET', '/x');
      assert.equal(seen, `Basic ${BASIC}`);
      assert.equal(http.baseUrl, url);
    });

    test('an unreachable server gives an error whose cause keeps the method, the URL and the code, and no header', async () => {
      const url = `http://127.0.0.1:${await freePort()}`;
      const { http } = client(url, { MLFLOW_TRACKING_USERNAME: USER, MLFLOW_TRACKING_PASSWORD: PASSWORD, MLFLOW_HTTP_REQUEST_MAX_RETRIES: '1' });
      const error = await http.json('POST', '/api/2.0/mlflow/runs/create', { a: 1 }).catch((e: unknown) => e);
      assert.ok(error instanceof MlflowRestError);
      assert.equal(error.errorCode, 'NETWORK_ERROR');
      assert.deepEqual(Object.keys(error.cause as object).sort(), ['code', 'message', 'method', 'url']);
      assert.deepEqual({ ...(error.cause as object), message: undefined }, { method: 'POST', url: `${url}/api/2.0/mlflow/runs/create`, code: 'ECONNREFUSED', message: undefined });
      assertClean(error);
    });

    test('a 401 is one request and one error that says which variables to check', async () => {
      let calls = 0;
      const url = await fakeServer((_req, res) => {
        calls++;
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="mlflow"' }).end('You are not authenticated.');
      });
      const error = await client(url, { MLFLOW_TRACKING_USERNAME: USER, MLFLOW_TRACKING_PASSWORD: PASSWORD }).http.json('GET', '/x').catch((e: unknown) => e);
      assert.ok(error instanceof MlflowRestError);
      assert.equal(error.httpStatus, 401);
      assert.match(error.message, /did not accept the credentials from MLFLOW_TRACKING_USERNAME\/MLFLOW_TRACKING_PASSWORD; check/);
      assert.equal(calls, 1);
      assertClean(error);
      const anonymous = await client(url).http.json('GET', '/x').catch((e: unknown) => e);
      assert.match((anonymous as Error).message, /the server wants credentials; set MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD/);
    });

    test('a 403 says the user lacks permission without naming the user', async () => {
      const url = await fakeServer((_req, res) => res.writeHead(403).end('Permission denied'));
      const error = await client(url, { MLFLOW_TRACKING_USERNAME: USER, MLFLOW_TRACKING_PASSWORD: PASSWORD }).http.json('GET', '/x').catch((e: unknown) => e);
      assert.ok(error instanceof MlflowRestError);
      assert.equal(error.errorCode, 'PERMISSION_DENIED');
      assert.match(error.message, /has no permission for this; ask an admin/);
      assertClean(error);
    });

    test('a server that echoes the Authorization header in its error body does not get it into the message', async () => {
      const url = await fakeServer((req, res) => res.writeHead(400).end(`bad request; headers: ${JSON.stringify(req.headers)}`));
      const error = await client(url, { MLFLOW_TRACKING_USERNAME: USER, MLFLOW_TRACKING_PASSWORD: PASSWORD }).http.json('GET', '/x').catch((e: unknown) => e);
      assert.ok(error instanceof MlflowRestError);
      assert.match(error.message, /Basic \*\*\*/);
      assert.ok(!error.message.includes(BASIC) && !error.message.includes(PASSWORD));
    });
  });
});
