/**
 * Redirects, as the request function follows them itself: a streamed body is made anew for each
 * hop (never kept in memory for a resend), credentials stay with the server's origin, and the
 * method changes as HTTP says. Loopback servers that redirect on cue (fault injection only).
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadConfig } from '../../src/config/config';
import { MlflowRestError } from '../../src/errors';
import { HttpClient } from '../../src/rest/http';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const servers: ReturnType<typeof createServer>[] = [];
after(() => servers.forEach((s) => s.close()));

interface Seen {
  method: string;
  url: string;
  authorization?: string;
  contentType?: string;
  bytes: number;
}

/** A server that records each request (its body counted, not kept) and answers with `handler`. */
async function recordingServer(handler: (req: IncomingMessage, res: ServerResponse, seen: Seen) => void, onChunk?: (bytes: number) => void): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const entry: Seen = { method: req.method!, url: req.url!, authorization: req.headers.authorization, contentType: req.headers['content-type'], bytes: 0 };
    seen.push(entry);
    req.on('data', (chunk: Buffer) => {
      entry.bytes += chunk.length;
      onChunk?.(entry.bytes);
    });
    req.on('end', () => handler(req, res, entry));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, seen };
}

function client(url: string, env: NodeJS.ProcessEnv = {}): HttpClient {
  return new HttpClient(url, loadConfig({ trackingUri: url }, env).http, async () => undefined);
}

/** A body of `mib` MiB in fresh 1 MiB buffers (a buffer kept for a resend stays alive). */
function freshBuffers(mib: number): Readable {
  let left = mib;
  return new Readable({
    read() {
      this.push(left-- > 0 ? Buffer.alloc(1 << 20, left & 0xff) : null);
    },
  });
}

describe('redirects', () => {
  test('a streamed PUT redirected with 307 after its body was read is sent again from a fresh stream, whole, to the new location', async () => {
    const { url, seen } = await recordingServer((req, res) => {
      if (req.url === '/first') res.writeHead(307, { Location: '/second' }).end();
      else res.writeHead(200).end('{}');
    });
    const streams: Readable[] = [];
    await client(url).send({
      method: 'PUT',
      path: '/first',
      data: () => {
        streams.push(freshBuffers(3));
        return streams[streams.length - 1];
      },
    });
    assert.deepEqual(
      seen.map((s) => [s.method, s.url, s.bytes]),
      [['PUT', '/first', 3 << 20], ['PUT', '/second', 3 << 20]],
    );
    assert.equal(streams.length, 2, 'one stream per hop: the second hop did not replay a buffered copy');
  });

  test('a 128 MiB streamed upload keeps no copy of what was sent: less than half of it is ever alive in buffers', async () => {
    let most = 0;
    let nextCheck = 16 << 20;
    const { url, seen } = await recordingServer(
      (_req, res) => res.writeHead(200).end('{}'),
      (received) => {
        if (received < nextCheck) return;
        nextCheck += 16 << 20;
        gc();
        most = Math.max(most, process.memoryUsage().arrayBuffers);
      },
    );
    gc();
    const before = process.memoryUsage().arrayBuffers;
    await client(url).send({ method: 'PUT', path: '/upload', data: () => freshBuffers(128) });
    assert.equal(seen[0]!.bytes, 128 << 20);
    // NB: a kept copy would be all 128 MiB; what is alive besides is the sockets' and streams' buffers,
    // which grow when the machine is busy (35 MiB seen under load).
    assert.ok(most - before < 64 << 20, `${Math.round((most - before) / 2 ** 20)} MiB of buffers alive during the upload`);
  });

  test('a body the server redirects before reading it is closed, not left open', async () => {
    const server = createServer((req, res) => {
      // NB: answered at once, the body unread.
      if (req.url === '/early') res.writeHead(307, { Location: '/late', Connection: 'close' }).end();
      else req.resume().on('end', () => res.writeHead(200).end('{}'));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const streams: Readable[] = [];
    await client(url).send({
      method: 'PUT',
      path: '/early',
      data: () => {
        streams.push(freshBuffers(64));
        return streams[streams.length - 1];
      },
    });
    assert.equal(streams.length, 2);
    assert.ok(streams[0]!.destroyed, 'the first hop’s stream is closed');
    assert.ok(streams[1]!.readableEnded, 'the second hop’s stream was sent to its end');
  });

  test('credentials go with a redirect within the server’s origin, never to another origin', async () => {
    const other = await recordingServer((_req, res) => res.writeHead(200).end('{}'));
    const { url, seen } = await recordingServer((req, res) => {
      if (req.url === '/here') res.writeHead(302, { Location: '/there' }).end();
      else if (req.url === '/there') res.writeHead(200).end('{}');
      else res.writeHead(307, { Location: `${other.url}/elsewhere?sig=abc` }).end();
    });
    const http = client(url, { MLFLOW_TRACKING_TOKEN: 'tok' });
    await http.json('GET', '/here');
    await http.json('POST', '/away', { a: 1 });
    assert.deepEqual(seen.map((s) => [s.url, s.authorization]), [['/here', 'Bearer tok'], ['/there', 'Bearer tok'], ['/away', 'Bearer tok']]);
    assert.deepEqual(other.seen.map((s) => [s.method, s.url, s.authorization, s.bytes]), [['POST', '/elsewhere?sig=abc', undefined, 7]]);
  });

  test('303 after a PUT, and 302 after a POST, continue as a GET without the body', async () => {
    const { url, seen } = await recordingServer((req, res) => {
      if (req.url === '/put') res.writeHead(303, { Location: '/result' }).end();
      else if (req.url === '/post') res.writeHead(302, { Location: '/result' }).end();
      else res.writeHead(200).end('{"ok":true}');
    });
    const http = client(url);
    assert.deepEqual(await http.json('PUT', '/put', { a: 1 }), { ok: true });
    assert.deepEqual(await http.json('POST', '/post', { a: 1 }), { ok: true });
    assert.deepEqual(
      seen.map((s) => [s.method, s.url, s.bytes, s.contentType]),
      [['PUT', '/put', 7, 'application/json'], ['GET', '/result', 0, undefined], ['POST', '/post', 7, 'application/json'], ['GET', '/result', 0, undefined]],
    );
  });

  test('a sixth redirect is one error that says so, and is not retried', async () => {
    const { url, seen } = await recordingServer((req, res) => res.writeHead(307, { Location: `/hop${Number(req.url!.slice(4) || 0) + 1}` }).end());
    const error = await client(url).json('GET', '/hop0').catch((e: unknown) => e);
    assert.ok(error instanceof MlflowRestError);
    assert.equal(error.errorCode, 'TOO_MANY_REDIRECTS');
    assert.match(error.message, /GET http:\/\/127\.0\.0\.1:\d+\/hop0 was redirected more than 5 times \(last to http:\/\/127\.0\.0\.1:\d+\/hop6\)/);
    assert.equal(seen.length, 6);
  });

  test('an absolute URL the server handed out gets no credentials, and errors name it without its query string', async () => {
    const storage = await recordingServer((_req, res) => res.writeHead(403).end('expired'));
    const server = await recordingServer((_req, res) => res.writeHead(200).end('{}'));
    const http = client(server.url, { MLFLOW_TRACKING_TOKEN: 'tok' });
    const error = await http.send({ method: 'PUT', path: `${storage.url}/bucket/part?X-Signature=SECRETSIG`, data: () => 'x' }).catch((e: unknown) => e);
    assert.ok(error instanceof MlflowRestError);
    assert.equal(error.httpStatus, 403);
    assert.doesNotMatch(error.message, /SECRETSIG/);
    assert.match(error.message, /PUT http:\/\/127\.0\.0\.1:\d+\/bucket\/part, HTTP 403/);
    assert.equal(storage.seen[0]!.authorization, undefined);
  });
});
