import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { loadConfig } from '../../src/config/config';
import { ConfigError } from '../../src/errors';

function configError(env: NodeJS.ProcessEnv, options = {}): ConfigError {
  try {
    loadConfig(options, env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected loadConfig to throw');
}

describe('configuration from MLflow environment variables', () => {
  /** Runs `body` with the working folder set to a new empty temporary folder. */
  function inEmptyFolder<T>(body: (cwd: string) => T): T {
    const previous = process.cwd();
    const cwd = realpathSync(mkdtempSync(join(tmpdir(), 'config-cwd-')));
    process.chdir(cwd);
    try {
      return body(cwd);
    } finally {
      process.chdir(previous);
    }
  }

  test("no tracking URI means MLflow's default: sqlite:///mlflow.db in the working folder", () => {
    inEmptyFolder((cwd) => {
      const config = loadConfig({}, {});
      assert.deepEqual(config.target, { kind: 'sqlite', path: join(cwd, 'mlflow.db') });
      assert.equal(config.trackingUri, `sqlite:///${join(cwd, 'mlflow.db')}`);
    });
  });

  test('no tracking URI in a folder whose ./mlruns holds an experiment keeps that file store, as MLflow does', () => {
    inEmptyFolder((cwd) => {
      mkdirSync(join(cwd, 'mlruns', '0', 'artifacts'), { recursive: true });
      assert.equal(loadConfig({}, {}).target.kind, 'sqlite', 'an ./mlruns that only holds artifacts (the SQLite store puts them there) is not a file store');
      writeFileSync(join(cwd, 'mlruns', '0', 'meta.yaml'), 'name: Default\n');
      assert.deepEqual(loadConfig({}, {}).target, { kind: 'file', root: join(cwd, 'mlruns') });
    });
  });

  test('http URLs, file URIs and plain paths are all accepted', () => {
    assert.deepEqual(loadConfig({}, { MLFLOW_TRACKING_URI: 'http://127.0.0.1:5000/' }).target, { kind: 'rest', url: 'http://127.0.0.1:5000' });
    assert.deepEqual(loadConfig({}, { MLFLOW_TRACKING_URI: 'file:///tmp/store' }).target, { kind: 'file', root: '/tmp/store' });
    assert.deepEqual(loadConfig({}, { MLFLOW_TRACKING_URI: './runs' }).target, { kind: 'file', root: resolve('runs') });
    assert.deepEqual(loadConfig({ trackingUri: 'https://mlflow.example.com/prefix' }, {}).target, { kind: 'rest', url: 'https://mlflow.example.com/prefix' });
  });

  test('a tracking URI with an unsupported scheme names the variable, the value and what is accepted', () => {
    const error = configError({ MLFLOW_TRACKING_URI: 'ftp://host/runs' });
    assert.equal(error.variable, 'MLFLOW_TRACKING_URI');
    assert.match(error.message, /MLFLOW_TRACKING_URI="ftp:\/\/host\/runs"/);
    assert.match(error.message, /http\(s\):\/\/ tracking server URL, a file: URI or a folder path/);
  });

  test('a non-numeric retry count is refused with the accepted range', () => {
    const error = configError({ MLFLOW_HTTP_REQUEST_MAX_RETRIES: 'many' });
    assert.equal(error.variable, 'MLFLOW_HTTP_REQUEST_MAX_RETRIES');
    assert.match(error.message, /"many".*whole number from 0 to 9/);
    assert.equal(configError({ MLFLOW_HTTP_REQUEST_MAX_RETRIES: '10' }).variable, 'MLFLOW_HTTP_REQUEST_MAX_RETRIES');
    assert.equal(configError({ MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR: '120' }).variable, 'MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR');
    assert.equal(configError({ MLFLOW_HTTP_REQUEST_TIMEOUT: '-1' }).variable, 'MLFLOW_HTTP_REQUEST_TIMEOUT');
  });

  test('numbers may have surrounding spaces; whole numbers, bounds and booleans are checked as MLflow reads them', () => {
    const uri = 'http://127.0.0.1:5000';
    const config = loadConfig({}, {
      MLFLOW_TRACKING_URI: uri,
      MLFLOW_HTTP_REQUEST_MAX_RETRIES: ' 3 ',
      MLFLOW_HTTP_REQUEST_BACKOFF_JITTER: '0.5',
      MLFLOW_HTTP_RESPECT_RETRY_AFTER_HEADER: 'FALSE',
      MLFLOW_MULTIPART_UPLOAD_CHUNK_SIZE: '1048576',
    });
    assert.deepEqual([config.http.maxRetries, config.http.backoffJitter, config.http.respectRetryAfter, config.multipart.chunkSize], [3, 0.5, false, 1048576]);
    for (const [variable, value] of [
      ['MLFLOW_HTTP_REQUEST_TIMEOUT', '1.5'],
      ['MLFLOW_HTTP_REQUEST_TIMEOUT', '0'],
      ['MLFLOW_HTTP_REQUEST_BACKOFF_JITTER', '3600'],
      ['MLFLOW_HTTP_REQUEST_BACKOFF_JITTER', '1e3'],
      ['MLFLOW_MULTIPART_UPLOAD_CHUNK_SIZE', '9007199254740993'],
      ['MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD', 'yes'],
    ]) {
      assert.equal(configError({ MLFLOW_TRACKING_URI: uri, [variable!]: value }).variable, variable, `${variable}=${value}`);
    }
    // NB: from JavaScript, an id that is not a string is refused as well.
    assert.equal(configError({ MLFLOW_TRACKING_URI: uri }, { experimentId: 12 }).variable, 'experimentId');
  });

  test('a username without a password is refused, naming the missing variable', () => {
    const error = configError({ MLFLOW_TRACKING_USERNAME: 'alice' });
    assert.equal(error.variable, 'MLFLOW_TRACKING_PASSWORD');
    assert.match(error.message, /MLFLOW_TRACKING_USERNAME is set but MLFLOW_TRACKING_PASSWORD is not/);
  });

  test('insecure TLS together with a CA path is refused as contradictory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ca-'));
    writeFileSync(join(dir, 'ca.pem'), 'not really a cert');
    const error = configError({ MLFLOW_TRACKING_INSECURE_TLS: 'true', MLFLOW_TRACKING_SERVER_CERT_PATH: join(dir, 'ca.pem') });
    assert.equal(error.variable, 'MLFLOW_TRACKING_INSECURE_TLS');
    assert.match(error.message, /mutually exclusive/);
  });

  test('a boolean variable accepts only true, false, 1 or 0', () => {
    assert.equal(loadConfig({}, { MLFLOW_TRACKING_INSECURE_TLS: 'TRUE' }).http.insecureTls, true);
    assert.equal(loadConfig({}, { MLFLOW_TRACKING_INSECURE_TLS: '0' }).http.insecureTls, false);
    assert.match(configError({ MLFLOW_TRACKING_INSECURE_TLS: 'yes' }).message, /true, false, 1 or 0/);
  });

  test('credentials pick Basic auth over a token, as MLflow does, and MLflow defaults fill the rest', () => {
    const config = loadConfig({}, { MLFLOW_TRACKING_USERNAME: 'a', MLFLOW_TRACKING_PASSWORD: 'b', MLFLOW_TRACKING_TOKEN: 't' });
    assert.deepEqual(config.http.auth, { kind: 'basic', username: 'a', password: 'b' });
    assert.deepEqual(loadConfig({}, { MLFLOW_TRACKING_TOKEN: 't' }).http.auth, { kind: 'bearer', token: 't' });
    assert.equal(config.http.maxRetries, 7);
    assert.equal(config.http.backoffFactor, 2);
    assert.equal(config.http.timeoutMs, 120_000);
  });

  test('a malformed experiment id or run id is refused before any request', () => {
    assert.equal(configError({ MLFLOW_EXPERIMENT_ID: '../1' }).variable, 'MLFLOW_EXPERIMENT_ID');
    assert.equal(configError({ MLFLOW_RUN_ID: '-bad' }).variable, 'MLFLOW_RUN_ID');
  });

  describe('credentials in the tracking URI', () => {
    const SECRETS = ['SECRETuser1', 'SECRETpass1', 'SECRETtoken1'];
    const assertNoSecret = (text: string) => {
      for (const secret of SECRETS) assert.ok(!text.includes(secret), `"${secret}" leaked into: ${text}`);
    };

    test('user info in the tracking URI becomes Basic auth and is removed from the URI the rest of the code sees', () => {
      const config = loadConfig({}, { MLFLOW_TRACKING_URI: 'http://SECRETuser1:SECRET%2Fpass1%40x@127.0.0.1:5000/prefix/' });
      assert.deepEqual(config.target, { kind: 'rest', url: 'http://127.0.0.1:5000/prefix' });
      assert.equal(config.trackingUri, 'http://127.0.0.1:5000/prefix');
      assert.deepEqual(config.http.auth, { kind: 'basic', username: 'SECRETuser1', password: 'SECRET/pass1@x' });
      assert.equal(config.http.authSource, 'the user info in the tracking URI');
      assertNoSecret(JSON.stringify({ ...config, http: { ...config.http, auth: undefined } }));
    });

    test('user info in the URI together with MLFLOW_TRACKING_USERNAME/PASSWORD or a token is refused, without showing either', () => {
      const uri = 'http://SECRETuser1:SECRETpass1@127.0.0.1:5000';
      const both = configError({ MLFLOW_TRACKING_URI: uri, MLFLOW_TRACKING_USERNAME: 'SECRETuser1', MLFLOW_TRACKING_PASSWORD: 'SECRETpass1' });
      assert.equal(both.variable, 'MLFLOW_TRACKING_URI');
      assert.match(both.message, /carries credentials .* MLFLOW_TRACKING_USERNAME\/MLFLOW_TRACKING_PASSWORD are set too: keep only one/);
      assertNoSecret(both.message);
      const token = configError({ MLFLOW_TRACKING_TOKEN: 'SECRETtoken1' }, { trackingUri: uri });
      assert.equal(token.variable, 'trackingUri');
      assert.match(token.message, /MLFLOW_TRACKING_TOKEN is set too/);
      assertNoSecret(token.message);
    });

    test('user info with a user name but no password is refused, without showing the user name', () => {
      const error = configError({ MLFLOW_TRACKING_URI: 'https://SECRETuser1@mlflow.example.com' });
      assert.match(error.message, /"https:\/\/mlflow.example.com" \(user info removed\) has user info without a password/);
      assertNoSecret(error.message);
    });

    test('a tracking URI refused for another reason is shown with its user info masked', () => {
      for (const uri of ['ftp://SECRETuser1:SECRETpass1@host/runs', 'http://SECRETuser1:SECRETpass1@', 'http://SECRETuser1:SECRETpass1@exa mple.com']) {
        const error = configError({ MLFLOW_TRACKING_URI: uri });
        assert.equal(error.variable, 'MLFLOW_TRACKING_URI');
        assert.match(error.message, /\*\*\*@/);
        assertNoSecret(error.message);
        assertNoSecret(error.stack ?? '');
      }
    });

    test('a credential with a line break is refused, naming the variable and not the value', () => {
      const error = configError({ MLFLOW_TRACKING_TOKEN: 'SECRETtoken1\nX-Injected: 1' });
      assert.equal(error.variable, 'MLFLOW_TRACKING_TOKEN');
      assert.match(error.message, /control character/);
      assertNoSecret(error.message);
    });

    test('MLFLOW_TRACKING_SERVER_CERT_PATH must name a PEM file', () => {
      const dir = mkdtempSync(join(tmpdir(), 'ca-'));
      writeFileSync(join(dir, 'ca.pem'), 'not really a cert');
      assert.match(configError({ MLFLOW_TRACKING_SERVER_CERT_PATH: join(dir, 'ca.pem') }).message, /PEM file/);
      assert.equal(configError({ MLFLOW_TRACKING_SERVER_CERT_PATH: dir }).variable, 'MLFLOW_TRACKING_SERVER_CERT_PATH');
      writeFileSync(join(dir, 'real.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
      assert.equal(loadConfig({}, { MLFLOW_TRACKING_SERVER_CERT_PATH: join(dir, 'real.pem') }).http.caCertPath, join(dir, 'real.pem'));
    });
  });
});
