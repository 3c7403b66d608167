/**
 * The artifact proxy's uploads, against a loopback server that records what arrives and how many
 * requests overlap (a recording server, not MLflow: the real server is tested in
 * artifacts-multipart and the autolog suites): a folder's files and a file's parts go a few at a
 * time, each exactly once.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { HttpArtifactRepository } from '../../src/artifacts/http-artifact-repo';
import { loadConfig } from '../../src/config/config';
import { HttpClient, type HttpRequest } from '../../src/rest/http';

const servers: ReturnType<typeof createServer>[] = [];
after(() => servers.forEach((s) => s.close()));

/**
 * A server that holds the uploads (PUTs) it receives until four wait or all `expected` came, so
 * that four uploads overlap if the client allows it; it answers each request with `answer`.
 */
async function holdingServer(expected: number, answer: (path: string, body: Buffer) => { status: number; headers?: Record<string, string>; body?: string }) {
  const arrived: { path: string; bytes: number }[] = [];
  let uploads = 0;
  const waiting: (() => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = decodeURIComponent(req.url!.split('?')[0]!);
      const body = Buffer.concat(chunks);
      const reply = () => {
        const out = answer(path, body);
        res.writeHead(out.status, out.headers).end(out.body ?? '{}');
      };
      if (req.method !== 'PUT') return reply();
      arrived.push({ path, bytes: body.length });
      uploads++;
      waiting.push(reply);
      if (waiting.length >= 4 || uploads === expected) waiting.splice(0).forEach((r) => r());
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { url, arrived };
}

/** A repository whose HTTP client counts the uploads it has in flight at once. */
function repository(url: string, multipart = { enabled: false, minimumFileSize: 1, chunkSize: 1 }) {
  const counted = { inFlight: 0, most: 0 };
  class CountingClient extends HttpClient {
    override async send(request: HttpRequest) {
      if (request.method !== 'PUT') return super.send(request);
      counted.most = Math.max(counted.most, ++counted.inFlight);
      try {
        return await super.send(request);
      } finally {
        counted.inFlight--;
      }
    }
  }
  const http = new CountingClient(url, loadConfig({ trackingUri: url }, {}).http, async () => undefined);
  return { repo: new HttpArtifactRepository('mlflow-artifacts:/0/run/artifacts', http, multipart), most: () => counted.most };
}

describe('uploads through the artifact proxy', () => {
  test('a folder of nine files goes four at a time, each file once, sub-folders kept', { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'folder-'));
    mkdirSync(join(dir, 'data'));
    const names = ['MLmodel', 'conda.yaml', 'python_env.yaml', 'requirements.txt', 'input_example.json', 'package.json', 'data/model.json', 'data/weights.bin', 'data/extra.txt'];
    for (const name of names) writeFileSync(join(dir, name), name);
    const server = await holdingServer(names.length, () => ({ status: 200 }));
    const { repo, most } = repository(server.url);
    await repo.logArtifacts(dir, 'model');
    assert.deepEqual(
      server.arrived.map((a) => a.path.replace('/api/2.0/mlflow-artifacts/artifacts/0/run/artifacts/model/', '')).sort(),
      [...names].sort(),
    );
    assert.ok(server.arrived.every((a, i) => a.bytes > 0 && server.arrived.findIndex((b) => b.path === a.path) === i));
    assert.equal(most(), 4, 'four uploads overlapped, never more');
  });

  test('a file in ten parts: at most four parts at once, each part its own bytes, completed with every ETag in order', { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parts-'));
    const file = join(dir, 'blob.bin');
    const content = Buffer.from(Array.from({ length: 100 }, (_, i) => i));
    writeFileSync(file, content);
    let completed: { parts: { part_number: number; etag: string }[] } | undefined;
    let base = '';
    const server = await holdingServer(10, (path, body) => {
      if (path.startsWith('/api/2.0/mlflow-artifacts/mpu/create/')) {
        const credentials = Array.from({ length: 10 }, (_, i) => ({ part_number: i + 1, url: `${base}/storage/part/${i + 1}?sig=x`, headers: {} }));
        return { status: 200, body: JSON.stringify({ upload_id: 'u-1', credentials }) };
      }
      if (path.startsWith('/storage/part/')) {
        const n = Number(path.split('/').pop());
        assert.deepEqual([...body], [...content.subarray((n - 1) * 10, n * 10)], `part ${n} holds its own bytes`);
        return { status: 200, headers: { ETag: `"etag-${n}"` } };
      }
      completed = JSON.parse(body.toString()) as typeof completed;
      return { status: 200 };
    });
    base = server.url;
    const { repo, most } = repository(server.url, { enabled: true, minimumFileSize: 1, chunkSize: 10 });
    await repo.logArtifact(file, 'big');
    assert.equal(server.arrived.length, 10);
    assert.equal(most(), 4, 'four parts overlapped, never more');
    assert.deepEqual(completed?.parts, Array.from({ length: 10 }, (_, i) => ({ part_number: i + 1, etag: `"etag-${i + 1}"` })));
  });
});
