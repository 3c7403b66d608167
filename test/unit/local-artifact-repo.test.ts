/**
 * Artifacts as plain local files: where they land, how they are listed (as MLflow's
 * LocalArtifactRepository lists them) and how they are downloaded.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import { LocalArtifactRepository } from '../../src/artifacts/local-artifact-repo';
import type { DownloadProgress } from '../../src/artifacts/types';
import { MlflowRestError, ValidationError } from '../../src/errors';

const base = mkdtempSync(join(tmpdir(), 'local-artifact-repo-'));
after(() => rmSync(base, { recursive: true, force: true }));
const tempDir = (prefix = 'artifacts-') => mkdtempSync(join(base, prefix));

/** A source folder: a.txt (3 bytes) and sub/b.bin (5 bytes), sub/deeper/c.txt (1 byte). */
function sourceTree(): string {
  const dir = tempDir('source-');
  writeFileSync(join(dir, 'a.txt'), 'abc');
  mkdirSync(join(dir, 'sub', 'deeper'), { recursive: true });
  writeFileSync(join(dir, 'sub', 'b.bin'), Buffer.from([1, 2, 3, 4, 5]));
  writeFileSync(join(dir, 'sub', 'deeper', 'c.txt'), 'c');
  return dir;
}

describe('the local artifact repository', () => {
  test('logArtifact copies one file under the artifact path, creating folders, and lists it with its size', async () => {
    const root = join(tempDir(), 'run', 'artifacts');
    const repo = new LocalArtifactRepository(root);
    const source = join(sourceTree(), 'a.txt');
    await repo.logArtifact(source, 'models/v1');
    await repo.logArtifact(source);
    assert.equal(readFileSync(join(root, 'models', 'v1', 'a.txt'), 'utf8'), 'abc');
    assert.equal(readFileSync(join(root, 'a.txt'), 'utf8'), 'abc');
    assert.deepEqual(await repo.listArtifacts('models/v1'), [{ path: 'models/v1/a.txt', isDir: false, fileSize: 3 }]);
    assert.deepEqual(readdirSync(join(root, 'models', 'v1')), ['a.txt']);
  });

  test('logArtifacts copies a folder recursively and listArtifacts gives direct children, root-relative and sorted', async () => {
    const root = tempDir();
    const repo = new LocalArtifactRepository(root);
    await repo.logArtifacts(sourceTree(), 'data');
    assert.deepEqual(await repo.listArtifacts(), [{ path: 'data', isDir: true }]);
    assert.deepEqual(await repo.listArtifacts('data'), [
      { path: 'data/a.txt', isDir: false, fileSize: 3 },
      { path: 'data/sub', isDir: true },
    ]);
    assert.deepEqual(await repo.listArtifacts('data/sub/'), [
      { path: 'data/sub/b.bin', isDir: false, fileSize: 5 },
      { path: 'data/sub/deeper', isDir: true },
    ]);
    assert.equal(readFileSync(join(root, 'data', 'sub', 'deeper', 'c.txt'), 'utf8'), 'c');
    assert.deepEqual(await repo.listArtifacts('data/a.txt'), []);
    assert.deepEqual(await repo.listArtifacts('missing'), []);
  });

  test('files still being uploaded (MLflow\'s .artifact.uploading. prefix) are not listed', async () => {
    const root = tempDir();
    writeFileSync(join(root, '.artifact.uploading.abc'), 'partial');
    writeFileSync(join(root, 'done.txt'), 'x');
    const repo = new LocalArtifactRepository(root);
    assert.deepEqual((await repo.listArtifacts()).map((f) => f.path), ['done.txt']);
  });

  test('downloadArtifacts copies a file or a folder into the destination, keeping relative paths', async () => {
    const repo = new LocalArtifactRepository(tempDir());
    await repo.logArtifacts(sourceTree(), 'data');
    const destination = tempDir('download-');
    const file = await repo.downloadArtifacts('data/sub/b.bin', destination);
    assert.equal(file, join(destination, 'data', 'sub', 'b.bin'));
    assert.deepEqual([...readFileSync(file)], [1, 2, 3, 4, 5]);
    const folder = await repo.downloadArtifacts('data/sub', tempDir('download-'));
    assert.equal(readFileSync(join(folder, 'deeper', 'c.txt'), 'utf8'), 'c');
    const whole = tempDir('download-');
    assert.equal(await repo.downloadArtifacts(undefined, whole), whole);
    assert.ok(existsSync(join(whole, 'data', 'a.txt')));
  });

  test('downloadArtifacts reports each copied file once, whole, by its artifact path', async () => {
    const repo = new LocalArtifactRepository(tempDir());
    await repo.logArtifacts(sourceTree(), 'data');
    const events: DownloadProgress[] = [];
    await repo.downloadArtifacts('data/sub', tempDir('download-'), { onProgress: (p) => events.push(p) });
    // NB: readdir order is the file system's; the set of events is what matters.
    assert.deepEqual(events.sort((a, b) => a.path.localeCompare(b.path)), [
      { path: 'data/sub/b.bin', bytes: 5, done: true },
      { path: 'data/sub/deeper/c.txt', bytes: 1, done: true },
    ]);
    events.length = 0;
    await repo.downloadArtifacts('data/a.txt', tempDir('download-'), { onProgress: (p) => events.push(p) });
    assert.deepEqual(events, [{ path: 'data/a.txt', bytes: 3, done: true }]);
  });

  test('a missing artifact cannot be downloaded (404) and paths leaving the root are refused', async () => {
    const repo = new LocalArtifactRepository(tempDir());
    await assert.rejects(
      repo.downloadArtifacts('nope.txt', tempDir()),
      (e: unknown) => e instanceof MlflowRestError && e.errorCode === 'RESOURCE_DOES_NOT_EXIST' && e.httpStatus === 404,
    );
    await assert.rejects(repo.listArtifacts('../outside'), ValidationError);
    await assert.rejects(repo.logArtifact(join(sourceTree(), 'a.txt'), '/etc'), ValidationError);
    await assert.rejects(repo.downloadArtifacts('a/../../x', tempDir()), ValidationError);
  });

  test('a file:// URI with percent-encoded characters names the same folder as the plain path', async () => {
    const root = join(tempDir(), 'with space');
    const uri = pathToFileURL(root).href;
    assert.match(uri, /with%20space/);
    const repo = new LocalArtifactRepository(uri);
    assert.equal(repo.rootUri, uri);
    assert.equal(repo.rootDir, root);
    await repo.logArtifact(join(sourceTree(), 'a.txt'));
    assert.equal(readFileSync(join(root, 'a.txt'), 'utf8'), 'abc');
    assert.equal(new LocalArtifactRepository(root).rootUri, uri);
  });
});
