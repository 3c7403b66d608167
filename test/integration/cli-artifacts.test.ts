/**
 * `mlflow-autolog artifacts download` leaves what MLflow's own download leaves, byte for byte and
 * at the same paths, for every kind of URI, from the real tracking server and from a local SQLite
 * store; shows its progress (a line per file, a bar on a terminal); and refuses bad URIs with a
 * message that says what to give, leaving nothing behind.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { cli, CLI, fillStore, type FilledStore } from '../harness/cli';
import { testServer } from '../harness/mlflow-server';
import { pythonJson, REPO_ROOT, runPython } from '../harness/python';

const base = mkdtempSync(join(tmpdir(), 'cli-artifacts-it-'));
after(() => rmSync(base, { recursive: true, force: true }));
const tempDir = (prefix: string) => mkdtempSync(join(base, prefix));

const exec = promisify(execFile);

interface Tree {
  /** The printed path, relative to the destination. */
  local: string;
  /** Every file under the destination: its sha256. */
  files: Record<string, string>;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function treeOf(dest: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(dest, path)] = sha256(readFileSync(path));
    }
  };
  walk(dest);
  return files;
}

/** What `mlflow-autolog artifacts download <args> -d <new folder>` leaves, and its progress lines. */
async function downloadHere(store: FilledStore, args: string[]): Promise<Tree & { progress: string[] }> {
  const dest = join(tempDir('cli-download-'), 'dest');
  const result = await cli(['artifacts', 'download', ...args, '-d', dest, '--tracking-uri', store.trackingUri]);
  assert.equal(result.code, 0, result.stderr);
  const printed = result.stdout.trim();
  assert.equal(result.stdout, `${printed}\n`, 'stdout holds the local path alone');
  return { local: relative(dest, printed) || '.', files: treeOf(dest), progress: result.stderr.trim().split('\n').filter(Boolean) };
}

/** What MLflow's download_artifacts leaves for each job, in one Python process (test/python/download_tree.py). */
async function downloadWithMlflow(store: FilledStore, jobs: MlflowJob[]): Promise<Tree[]> {
  const out = await runPython([join(REPO_ROOT, 'test', 'python', 'download_tree.py'), store.trackingUri, JSON.stringify(jobs)]);
  return JSON.parse(out) as Tree[];
}

/** One download as MLflow's download_artifacts takes it. */
type MlflowJob = { uri: string } | { run: string; path?: string };

/** The CLI's arguments and MLflow's for one download, and how many files it holds. */
interface Case {
  ours: string[];
  mlflows: MlflowJob;
  files: number;
}

function cases(store: FilledStore, runArtifactUri: string): Case[] {
  const [first] = store.ids.runIds;
  const forest = store.ids.runIds.at(-1)!;
  const byUri = (uri: string, files: number): Case => ({ ours: ['-u', uri], mlflows: { uri }, files });
  return [
    { ours: ['-r', first!], mlflows: { run: first! }, files: 1 },
    byUri(`runs:/${first}/notes`, 1),
    { ours: ['-r', first!, '-a', 'notes/readme.txt'], mlflows: { run: first!, path: 'notes/readme.txt' }, files: 1 },
    // NB: not among the run's artifacts: the run's logged model of that name (MLflow 3).
    byUri(`runs:/${forest}/model`, 3),
    byUri(`models:/${store.model}/${store.ids.version}`, 3),
    byUri(`models:/${store.model}@champion/MLmodel`, 1),
    byUri(`models:/${store.ids.modelId}`, 3),
    byUri(`${runArtifactUri}/notes`, 1),
  ];
}

async function assertDownloadsAsMlflow(store: FilledStore): Promise<void> {
  const [first] = store.ids.runIds;
  const { artifact_uri: runArtifactUri } = await pythonJson<{ artifact_uri: string }>(
    `import json; from mlflow import MlflowClient; print(json.dumps({"artifact_uri": MlflowClient(${JSON.stringify(store.trackingUri)}).get_run(${JSON.stringify(first)}).info.artifact_uri}))`,
  );
  const all = cases(store, runArtifactUri);
  const [theirs, ...ours] = await Promise.all([downloadWithMlflow(store, all.map((c) => c.mlflows)), ...all.map((c) => downloadHere(store, c.ours))]);
  all.forEach(({ ours: args, files }, i) => {
    const [here, there] = [ours[i]!, theirs[i]!];
    assert.equal(Object.keys(there.files).length, files, `MLflow downloads ${files} file(s) for ${JSON.stringify(all[i]!.mlflows)}`);
    assert.deepEqual({ local: here.local, files: here.files }, there, `${args.join(' ')} leaves what MLflow leaves, at the same paths, with the same bytes`);
    assert.equal(here.progress.length, files, `one progress line per file: ${here.progress.join(' | ')}`);
    here.progress.forEach((line, n) => assert.match(line, new RegExp(`^downloaded \\S+ \\(\\d+(\\.\\d)? k?B\\) \\(${n + 1}/${files}\\)$`)));
  });
}

describe('mlflow-autolog artifacts download', () => {
  let url: string;
  let onServer: FilledStore;
  let local: FilledStore;
  /** A 3 MB file logged to the server's nested run, under blobs/. */
  let big: Buffer;
  before(async () => {
    url = (await testServer()).url;
    [onServer, local] = await Promise.all([fillStore(url, 1, 5, base), fillStore(undefined, 1, 5, base)]);
    big = randomBytes(3_000_000);
    const file = join(tempDir('cli-big-'), 'big.bin');
    writeFileSync(file, big);
    await runPython(['-c', `from mlflow import MlflowClient; MlflowClient(${JSON.stringify(url)}).log_artifact(${JSON.stringify(onServer.ids.runIds[1])}, ${JSON.stringify(file)}, "blobs")`]);
  });

  test('from the tracking server, every kind of URI leaves what MLflow\'s download leaves', async () => {
    await assertDownloadsAsMlflow(onServer);
  });

  test('from a local SQLite store, every kind of URI leaves what MLflow\'s download leaves', async () => {
    await assertDownloadsAsMlflow(local);
  });

  test('a 3 MB file comes down from the server with its bytes, reported as it streams, with a bar on a terminal', async () => {
    const uri = `runs:/${onServer.ids.runIds[1]}/blobs/big.bin`;
    const plain = await downloadHere(onServer, ['-u', uri]);
    assert.deepEqual(plain.files, { 'big.bin': sha256(big) });
    assert.deepEqual(plain.progress, ['downloaded big.bin (3.0 MB) (1/1)']);

    // NB: `script` gives the command a terminal, as a user's shell would.
    const dest = join(tempDir('cli-tty-'), 'dest');
    const quoted = [process.execPath, CLI, 'artifacts', 'download', '-u', uri, '-d', dest, '--tracking-uri', url].map((a) => `'${a}'`).join(' ');
    const { stdout } = await exec('script', ['-qec', quoted, '/dev/null'], { env: { ...process.env, MLFLOW_TRACKING_URI: '' } });
    assert.match(stdout, /download \[[█░]+\] 100% \| 3\.0 MB of 3\.0 MB/, 'the bar ends full, by bytes');
    assert.match(stdout, new RegExp(`${dest}/big\\.bin\\r?\\n?$`), 'the local path comes last');
    assert.equal(sha256(readFileSync(join(dest, 'big.bin'))), sha256(big));
  });

  test('bad URIs exit 2 and missing things exit 1, each saying what to give, and leave no folder behind', async () => {
    const [run] = local.ids.runIds;
    const parent = tempDir('cli-refused-');
    const dest = join(parent, 'dest');
    const refused = async (args: string[], code: number, message: RegExp) => {
      const result = await cli(['artifacts', 'download', ...args, '-d', dest, '--tracking-uri', local.trackingUri]);
      assert.equal(result.code, code, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.equal(result.stdout, '');
      assert.deepEqual(readdirSync(parent), [], `${args.join(' ')} left nothing behind`);
    };
    await refused(['-u', 'runs:/'], 2, /Cannot read the artifact URI "runs:\/": expected runs:\/<run_id>\/<path>/);
    await refused(['-u', `runs:/${run}/../../etc/passwd`], 2, /Invalid artifact path .*'\.\.' component/);
    await refused(['-r', run!, '-a', '../outside'], 2, /Invalid artifact path "\.\.\/outside"/);
    await refused(['-u', `models:/${local.model}/Production`], 2, /stages are deprecated in MLflow: use an alias/);
    await refused(['-u', 's3://bucket/key'], 2, /Cannot download "s3:\/\/bucket\/key": .*download through the tracking server/);
    await refused(['-u', 'mlflow-artifacts:/1/x'], 2, /is on a tracking server's artifact proxy, but the tracking URI is the local store/);
    await refused(['-r', run!, '-u', `runs:/${run}/notes`], 2, /Give --artifact-uri, or --run-id \(with --artifact-path\), not both/);
    await refused([], 2, /Give what to download: --artifact-uri/);
    await refused(['-u', `runs:/${run}/nope`], 1, new RegExp(`Nothing at runs:/${run}/nope: run ${run} has no artifact "nope" and output no logged model named "nope"`));
    await refused(['-u', 'runs:/0123456789abcdef0123456789abcdef/notes'], 1, /The run "0123456789abcdef0123456789abcdef" does not exist in sqlite:/);
    await refused(['-u', 'models:/no-such-model/1'], 1, /The model models:\/no-such-model\/1 does not exist/);
    await refused(['-u', join(parent, 'missing')], 1, /Nothing at .*missing does not exist/);
    assert.equal(existsSync(dest), false);

    const fromServer = await cli(['artifacts', 'download', '-u', 'mlflow-artifacts:/no/such/thing', '-d', dest], { MLFLOW_TRACKING_URI: url });
    assert.equal(fromServer.code, 1);
    assert.match(fromServer.stderr, /Nothing at mlflow-artifacts:\/no\/such\/thing on http:/);
  });

  test('without -d, the files land in a new private folder that is printed', async () => {
    const result = await cli(['artifacts', 'download', '-u', `models:/${local.model}@champion`, '--tracking-uri', local.trackingUri]);
    assert.equal(result.code, 0, result.stderr);
    const printed = result.stdout.trim();
    assert.ok(printed.startsWith(tmpdir()), printed);
    assert.ok(existsSync(join(printed, 'MLmodel')));
    assert.equal(statSync(printed).mode & 0o777, 0o700);
    rmSync(printed, { recursive: true });
  });
});
