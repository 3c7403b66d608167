/**
 * Secrets are never shown: recognizable credentials are planted in the tracking URI's user info
 * and in MLFLOW_TRACKING_USERNAME/PASSWORD and MLFLOW_TRACKING_TOKEN, every error that can be
 * provoked is provoked (unreachable server, a wrong port that echoes headers, 401 and 500 from a
 * fault proxy, bad configuration, the preload with no server, `config`, a failing `sync`), and
 * then the secrets are looked for in every output of the child processes, in every error (message,
 * stack, `cause` chain and enumerable properties), in the run as MLflow's Python client reads it
 * back from the real server, and in every journal and local store file.
 *
 * NB: the user names are looked for in outputs and errors only. The fluent API records the Basic
 * auth user name as the run's user (the `mlflow.user` tag, src/tracking/fluent.ts), so the run,
 * its journal record and the local store may hold it; passwords and tokens may be nowhere.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { inspect } from 'node:util';
import { loadConfig } from '../../src/config/config';
import { ConfigError, MlflowRestError } from '../../src/errors';
import { SqliteStore } from '../../src/store/sqlite';
import { MlflowClient } from '../../src/tracking/client';
import { uniqueName } from '../conformance/helpers';
import { useFaultProxies, type FaultProxy } from '../harness/fault-proxy';
import { freePort } from '../harness/mlflow-server';
import { lastJson, runNode, type NodeResult } from '../harness/node';
import { REPO_ROOT, readRun } from '../harness/python';

const URI_USER = 'SECRETuser1';
const URI_PASSWORD = 'SECRETpass1';
const ENV_USER = 'SECRETuser2';
const ENV_PASSWORD = 'SECRETpass2';
const TOKEN = 'SECRETtoken3';
/** A token in the git remote of the working directory (recorded as the run's source). */
const GIT_TOKEN = 'SECRETgittoken4';
const basic = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64');
/** Found nowhere: not in outputs, errors, runs, journals or stores. */
const CREDENTIALS = [URI_PASSWORD, ENV_PASSWORD, TOKEN, GIT_TOKEN, basic(URI_USER, URI_PASSWORD), basic(ENV_USER, ENV_PASSWORD)];
/** Found in no output and no error. */
const EVERY_SECRET = [...CREDENTIALS, URI_USER, ENV_USER];

const PACKAGE = join(REPO_ROOT, 'dist', 'src', 'index.js');
const CLI = join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');
const PRELOAD = ['--require', 'mlflow-autolog/register'];
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'trust');

/** Logs one run; prints `{runId}`, or the error in full (inspected, and its own properties down the cause chain). */
const LOG_A_RUN = `
const { inspect } = require('node:util');
const mlflow = require(${JSON.stringify(PACKAGE)});
(async () => {
  try {
    const run = await mlflow.startRun({ runName: 'secrets', tags: { purpose: 'secrets' } });
    mlflow.logParam('alpha', '0.5');
    for (let step = 0; step < 3; step++) mlflow.logMetric('loss', 1 / (step + 1), { step });
    await mlflow.endRun();
    console.log(JSON.stringify({ runId: run.runId }));
  } catch (e) {
    console.error(inspect(e, { depth: null, showHidden: true }));
    for (let x = e; x; x = x.cause) console.error(JSON.stringify(x, Object.getOwnPropertyNames(x)));
    console.log(JSON.stringify({ error: e.message, errorCode: e.errorCode }));
    process.exitCode = 1;
  }
})();
`;

/** Everything an error shows when inspected, logged or serialized: own and enumerable properties, down every `cause`. */
function serialize(error: unknown): string {
  const seen = new Set<unknown>();
  const parts = [inspect(error, { depth: Infinity, showHidden: true, getters: true })];
  const walk = (value: unknown, depth: number) => {
    if (value === null || typeof value !== 'object' || seen.has(value) || depth > 12) {
      parts.push(String(value));
      return;
    }
    seen.add(value);
    const keys = new Set([...Object.getOwnPropertyNames(value), ...Object.keys(value), 'message', 'stack', 'cause']);
    for (const key of keys) walk((value as Record<string, unknown>)[key], depth + 1);
  };
  walk(error, 0);
  return parts.join('\n');
}

/** Every file under `dir`, name and content, as one text. */
function folderText(dir: string): { files: number; text: string } {
  let files = 0;
  const parts: string[] = [];
  const visit = (path: string) => {
    parts.push(path);
    if (statSync(path).isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else {
      files++;
      parts.push(readFileSync(path, 'latin1'));
    }
  };
  visit(dir);
  return { files, text: parts.join('\n') };
}

/** What a scenario produced, and the secrets each piece must not hold. */
class Evidence {
  private readonly pieces: { where: string; text: string; secrets: string[] }[] = [];

  output(where: string, result: NodeResult): void {
    this.pieces.push({ where: `${where} (stdout/stderr)`, text: `${result.stdout}\n${result.stderr}`, secrets: EVERY_SECRET });
  }

  error(where: string, error: unknown): void {
    assert.ok(error instanceof Error, `${where} failed with an Error: ${String(error)}`);
    this.pieces.push({ where: `${where} (error)`, text: serialize(error), secrets: EVERY_SECRET });
  }

  folder(where: string, dir: string, minFiles = 1): void {
    const { files, text } = folderText(dir);
    assert.ok(files >= minFiles, `${where} has at least ${minFiles} file(s) to look into, has ${files}`);
    this.pieces.push({ where, text, secrets: CREDENTIALS });
  }

  value(where: string, value: unknown): void {
    this.pieces.push({ where, text: JSON.stringify(value), secrets: CREDENTIALS });
  }

  /** Fails naming each secret found and where. */
  check(): void {
    assert.ok(this.pieces.length > 0);
    const found = this.pieces.flatMap((p) => p.secrets.filter((s) => p.text.includes(s)).map((s) => `"${s}" in ${p.where}: …${around(p.text, s)}…`));
    assert.deepEqual(found, [], `secrets were shown:\n${found.join('\n')}`);
  }
}

function around(text: string, secret: string): string {
  const at = text.indexOf(secret);
  return text.slice(Math.max(0, at - 120), at + secret.length + 40);
}

const withUserInfo = (url: string) => url.replace('://', `://${URI_USER}:${URI_PASSWORD}@`);
const journal = () => mkdtempSync(join(tmpdir(), 'secrets-journal-'));
/** Fast failures: no backoff, one retry (in this process). */
const FAST = { MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR: '0', MLFLOW_HTTP_REQUEST_BACKOFF_JITTER: '0', MLFLOW_HTTP_REQUEST_MAX_RETRIES: '1' };
/** For children: the same (a child awaiting startRun is kept alive until its promise settles). */
const FAST_CHILD = FAST;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => assert.fail('expected a failure'),
    (error: unknown) => error,
  );
}

describe('secrets are never shown', () => {
  const faults = useFaultProxies();
  let serverUrl: string;
  let deadUrl: string;
  const closers: (() => void)[] = [];
  before(async () => {
    serverUrl = faults.serverUrl();
    deadUrl = `http://127.0.0.1:${await freePort()}`;
  });
  after(() => closers.forEach((close) => close()));

  test('a run logged with credentials in the URI reaches the server, and neither the run nor the journal nor any output holds them', async () => {
    const evidence = new Evidence();
    const via = await faults.proxy([]);
    const dir = journal();
    const result = await runNode(['-e', LOG_A_RUN], { ...FAST_CHILD, MLFLOW_TRACKING_URI: withUserInfo(via.url), MLFLOW_EXPERIMENT_NAME: uniqueName('secrets'), MLFLOW_AUTOLOG_JOURNAL_DIR: dir });
    evidence.output('logging a run', result);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const run = await readRun(serverUrl, lastJson<{ runId: string }>(result.stdout).runId);
    assert.equal(run.params.alpha, '0.5');
    assert.equal(run.info.status, 'FINISHED');
    evidence.value('the run read back by MLflow (tags, params, metrics, info)', run);
    evidence.folder('the journal folder', dir);
    evidence.check();
  });

  test('an unreachable server, a wrong port that echoes headers, a 401 and a 500 give errors without credentials, in process and in a child', async () => {
    const evidence = new Evidence();
    // A wrong port: something else answers there, and shows the request's headers.
    const echo = createServer((req, res) => res.writeHead(404, { 'Content-Type': 'text/html' }).end(`<h1>Not Found</h1><pre>${JSON.stringify(req.headers)}</pre>`));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    closers.push(() => echo.close());
    const echoUrl = `http://127.0.0.1:${(echo.address() as { port: number }).port}`;
    const unauthorized: FaultProxy = await faults.proxy([{ path: /./, faults: Array.from({ length: 1000 }, () => ({ kind: 'status' as const, status: 401, body: 'You are not authenticated.' })) }]);
    const failing: FaultProxy = await faults.proxy([{ path: /./, faults: Array.from({ length: 1000 }, () => ({ kind: 'status' as const, status: 500, body: '{"error_code":"INTERNAL_ERROR","message":"boom"}' })) }]);

    const envs: [string, NodeJS.ProcessEnv][] = [
      ['user info', {}],
      ['username/password', { MLFLOW_TRACKING_USERNAME: ENV_USER, MLFLOW_TRACKING_PASSWORD: ENV_PASSWORD }],
      ['token', { MLFLOW_TRACKING_TOKEN: TOKEN }],
    ];
    const targets: [string, string, RegExp][] = [
      ['unreachable', deadUrl, /NETWORK_ERROR|ECONNREFUSED/],
      ['wrong port', echoUrl, /HTTP 404/],
      ['401', unauthorized.url, /HTTP 401/],
      ['500', failing.url, /HTTP 500/],
    ];
    for (const [credentials, env] of envs) {
      for (const [what, url, expected] of targets) {
        const uri = credentials === 'user info' ? withUserInfo(url) : url;
        const client = new MlflowClient(loadConfig({}, { ...FAST, ...env, MLFLOW_TRACKING_URI: uri }));
        for (const [call, send] of [
          ['getExperiment', () => client.getExperiment('0')],
          ['createRun', () => client.createRun({ experimentId: '0' })],
          ['logBatch', () => client.logBatch('0123456789abcdef', { metrics: [], params: [{ key: 'k', value: 'v' }], tags: [] })],
        ] as const) {
          const error = await rejection(send());
          assert.ok(error instanceof MlflowRestError, `${what}: ${String(error)}`);
          assert.match(error.message, expected);
          evidence.error(`${call} against the ${what} server with ${credentials}`, error);
        }
        const child = await runNode(['-e', LOG_A_RUN], { ...FAST_CHILD, ...env, MLFLOW_TRACKING_URI: uri, MLFLOW_AUTOLOG_JOURNAL_DIR: journal() });
        assert.equal(child.code, 1, `the child failed against the ${what} server: ${child.stdout}`);
        assert.match(child.stdout + child.stderr, expected);
        evidence.output(`a child logging to the ${what} server with ${credentials}`, child);
      }
    }
    evidence.check();
  });

  test('bad configuration values give ConfigErrors without credentials', async () => {
    const evidence = new Evidence();
    const bad: NodeJS.ProcessEnv[] = [
      { MLFLOW_TRACKING_URI: `ftp://${URI_USER}:${URI_PASSWORD}@host/runs` },
      { MLFLOW_TRACKING_URI: `http://${URI_USER}:${URI_PASSWORD}@` },
      { MLFLOW_TRACKING_URI: `http://${URI_USER}:${URI_PASSWORD}@exa mple.com` },
      { MLFLOW_TRACKING_URI: `http://${URI_USER}@127.0.0.1:5000` },
      { MLFLOW_TRACKING_URI: withUserInfo(deadUrl), MLFLOW_TRACKING_USERNAME: ENV_USER, MLFLOW_TRACKING_PASSWORD: ENV_PASSWORD },
      { MLFLOW_TRACKING_URI: withUserInfo(deadUrl), MLFLOW_TRACKING_TOKEN: TOKEN },
      { MLFLOW_TRACKING_URI: withUserInfo(deadUrl), MLFLOW_HTTP_REQUEST_TIMEOUT: 'soon' },
      { MLFLOW_TRACKING_USERNAME: ENV_USER },
      { MLFLOW_TRACKING_PASSWORD: ENV_PASSWORD },
      { MLFLOW_TRACKING_TOKEN: `${TOKEN}\n` },
    ];
    for (const env of bad) {
      let error: unknown;
      try {
        loadConfig({}, env);
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof ConfigError, `refused: ${JSON.stringify(Object.keys(env))}`);
      evidence.error(`loadConfig with ${Object.keys(env).join(', ')}`, error);
      const cli = await runNode([CLI, 'config'], { ...env, MLFLOW_AUTOLOG_JOURNAL_DIR: journal() });
      assert.equal(cli.code, 2, cli.stdout + cli.stderr);
      assert.match(cli.stderr, /^mlflow-autolog: .*(not valid|user info|set too|is not|control character)/);
      // NB: masking leaves prose alone.
      if (env.MLFLOW_TRACKING_USERNAME !== undefined && env.MLFLOW_TRACKING_PASSWORD === undefined) assert.match(cli.stderr, /Basic auth needs both/);
      evidence.output(`mlflow-autolog config with ${Object.keys(env).join(', ')}`, cli);
    }
    evidence.check();
  });

  test('mlflow-autolog config masks the password, the token and the user name, and says where they came from', async () => {
    const evidence = new Evidence();
    for (const [env, from] of [
      [{ MLFLOW_TRACKING_URI: withUserInfo(deadUrl) }, 'the user info in the tracking URI'],
      [{ MLFLOW_TRACKING_URI: deadUrl, MLFLOW_TRACKING_USERNAME: ENV_USER, MLFLOW_TRACKING_PASSWORD: ENV_PASSWORD, MLFLOW_TRACKING_TOKEN: TOKEN }, 'MLFLOW_TRACKING_USERNAME/MLFLOW_TRACKING_PASSWORD'],
      [{ MLFLOW_TRACKING_URI: deadUrl, MLFLOW_TRACKING_TOKEN: TOKEN }, 'MLFLOW_TRACKING_TOKEN'],
    ] as const) {
      const cli = await runNode([CLI, 'config'], env);
      assert.equal(cli.code, 0, cli.stderr);
      const printed = JSON.parse(cli.stdout) as { trackingUri: string; http: { auth: Record<string, string> } };
      assert.equal(printed.trackingUri, deadUrl);
      assert.equal(printed.http.auth.from, from);
      assert.ok(Object.entries(printed.http.auth).every(([key, value]) => ['kind', 'from'].includes(key) || value === '***'), cli.stdout);
      evidence.output(`mlflow-autolog config (${from})`, cli);
    }
    evidence.check();
  });

  test('the preload with an unreachable server, then a failing sync, show no credentials, and the journal holds none', async () => {
    const evidence = new Evidence();
    const dir = journal();
    const env = { ...FAST_CHILD, MLFLOW_TRACKING_URI: withUserInfo(deadUrl), MLFLOW_EXPERIMENT_NAME: uniqueName('secrets-preload'), MLFLOW_AUTOLOG_JOURNAL_DIR: dir };
    const trained = await runNode([...PRELOAD, join(FIXTURES, 'sync-training.js'), 'mljs'], env);
    assert.equal(trained.code, 0, trained.stderr);
    assert.match(trained.stderr, /did not reach http:\/\/127\.0\.0\.1:\d+;/, 'the exit line names the server, without user info');
    evidence.output('training under the preload', trained);
    evidence.folder('the journal folder after the preload', dir);

    const synced = await runNode([CLI, 'sync'], env, mkdtempSync(join(tmpdir(), 'no-local-store-')));
    assert.equal(synced.code, 1, synced.stdout + synced.stderr);
    assert.match(synced.stderr, /did not answer/);
    evidence.output('mlflow-autolog sync to an unreachable server', synced);
    const to = await runNode([CLI, 'sync', '--to', withUserInfo(deadUrl)], { ...FAST_CHILD, MLFLOW_AUTOLOG_JOURNAL_DIR: dir, MLFLOW_TRACKING_TOKEN: TOKEN }, mkdtempSync(join(tmpdir(), 'no-local-store-')));
    assert.equal(to.code, 2, to.stdout + to.stderr);
    assert.match(to.stderr, /set too/);
    evidence.output('mlflow-autolog sync --to with user info and a token', to);
    const toOnly = await runNode([CLI, 'sync', '--to', withUserInfo(deadUrl)], { ...FAST_CHILD, MLFLOW_AUTOLOG_JOURNAL_DIR: dir }, mkdtempSync(join(tmpdir(), 'no-local-store-')));
    assert.equal(toOnly.code, 1, toOnly.stdout + toOnly.stderr);
    evidence.output('mlflow-autolog sync --to with user info', toOnly);
    evidence.folder('the journal folder after the failed syncs', dir);

    for (const extra of [{ MLFLOW_TRACKING_TOKEN: TOKEN }, { MLFLOW_HTTP_REQUEST_TIMEOUT: 'soon' }]) {
      const refused = await runNode([...PRELOAD, join(FIXTURES, 'sync-training.js'), 'mljs'], { ...env, ...extra, MLFLOW_AUTOLOG_JOURNAL_DIR: journal() });
      assert.equal(refused.code, 0, refused.stderr);
      assert.match(refused.stderr, /mlflow-autolog: .*(set too|not valid)/);
      evidence.output(`training under the preload with a bad configuration (${Object.keys(extra).join(', ')})`, refused);
    }
    evidence.check();
  });

  test('runs in a local store, with credentials in the environment, leave none in the store files', async () => {
    const evidence = new Evidence();
    const credentials = { MLFLOW_TRACKING_USERNAME: ENV_USER, MLFLOW_TRACKING_PASSWORD: ENV_PASSWORD, MLFLOW_TRACKING_TOKEN: TOKEN };
    const folder = mkdtempSync(join(tmpdir(), 'secrets-store-'));
    const explicit = await runNode(['-e', LOG_A_RUN], { ...credentials, MLFLOW_TRACKING_URI: `file:${folder}`, MLFLOW_AUTOLOG_JOURNAL_DIR: journal() });
    assert.equal(explicit.code, 0, explicit.stderr);
    evidence.output('logging to file:', explicit);
    evidence.folder('the file: store', folder, 3);
    // NB: no tracking URI: ./mlflow.db in the working directory, a git checkout whose remote holds a token.
    const cwd = mkdtempSync(join(tmpdir(), 'secrets-cwd-'));
    execFileSync('git', ['init', '-q', cwd]);
    execFileSync('git', ['-C', cwd, 'remote', 'add', 'origin', `https://gituser:${GIT_TOKEN}@example.com/team/repo.git`]);
    const implicit = await runNode(['-e', LOG_A_RUN], { ...credentials, MLFLOW_TRACKING_URI: '', MLFLOW_AUTOLOG_JOURNAL_DIR: journal() }, cwd);
    assert.equal(implicit.code, 0, implicit.stderr);
    evidence.output('logging to ./mlflow.db', implicit);
    // NB: the database file itself (its WAL is folded back at exit), not the folder: .git/config holds the remote's token.
    evidence.value('./mlflow.db', readFileSync(join(cwd, 'mlflow.db'), 'latin1'));
    const runId = lastJson<{ runId: string }>(implicit.stdout).runId;
    const store = new SqliteStore(join(cwd, 'mlflow.db'));
    const { data } = await store.getRun(runId);
    store.close();
    assert.equal(data.tags.find((t) => t.key === 'mlflow.source.git.repoURL')?.value, 'https://example.com/team/repo.git', 'the remote is recorded, without its credentials');
    evidence.check();
  });
});
