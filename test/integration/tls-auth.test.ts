/**
 * TLS and authentication for real: an HTTPS endpoint whose certificate a private CA (made here
 * with `openssl`) signed, in front of the real MLflow server; and MLflow's own auth app
 * (`mlflow server --app-name basic-auth`) with an admin, a user without permission and wrong
 * credentials. Runs are logged by a child process using the built package, as a user would.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { uniqueName } from '../conformance/helpers';
import { startMlflowServer, testServer, type MlflowServer } from '../harness/mlflow-server';
import { lastJson, runNode } from '../harness/node';
import { REPO_ROOT, readRun } from '../harness/python';
import { makeCertificates, startTlsProxy, type Certificates, type TlsProxy } from '../harness/tls-proxy';

const PACKAGE = join(REPO_ROOT, 'dist', 'src', 'index.js');

/** Logs one run with a param and 5 metric points; prints `{runId}` or `{error, errorCode, httpStatus}`. */
const LOG_A_RUN = `
const mlflow = require(${JSON.stringify(PACKAGE)});
(async () => {
  try {
    const run = await mlflow.startRun({ runName: 'secured' });
    mlflow.logParam('transport', process.env.TRANSPORT);
    for (let step = 0; step < 5; step++) mlflow.logMetric('loss', 1 / (step + 1), { step });
    await mlflow.endRun();
    console.log(JSON.stringify({ runId: run.runId }));
  } catch (e) {
    console.log(JSON.stringify({ error: e.message, name: e.name, errorCode: e.errorCode, httpStatus: e.httpStatus }));
    process.exitCode = 1;
  }
})();
`;

interface Outcome {
  runId?: string;
  error?: string;
  name?: string;
  errorCode?: string;
  httpStatus?: number;
}

/** Runs {@link LOG_A_RUN} in a child with `env` (its own journal folder, fast retries). */
async function logARun(env: NodeJS.ProcessEnv): Promise<{ outcome: Outcome; code: number | null; stderr: string }> {
  const result = await runNode(['-e', LOG_A_RUN], {
    MLFLOW_AUTOLOG_JOURNAL_DIR: mkdtempSync(join(tmpdir(), 'journal-')),
    MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR: '0',
    MLFLOW_HTTP_REQUEST_BACKOFF_JITTER: '0',
    MLFLOW_HTTP_REQUEST_MAX_RETRIES: '2',
    MLFLOW_EXPERIMENT_NAME: uniqueName('secured'),
    ...env,
  });
  return { outcome: lastJson<Outcome>(result.stdout), code: result.code, stderr: result.stderr };
}

/**
 * The child failed with one error, thrown to the caller, matching `pattern`; whatever the agent
 * warned on stderr is that same error, not another one.
 */
function assertOneError(result: { outcome: Outcome; code: number | null; stderr: string }, pattern: RegExp): Outcome {
  assert.equal(result.code, 1, `the script failed: ${JSON.stringify(result.outcome)} ${result.stderr}`);
  assert.equal(result.outcome.runId, undefined);
  assert.match(result.outcome.error ?? '', pattern);
  // NB: the caller has the error; a warning on top (or retries announced as "does not answer") would say it again.
  const warnings = result.stderr.split('\n').filter((line) => line.startsWith('mlflow-autolog:'));
  assert.deepEqual(warnings, [], `no warning besides the error: ${result.stderr}`);
  return result.outcome;
}

describe('HTTPS with a private certificate authority, in front of the real server', () => {
  let serverUrl: string;
  let certs: Certificates;
  let proxy: TlsProxy;
  before(async () => {
    serverUrl = (await testServer()).url;
    certs = await makeCertificates();
    proxy = await startTlsProxy(serverUrl, certs);
  });
  after(() => proxy?.close());

  test('a run logged with MLFLOW_TRACKING_SERVER_CERT_PATH set to the CA reaches the server, as MLflow reads it', async () => {
    const before = proxy.requests;
    const result = await logARun({ MLFLOW_TRACKING_URI: proxy.url, MLFLOW_TRACKING_SERVER_CERT_PATH: certs.caCert, TRANSPORT: 'https' });
    assert.equal(result.code, 0, `${JSON.stringify(result.outcome)} ${result.stderr}`);
    assert.ok(proxy.requests > before, 'the requests went through the HTTPS proxy');
    const run = await readRun(serverUrl, result.outcome.runId!);
    assert.equal(run.info.status, 'FINISHED');
    assert.equal(run.params.transport, 'https');
    assert.equal(run.metrics.loss?.length, 5);
  });

  test('without MLFLOW_TRACKING_SERVER_CERT_PATH it fails with one error naming the certificate problem and the variable', async () => {
    const before = proxy.requests;
    const outcome = assertOneError(
      await logARun({ MLFLOW_TRACKING_URI: proxy.url, TRANSPORT: 'https' }),
      /TLS certificate is not trusted \(.*(certificate|verify).*\).*set MLFLOW_TRACKING_SERVER_CERT_PATH to the PEM file/s,
    );
    assert.equal(outcome.errorCode, 'TLS_CERTIFICATE_ERROR');
    assert.equal(proxy.requests, before, 'no request got past the handshake');
  });

  test('a CA that did not sign the server certificate is refused the same way', async () => {
    const other = await makeCertificates('another CA');
    const outcome = assertOneError(
      await logARun({ MLFLOW_TRACKING_URI: proxy.url, MLFLOW_TRACKING_SERVER_CERT_PATH: other.caCert, TRANSPORT: 'https' }),
      /TLS certificate is not trusted.*MLFLOW_TRACKING_SERVER_CERT_PATH/s,
    );
    assert.equal(outcome.errorCode, 'TLS_CERTIFICATE_ERROR');
  });

  test('MLFLOW_TRACKING_INSECURE_TLS=true skips verification', async () => {
    const result = await logARun({ MLFLOW_TRACKING_URI: proxy.url, MLFLOW_TRACKING_INSECURE_TLS: 'true', TRANSPORT: 'insecure' });
    assert.equal(result.code, 0, `${JSON.stringify(result.outcome)} ${result.stderr}`);
    assert.equal((await readRun(serverUrl, result.outcome.runId!)).params.transport, 'insecure');
  });
});

describe("MLflow's basic-auth app", () => {
  const ADMIN = 'admin';
  // NB: MLflow 3.18 ships no default admin password and refuses the old default, password1234.
  const ADMIN_PASSWORD = 'adminpassword-tls-auth-1';
  const USER = 'reader';
  const USER_PASSWORD = 'readerpassword-tls-auth-1';
  let server: MlflowServer;
  let experiment: string;

  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlflow-auth-'));
    const ini = join(dir, 'basic_auth.ini');
    // NB: users get no permission by default, so that the one created below is refused (403).
    writeFileSync(
      ini,
      [
        '[mlflow]',
        'default_permission = NO_PERMISSIONS',
        `database_uri = sqlite:///${join(dir, 'basic_auth.db')}`,
        `admin_username = ${ADMIN}`,
        `admin_password = ${ADMIN_PASSWORD}`,
        'authorization_function = mlflow.server.auth:authenticate_request_basic_auth',
        '',
      ].join('\n'),
    );
    server = await startMlflowServer({
      extraArgs: ['--app-name', 'basic-auth'],
      env: { MLFLOW_AUTH_CONFIG_PATH: ini, MLFLOW_FLASK_SERVER_SECRET_KEY: 'tls-auth-test-secret-key' },
    });
    const admin = `Basic ${Buffer.from(`${ADMIN}:${ADMIN_PASSWORD}`).toString('base64')}`;
    const created = await fetch(`${server.url}/api/2.0/mlflow/users/create`, {
      method: 'POST',
      headers: { Authorization: admin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: USER, password: USER_PASSWORD }),
    });
    assert.equal(created.status, 200, await created.text());
    // NB: an experiment the admin owns; the user may not even read it.
    experiment = uniqueName('admin-only');
    const made = await fetch(`${server.url}/api/2.0/mlflow/experiments/create`, {
      method: 'POST',
      headers: { Authorization: admin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: experiment }),
    });
    assert.equal(made.status, 200, await made.text());
  });
  after(() => server?.stop());

  const adminEnv = () => ({ MLFLOW_TRACKING_USERNAME: ADMIN, MLFLOW_TRACKING_PASSWORD: ADMIN_PASSWORD });

  test('the admin logs a run with MLFLOW_TRACKING_USERNAME/PASSWORD, and MLflow reads it back', async () => {
    const result = await logARun({ MLFLOW_TRACKING_URI: server.url, ...adminEnv(), TRANSPORT: 'env-credentials' });
    assert.equal(result.code, 0, `${JSON.stringify(result.outcome)} ${result.stderr}`);
    const run = await readRun(server.url, result.outcome.runId!, adminEnv());
    assert.equal(run.info.status, 'FINISHED');
    assert.equal(run.params.transport, 'env-credentials');
    assert.equal(run.metrics.loss?.length, 5);
  });

  test('the admin logs a run with the credentials in the tracking URI, which no tag keeps', async () => {
    const uri = server.url.replace('http://', `http://${ADMIN}:${encodeURIComponent(ADMIN_PASSWORD)}@`);
    const result = await logARun({ MLFLOW_TRACKING_URI: uri, TRANSPORT: 'uri-credentials' });
    assert.equal(result.code, 0, `${JSON.stringify(result.outcome)} ${result.stderr}`);
    const run = await readRun(server.url, result.outcome.runId!, adminEnv());
    assert.equal(run.params.transport, 'uri-credentials');
    assert.equal(run.metrics.loss?.length, 5);
    assert.ok(!JSON.stringify(run).includes(ADMIN_PASSWORD), 'the password is in no tag, param or field of the run');
  });

  test('wrong credentials give one 401 error that says to check MLFLOW_TRACKING_USERNAME/PASSWORD', async () => {
    const outcome = assertOneError(
      await logARun({ MLFLOW_TRACKING_URI: server.url, MLFLOW_TRACKING_USERNAME: ADMIN, MLFLOW_TRACKING_PASSWORD: 'not-the-password', TRANSPORT: 'wrong' }),
      /did not accept the credentials from MLFLOW_TRACKING_USERNAME\/MLFLOW_TRACKING_PASSWORD; check MLFLOW_TRACKING_USERNAME\/MLFLOW_TRACKING_PASSWORD/,
    );
    assert.equal(outcome.httpStatus, 401);
    assert.ok(!outcome.error!.includes('not-the-password'));
  });

  test('no credentials at all give one 401 error that says which variables to set', async () => {
    const outcome = assertOneError(
      await logARun({ MLFLOW_TRACKING_URI: server.url, TRANSPORT: 'anonymous' }),
      /the server wants credentials; set MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD/,
    );
    assert.equal(outcome.httpStatus, 401);
  });

  test('a user without permission on the experiment gets one clear 403 error', async () => {
    const outcome = assertOneError(
      await logARun({
        MLFLOW_TRACKING_URI: server.url,
        MLFLOW_TRACKING_USERNAME: USER,
        MLFLOW_TRACKING_PASSWORD: USER_PASSWORD,
        MLFLOW_EXPERIMENT_NAME: experiment,
        TRANSPORT: 'forbidden',
      }),
      /PERMISSION_DENIED: Permission denied .*HTTP 403\): the user of MLFLOW_TRACKING_USERNAME\/MLFLOW_TRACKING_PASSWORD has no permission for this; ask an admin/,
    );
    assert.equal(outcome.httpStatus, 403);
    assert.ok(!outcome.error!.includes(USER_PASSWORD));
  });
});
