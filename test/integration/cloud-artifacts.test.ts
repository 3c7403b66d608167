/**
 * Artifacts straight to cloud storage, as production servers are run: `mlflow server` on PostgreSQL with
 * `--no-serve-artifacts --default-artifact-root s3://…` against moto's S3 server, and `…
 * wasbs://…` against Azurite (which both clients reach through the connection string's
 * BlobEndpoint). Against each:
 * - autologged tfjs and ml.js scripts (run with the preload, as a user runs them) leave their run
 *   artifacts and logged models in the store; MLflow's Python client downloads them from the same
 *   store byte for byte as mlflow-autolog downloads them, and `loadModel` in a fresh process
 *   predicts what the trained model predicted;
 * - a 12 MiB file goes up in parts (S3 multipart, Azure blocks) and comes back byte-identical
 *   through both clients; a nested folder keeps its layout.
 * And MLFLOW_S3_IGNORE_TLS, with moto behind a TLS proxy whose certificate nothing here trusts.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { S3ArtifactRepository } from '../../src/artifacts/s3-artifact-repo';
import { configure, downloadModel, MlflowClient, MlflowRestError } from '../../src/index';
import { uniqueName } from '../conformance/helpers';
import { type AzuriteServer, startAzurite } from '../harness/azurite';
import { type MlflowServer, startMlflowServer } from '../harness/mlflow-server';
import { type Postgres, startPostgres } from '../harness/postgres';
import { type MotoServer, startMoto } from '../harness/moto';
import { lastJson, runNode } from '../harness/node';
import { makeCertificates, startTlsProxy } from '../harness/tls-proxy';
import { REPO_ROOT, runPython } from '../harness/python';

const MiB = 1024 * 1024;
const REGISTER = join(REPO_ROOT, 'dist', 'src', 'register.js');
const TRAIN = join(REPO_ROOT, 'test', 'fixtures', 'cloud-train.js');
const PREDICT = join(REPO_ROOT, 'test', 'fixtures', 'predict-logged-model.js');
const READBACK = join(REPO_ROOT, 'test', 'python', 'cloud_readback.py');

/**
 * The backend store of each of this file's MLflow servers: a database of its own in one PostgreSQL
 * cluster, as production servers run.
 */
async function backendStoreUri(postgres: Postgres, store: 'S3' | 'Azure'): Promise<string> {
  const database = `mlflow_${store.toLowerCase()}`;
  await postgres.psql(`CREATE DATABASE ${database}`);
  return postgres.backendStoreUri.replace(/\/[^/]+$/, `/${database}`);
}

interface Store {
  label: 'S3' | 'Azure';
  scheme: string;
  /** What a client of the store needs, as MLflow reads it. */
  env: Record<string, string>;
  server: MlflowServer;
}

/** Every file under `dir`, by '/'-separated path relative to it, with the sha256 of its bytes. */
function hashTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(dir, path).split('\\').join('/')] = sha256(readFileSync(path));
    }
  };
  walk(dir);
  return files;
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** What MLflow's Python client reads back from the store (test/python/cloud_readback.py), one result per job, in one process. */
async function readBack(store: Store, jobs: object[]): Promise<Record<string, unknown>[]> {
  return JSON.parse(await runPython([READBACK, store.server.url, JSON.stringify(jobs)], store.env)) as Record<string, unknown>[];
}

/** Asserts two predictions agree: the same structure, numbers within 1e-5 (tfjs's float32 through JSON). */
function assertClose(actual: unknown, expected: unknown, path = 'predictions'): void {
  if (typeof expected === 'number') {
    assert.ok(typeof actual === 'number' && Math.abs(actual - expected) <= 1e-5, `${path}: ${JSON.stringify(actual)} is not ${expected}`);
    return;
  }
  assert.ok(Array.isArray(expected) && Array.isArray(actual) && actual.length === expected.length, `${path}: ${JSON.stringify(actual)} is not like ${JSON.stringify(expected)}`);
  expected.forEach((e, i) => assertClose((actual as unknown[])[i], e, `${path}[${i}]`));
}

describe('artifacts straight to cloud storage, as production servers run (--no-serve-artifacts)', () => {
  let moto: MotoServer;
  let azurite: AzuriteServer;
  let postgres: Postgres;
  const stores: Store[] = [];
  const work = mkdtempSync(join(tmpdir(), 'cloud-artifacts-'));

  before(async () => {
    // NB: each kept as soon as it is up, so that `after` stops it whatever else failed to start.
    await Promise.all([startMoto().then((m) => (moto = m)), startAzurite().then((a) => (azurite = a)), startPostgres().then((p) => (postgres = p))]);
    // NB: uploads ask for SSE-S3 as a bucket policy may demand; the S3 test checks it was applied.
    const s3Env = { ...moto.env, MLFLOW_S3_UPLOAD_EXTRA_ARGS: JSON.stringify({ ServerSideEncryption: 'AES256' }) };
    const start = async (label: Store['label'], scheme: string, env: Record<string, string>, defaultArtifactRoot: string) => {
      // NB: one worker, not uvicorn's four: each loads all of MLflow, and the machine has two cores.
      const server = await startMlflowServer({ defaultArtifactRoot, backendStoreUri: await backendStoreUri(postgres, label), env, extraArgs: ['--workers', '1'] });
      stores.push({ label, scheme, env, server });
    };
    await Promise.all([
      start('S3', 's3', s3Env, `s3://${moto.bucket}/artifacts`),
      start('Azure', 'wasbs', azurite.env, azurite.wasbsUri('artifacts')),
    ]);
    // NB: the in-process clients of this file read the stores' settings from the environment, as the agent does.
    Object.assign(process.env, s3Env, azurite.env);
  });

  after(async () => {
    await Promise.all([...stores.map((s) => s.server.stop()), moto?.stop(), azurite?.stop()]);
    await postgres?.stop();
  });

  for (const label of ['S3', 'Azure'] as const) {
    const store = () => stores.find((s) => s.label === label)!;

    test(`${label}: autologged tfjs and ml.js runs are in the store, MLflow's Python client downloads what Node downloads byte for byte, and loadModel predicts in a fresh process`, async () => {
      const { server, scheme, env } = store();
      const client = new MlflowClient({ trackingUri: server.url });
      const logged: { library: string; runId: string; modelUri: string; nodeRunFiles: Record<string, string>; nodeModelFiles: Record<string, string> }[] = [];
      for (const library of ['tfjs', 'mljs']) {
        const experiment = uniqueName(`cloud-${library}`);
        // NB: the ml.js model is registered too, so that it loads by name and version through the model registry.
        const registered = library === 'mljs' ? { MLFLOW_AUTOLOG_REGISTERED_MODEL_NAME: experiment } : {};
        const trained = await runNode(['--require', REGISTER, TRAIN, library], { ...env, ...registered, MLFLOW_TRACKING_URI: server.url, MLFLOW_EXPERIMENT_NAME: experiment }, work);
        assert.equal(trained.code, 0, trained.stderr);
        assert.doesNotMatch(trained.stderr, /mlflow-autolog:/, `${library} trained without agent warnings`);
        const { rows, predictions } = lastJson<{ rows: number[][]; predictions: unknown }>(trained.stdout);

        const { experimentId } = (await client.getExperimentByName(experiment))!;
        const { runs } = await client.searchRuns({ experimentIds: [experimentId] });
        assert.equal(runs.length, 1, `${library}: one run`);
        const run = runs[0]!.info;
        assert.ok(run.artifactUri.startsWith(`${scheme}://`), `${library}: the server gave the run ${run.artifactUri}`);
        const models = await client.listLoggedModels([experimentId]);
        assert.equal(models.length, 1, `${library}: one logged model`);
        const model = models[0]!.info;
        assert.equal(model.status, 'LOGGED_MODEL_READY');
        assert.ok(model.artifact_uri.startsWith(`${scheme}://`), `${library}: the server gave the model ${model.artifact_uri}`);

        // The model, loaded in a fresh process with an empty cache: downloaded from the store.
        const cache = mkdtempSync(join(work, 'cache-'));
        const uri = library === 'mljs' ? `models:/${experiment}/1` : `models:/${model.model_id}`;
        const loaded = await runNode([PREDICT, uri, JSON.stringify(rows)], { ...env, MLFLOW_TRACKING_URI: server.url, MLFLOW_AUTOLOG_CACHE_DIR: cache }, work);
        assert.equal(loaded.code, 0, loaded.stderr);
        assertClose(JSON.parse(loaded.stdout.trim().split('\n').pop()!), predictions);
        const [cached] = readdirSync(cache).map((name) => join(cache, name));
        const nodeModelFiles = hashTree(cached!);
        assert.ok('MLmodel' in nodeModelFiles, `${library}: the model's files came down: ${Object.keys(nodeModelFiles).join(', ')}`);
        // And by the store's own URI, as mlflow.pyfunc.load_model takes one.
        configure({ trackingUri: server.url });
        process.env.MLFLOW_AUTOLOG_CACHE_DIR = mkdtempSync(join(work, 'cache-'));
        assert.deepEqual(hashTree(await downloadModel(model.artifact_uri)), nodeModelFiles, `${library}: the model by ${model.artifact_uri}`);

        const nodeRunDir = mkdtempSync(join(work, 'run-'));
        await client.downloadArtifacts(run.runId, undefined, nodeRunDir);
        const nodeRunFiles = hashTree(nodeRunDir);
        // NB: tfjs's autologging writes the model's summary to the run; ml.js's writes only the logged model.
        if (library === 'tfjs') assert.ok(Object.keys(nodeRunFiles).length > 0, `${library}: the run has artifacts`);
        logged.push({ library, runId: run.runId, modelUri: model.artifact_uri, nodeRunFiles, nodeModelFiles });
      }

      const python = await readBack(store(), logged.flatMap((l) => [{ run: l.runId, path: null }, { uri: l.modelUri }]));
      logged.forEach(({ library, nodeRunFiles, nodeModelFiles }, i) => {
        assert.deepEqual(python[2 * i]!.files, nodeRunFiles, `${library}: the run's artifacts`);
        assert.deepEqual(python[2 * i + 1]!.files, nodeModelFiles, `${library}: the model's files`);
      });
    });

    test(`${label}: a 12 MiB file goes up in parts and a nested folder keeps its layout, both byte-identical through MLflow's Python client and Node`, async () => {
      const { server } = store();
      const client = new MlflowClient({ trackingUri: server.url });
      const run = await client.createRun({ experimentId: '0' });
      const dir = mkdtempSync(join(work, 'upload-'));
      const big = Buffer.alloc(12 * MiB + 321);
      for (let i = 0; i < big.length; i++) big[i] = (i * 31 + (i >> 13)) & 0xff;
      writeFileSync(join(dir, 'blob.bin'), big);
      const tree = join(dir, 'tree');
      mkdirSync(join(tree, 'sub', 'deeper'), { recursive: true });
      writeFileSync(join(tree, 'top.txt'), 'top\n');
      writeFileSync(join(tree, 'sub', 'config.json'), '{"a": 1}\n');
      writeFileSync(join(tree, 'sub', 'deeper', 'weights.bin'), Buffer.from([0, 1, 2, 255, 254]));
      writeFileSync(join(tree, 'sub', 'deeper', 'empty.txt'), '');

      await client.logArtifact(run.runId, join(dir, 'blob.bin'), 'big');
      await client.logArtifacts(run.runId, tree, 'nested');
      await client.setTerminated(run.runId);

      const nodeBig = await client.downloadArtifacts(run.runId, 'big/blob.bin', mkdtempSync(join(work, 'big-')));
      assert.equal(sha256(readFileSync(nodeBig)), sha256(big));
      const nodeNested = await client.downloadArtifacts(run.runId, 'nested', mkdtempSync(join(work, 'nested-')));
      const expectedTree = hashTree(tree);
      assert.deepEqual(hashTree(nodeNested), expectedTree);
      assert.deepEqual(
        (await client.listArtifacts(run.runId, 'nested/sub')).map((f) => [f.path, f.isDir]),
        [['nested/sub/config.json', false], ['nested/sub/deeper', true]],
      );

      const [pyBig, pyNested, object] = await readBack(store(), [
        { run: run.runId, path: 'big/blob.bin' },
        { run: run.runId, path: 'nested' },
        { object: `${run.artifactUri}/big/blob.bin` },
      ]);
      assert.deepEqual(pyBig!.files, { 'blob.bin': sha256(big) });
      assert.deepEqual(pyNested!.files, expectedTree);
      assert.equal(object!.size, big.length);
      if (label === 'S3') {
        // NB: a multipart upload's ETag is the MD5 of the parts' MD5s, then '-' and the number of parts (8 MiB each).
        assert.match(String(object!.etag), /-2$/, `uploaded in 2 parts: ${JSON.stringify(object)}`);
        assert.equal(object!.sse, 'AES256', 'MLFLOW_S3_UPLOAD_EXTRA_ARGS reached CreateMultipartUpload');
      } else {
        assert.equal(object!.blocks, 2, `uploaded in 2 blocks: ${JSON.stringify(object)}`);
      }
    });
  }

  test("S3: an endpoint whose certificate this machine does not trust is refused, and reached with MLFLOW_S3_IGNORE_TLS=true, as MLflow's boto3 client is", async () => {
    const proxy = await startTlsProxy(moto.endpoint, await makeCertificates());
    try {
      const file = join(mkdtempSync(join(work, 'tls-')), 'tls.txt');
      writeFileSync(file, 'over TLS\n');
      const env = { ...moto.env, MLFLOW_S3_ENDPOINT_URL: proxy.url };
      const uri = `s3://${moto.bucket}/tls-check`;
      await assert.rejects(new S3ArtifactRepository(uri, { env }).logArtifact(file), (error: unknown) => {
        assert.ok(error instanceof MlflowRestError && error.httpStatus === 0, String(error));
        assert.equal(error.errorCode, 'TLS_CERTIFICATE_ERROR', 'not retried as a passing failure');
        assert.match(error.message, /MLFLOW_S3_IGNORE_TLS=true/);
        return true;
      });
      const insecure = new S3ArtifactRepository(uri, { env: { ...env, MLFLOW_S3_IGNORE_TLS: 'true' } });
      await insecure.logArtifact(file);
      assert.deepEqual(await insecure.listArtifacts(), [{ path: 'tls.txt', isDir: false, fileSize: 9 }]);
      assert.ok(proxy.requests >= 2, 'the requests went through the TLS endpoint');
    } finally {
      await proxy.close();
    }
  });
});
