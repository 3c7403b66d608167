/**
 * What the S3 and Azure repositories share, over an in-memory store: artifact paths become keys
 * under the root's prefix as MLflow lays them out, and a store's listing is input like any other
 * (a key outside the prefix, a '..' or a self-referencing prefix never names a file). And the
 * stores' answers as this package's errors, from a fake S3 and a fake Blob service on loopback:
 * isNotFound for a missing object, MLflow's codes for refusals, status 0 when nothing answered.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { AzureBlobArtifactRepository } from '../../src/artifacts/azure-artifact-repo';
import { type ObjectListing, ObjectStoreArtifactRepository } from '../../src/artifacts/object-store-repo';
import { S3ArtifactRepository } from '../../src/artifacts/s3-artifact-repo';
import { isNotFound, MlflowAutologError, MlflowRestError, ValidationError } from '../../src/errors';

/** An object store in a Map; `extra` adds what a hostile store would list under a prefix. */
class MemoryRepository extends ObjectStoreArtifactRepository {
  readonly objects = new Map<string, Buffer>();
  constructor(
    rootKey: string,
    private readonly extra: (prefix: string) => Partial<ObjectListing> = () => ({}),
  ) {
    super(`mem://bucket/${rootKey}`, rootKey);
  }
  protected async putObject(localFile: string, key: string): Promise<void> {
    this.objects.set(key, readFileSync(localFile));
  }
  protected async *listObjects(prefix: string): AsyncIterable<ObjectListing> {
    const prefixes = new Set<string>();
    const objects: ObjectListing['objects'] = [];
    for (const [key, data] of this.objects) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      if (rest.includes('/')) prefixes.add(prefix + rest.slice(0, rest.indexOf('/') + 1));
      else objects.push({ key, size: data.length });
    }
    const extra = this.extra(prefix);
    yield { prefixes: [...prefixes, ...(extra.prefixes ?? [])], objects: [...objects, ...(extra.objects ?? [])] };
  }
  protected async getObject(key: string): Promise<Readable> {
    const data = this.objects.get(key);
    if (!data) throw new MlflowRestError(`No such artifact: ${key}`, 'RESOURCE_DOES_NOT_EXIST', 404);
    return Readable.from([data]);
  }
}

function localTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'object-store-'));
  mkdirSync(join(dir, 'sub', 'deeper'), { recursive: true });
  writeFileSync(join(dir, 'a.txt'), 'A');
  writeFileSync(join(dir, 'sub', 'b.json'), '{}');
  writeFileSync(join(dir, 'sub', 'deeper', 'c.bin'), Buffer.from([1, 2, 3]));
  return dir;
}

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(dir, join(prefix, e.name)) : [join(prefix, e.name)],
  );
}

describe('object store layout and hostile listings', () => {
  test('files go to keys under the root prefix, laid out as MLflow lays them out, and come back the same', async () => {
    const repo = new MemoryRepository('artifacts/0/run/artifacts');
    const dir = localTree();
    await repo.logArtifacts(dir, 'model');
    await repo.logArtifact(join(dir, 'a.txt'));
    assert.deepEqual([...repo.objects.keys()].sort(), [
      'artifacts/0/run/artifacts/a.txt',
      'artifacts/0/run/artifacts/model/a.txt',
      'artifacts/0/run/artifacts/model/sub/b.json',
      'artifacts/0/run/artifacts/model/sub/deeper/c.bin',
    ]);
    assert.deepEqual(await repo.listArtifacts('model'), [
      { path: 'model/a.txt', isDir: false, fileSize: 1 },
      { path: 'model/sub', isDir: true },
    ]);
    const dest = mkdtempSync(join(tmpdir(), 'object-store-dl-'));
    assert.equal(await repo.downloadArtifacts('model', dest), join(dest, 'model'));
    assert.deepEqual(filesUnder(join(dest, 'model')).sort(), ['a.txt', join('sub', 'b.json'), join('sub', 'deeper', 'c.bin')]);
    assert.deepEqual(readFileSync(join(dest, 'model', 'sub', 'deeper', 'c.bin')), Buffer.from([1, 2, 3]));
  });

  test("a bucket's root is a root too: keys have no leading slash", async () => {
    const repo = new MemoryRepository('');
    await repo.logArtifact(join(localTree(), 'a.txt'), 'x');
    assert.deepEqual([...repo.objects.keys()], ['x/a.txt']);
    assert.deepEqual(await repo.listArtifacts(), [{ path: 'x', isDir: true }]);
  });

  test('an artifact path with .. is refused before anything is uploaded', async () => {
    const repo = new MemoryRepository('root');
    await assert.rejects(repo.logArtifact(join(localTree(), 'a.txt'), '../other-run'), ValidationError);
    await assert.rejects(repo.logArtifacts(localTree(), 'a/../../b'), ValidationError);
    assert.equal(repo.objects.size, 0);
  });

  test('a key outside the listed prefix, or one with .. in it, is refused and nothing is written', async () => {
    for (const extra of [{ objects: [{ key: 'elsewhere/secret', size: 1 }] }, { objects: [{ key: 'root/../../etc/passwd', size: 1 }] }, { prefixes: ['root/../'] }]) {
      const repo = new MemoryRepository('root', (prefix) => (prefix === 'root/' ? extra : {}));
      const dest = mkdtempSync(join(tmpdir(), 'object-store-hostile-'));
      await assert.rejects(repo.downloadArtifacts(undefined, dest), (error: unknown) => error instanceof ValidationError || error instanceof MlflowAutologError);
      assert.deepEqual(readdirSync(dest), [], JSON.stringify(extra));
    }
  });

  test("folder markers are not files, and a prefix that names its own folder ('./', '//') is not walked again", async () => {
    const repo = new MemoryRepository('root', (prefix) => ({ prefixes: [`${prefix}./`, `${prefix}/`], objects: [{ key: prefix, size: 0 }] }));
    await repo.logArtifact(join(localTree(), 'a.txt'), 'dir');
    assert.deepEqual(await repo.listArtifacts(), [{ path: 'dir', isDir: true }]);
    const dest = mkdtempSync(join(tmpdir(), 'object-store-markers-'));
    await repo.downloadArtifacts(undefined, dest);
    assert.deepEqual(filesUnder(dest), [join('dir', 'a.txt')]);
  });

  test('downloading a missing file is a not-found error', async () => {
    const repo = new MemoryRepository('root');
    await assert.rejects(repo.downloadArtifacts('nope.txt', mkdtempSync(join(tmpdir(), 'object-store-missing-'))), (error: unknown) => isNotFound(error));
  });
});

/** A loopback server answering every request with `status`, `headers` and `body`. */
async function fakeStore(status: number, headers: Record<string, string>, body: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(status, headers).end(req.method === 'HEAD' ? undefined : body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

const s3Xml = (code: string) => `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code} from the fake</Message><RequestId>1</RequestId></Error>`;

describe("stores' answers as this package's errors", () => {
  const servers: Server[] = [];
  after(() => servers.forEach((s) => s.close()));
  const s3Env = (endpoint: string) => ({ MLFLOW_S3_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: 'key', AWS_SECRET_ACCESS_KEY: 'secret-value', AWS_DEFAULT_REGION: 'us-east-1' });

  test("S3's NoSuchKey is a not-found error naming the object", async () => {
    const { url, server } = await fakeStore(404, { 'Content-Type': 'application/xml' }, s3Xml('NoSuchKey'));
    servers.push(server);
    const repo = new S3ArtifactRepository('s3://bucket/root', { env: s3Env(url) });
    await assert.rejects(repo.downloadArtifacts('a.txt', mkdtempSync(join(tmpdir(), 's3-404-'))), (error: unknown) => {
      assert.ok(isNotFound(error), String(error));
      assert.match((error as Error).message, /s3:\/\/bucket\/root\/a\.txt/);
      return true;
    });
  });

  test("S3's AccessDenied is PERMISSION_DENIED with the store's status and a hint about credentials, without the secret", async () => {
    const { url, server } = await fakeStore(403, { 'Content-Type': 'application/xml' }, s3Xml('AccessDenied'));
    servers.push(server);
    const repo = new S3ArtifactRepository('s3://bucket/root', { env: s3Env(url) });
    await assert.rejects(repo.listArtifacts(), (error: unknown) => {
      assert.ok(error instanceof MlflowRestError, String(error));
      assert.equal(error.errorCode, 'PERMISSION_DENIED');
      assert.equal(error.httpStatus, 403);
      assert.match(error.message, /AWS_ACCESS_KEY_ID/);
      assert.doesNotMatch(error.message, /secret-value/);
      return true;
    });
  });

  test('an S3 endpoint that does not answer is a network error (status 0), which the sender retries later', async () => {
    const { url, server } = await fakeStore(200, {}, '');
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const repo = new S3ArtifactRepository('s3://bucket/root', { env: s3Env(url) });
    await assert.rejects(repo.listArtifacts(), (error: unknown) => error instanceof MlflowRestError && error.errorCode === 'NETWORK_ERROR' && error.httpStatus === 0);
  });

  test("Azure's BlobNotFound is a not-found error, and AuthenticationFailed is UNAUTHENTICATED with a hint", async () => {
    const key = Buffer.from('k'.repeat(64)).toString('base64');
    const env = (url: string) => ({ AZURE_STORAGE_CONNECTION_STRING: `DefaultEndpointsProtocol=http;AccountName=acct;AccountKey=${key};BlobEndpoint=${url}/acct;` });
    const missing = await fakeStore(404, { 'x-ms-error-code': 'BlobNotFound' }, '');
    const refused = await fakeStore(403, { 'x-ms-error-code': 'AuthenticationFailed', 'Content-Type': 'application/xml' }, '<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code><Message>no</Message></Error>');
    servers.push(missing.server, refused.server);
    const uri = 'wasbs://c@acct.blob.core.windows.net/root';
    await assert.rejects(new AzureBlobArtifactRepository(uri, { env: env(missing.url) }).downloadArtifacts('a.txt', mkdtempSync(join(tmpdir(), 'az-404-'))), (error: unknown) => isNotFound(error));
    await assert.rejects(new AzureBlobArtifactRepository(uri, { env: env(refused.url) }).listArtifacts(), (error: unknown) => {
      assert.ok(error instanceof MlflowRestError, String(error));
      assert.equal(error.errorCode, 'UNAUTHENTICATED');
      assert.equal(error.httpStatus, 403);
      assert.match(error.message, /AZURE_STORAGE_CONNECTION_STRING/);
      return true;
    });
  });
});
