/**
 * Multipart upload through the artifact proxy: the real server's local store cannot do it and
 * answers 501, so the file goes up in one PUT; a fake server that can shows the multipart
 * protocol itself (create, parts to the credential URLs, complete; abort on failure).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/config/config';
import { HttpArtifactRepository } from '../../src/artifacts/http-artifact-repo';
import { HttpClient } from '../../src/rest/http';
import { MlflowClient } from '../../src/index';
import { startFaultProxy, type FaultProxy } from '../harness/fault-proxy';
import { testServer } from '../harness/mlflow-server';
import { REPO_ROOT, runPython } from '../harness/python';

const MB = 1024 * 1024;

function bigFile(bytes: number): { path: string; sha256: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mpu-'));
  const data = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) data[i] = (i * 31 + 7) & 0xff;
  const path = join(dir, 'blob.bin');
  writeFileSync(path, data);
  return { path, sha256: createHash('sha256').update(data).digest('hex') };
}

describe('multipart artifact upload', () => {
  const servers: ReturnType<typeof createServer>[] = [];
  let url: string;
  before(async () => {
    url = (await testServer()).url;
  });
  const proxies: FaultProxy[] = [];
  after(async () => {
    servers.forEach((s) => s.close());
    await Promise.all(proxies.map((p) => p.close()));
  });

  test('against the real server, whose local store answers 501, the file still arrives whole in one PUT', async () => {
    const env = { MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD: 'true', MLFLOW_MULTIPART_UPLOAD_MINIMUM_FILE_SIZE: String(1 * MB), MLFLOW_MULTIPART_UPLOAD_CHUNK_SIZE: String(1 * MB) };
    const proxy = await startFaultProxy(url, []);
    proxies.push(proxy);
    const client = new MlflowClient(loadConfig({ trackingUri: proxy.url }, { ...env }));
    const run = await client.createRun({ experimentId: '0' });
    const file = bigFile(3 * MB + 123);
    await client.logArtifact(run.runId, file.path, 'mpu');
    const artifactCalls = proxy.log.filter((r) => r.path.includes('mlflow-artifacts')).map((r) => `${r.method} ${r.path.split('/').slice(4, 6).join('/')}`);
    assert.deepEqual(artifactCalls, ['POST mpu/create', 'PUT artifacts/0'], 'asked for multipart, then fell back to one PUT');
    const out = await runPython([join(REPO_ROOT, 'test', 'python', 'artifact_sha256.py'), url, run.runId, 'mpu/blob.bin']);
    assert.deepEqual(JSON.parse(out), { size: 3 * MB + 123, sha256: file.sha256 });
  });

  test('against a server that supports it, parts go to the credential URLs and are completed with their ETags', async () => {
    const parts = new Map<number, Buffer>();
    const calls: string[] = [];
    let completed: { parts: { part_number: number; etag: string }[] } | undefined;
    const body = (req: IncomingMessage) =>
      new Promise<Buffer>((resolve) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => resolve(Buffer.concat(chunks)));
      });
    const server = createServer(async (req, res) => {
      const data = await body(req);
      const path = req.url ?? '';
      calls.push(`${req.method} ${path.replace(/\?.*/, '')}`);
      if (path.startsWith('/api/2.0/mlflow-artifacts/mpu/create/')) {
        const { num_parts } = JSON.parse(data.toString()) as { num_parts: number };
        const credentials = Array.from({ length: num_parts }, (_, i) => ({ part_number: i + 1, url: `${base}/storage/part/${i + 1}`, headers: {} }));
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ upload_id: 'u-1', credentials }));
      } else if (path.startsWith('/storage/part/')) {
        assert.equal(req.headers.authorization, undefined, 'no server credentials are sent to the storage URLs');
        const n = Number(path.split('/').pop());
        parts.set(n, data);
        res.writeHead(200, { ETag: `"etag-${n}"` }).end();
      } else if (path.startsWith('/api/2.0/mlflow-artifacts/mpu/complete/')) {
        completed = JSON.parse(data.toString()) as typeof completed;
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      } else {
        res.writeHead(404).end();
      }
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const config = loadConfig({ trackingUri: base }, { MLFLOW_TRACKING_TOKEN: 'secret' });
    const repo = new HttpArtifactRepository('mlflow-artifacts:/0/run/artifacts', new HttpClient(base, config.http), {
      enabled: true,
      minimumFileSize: MB,
      chunkSize: MB,
    });
    const file = bigFile(2 * MB + 10);
    await repo.logArtifact(file.path, 'big');
    assert.deepEqual(calls.filter((c) => c.startsWith('POST')), ['POST /api/2.0/mlflow-artifacts/mpu/create/0/run/artifacts/big/blob.bin', 'POST /api/2.0/mlflow-artifacts/mpu/complete/0/run/artifacts/big/blob.bin']);
    assert.equal(parts.size, 3);
    const joined = Buffer.concat([1, 2, 3].map((n) => parts.get(n)!));
    assert.equal(createHash('sha256').update(joined).digest('hex'), file.sha256);
    assert.deepEqual(completed?.parts, [1, 2, 3].map((n) => ({ part_number: n, etag: `"etag-${n}"` })));
  });
});
