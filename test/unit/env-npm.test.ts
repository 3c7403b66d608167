import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import { failedPackageOf, npmEnvironment, stderrTail } from '../../src/serving/npm';
import { environmentProgress } from '../../src/serving/progress';

describe('running npm for a model environment', () => {
  test("npm's inherited configuration and the app's preloads are dropped; where to fetch from is kept", () => {
    const env = npmEnvironment({
      PATH: '/usr/bin',
      HOME: '/root',
      NODE_OPTIONS: '--require mlflow-autolog/register',
      npm_config_prefix: '/elsewhere',
      npm_config_local_prefix: '/elsewhere',
      npm_config_global: 'true',
      NPM_CONFIG_LOCATION: 'global',
      npm_package_name: 'the-app',
      npm_lifecycle_event: 'serve',
      npm_config_registry: 'https://registry.example/',
      'npm_config_@acme:registry': 'https://acme.example/',
      npm_config_cache: '/tmp/npm-cache',
      npm_config_https_proxy: 'http://proxy:3128',
    });
    assert.deepEqual(env, {
      PATH: '/usr/bin',
      HOME: '/root',
      npm_config_registry: 'https://registry.example/',
      'npm_config_@acme:registry': 'https://acme.example/',
      npm_config_cache: '/tmp/npm-cache',
      npm_config_https_proxy: 'http://proxy:3128',
      npm_config_update_notifier: 'false',
      npm_config_color: 'false',
    });
  });

  test("the package that failed is read from npm's own error output", () => {
    // NB: the texts npm 11 prints (captured from real runs).
    const cases: [string, string | undefined][] = [
      ['npm error code ETARGET\nnpm error notarget No matching version found for ml-cart@999.999.999.\nnpm error notarget In most cases you or one of your dependencies are requesting a package version that doesn\'t exist.\n', 'ml-cart@999.999.999'],
      ["npm error code E404\nnpm error 404 Not Found - GET https://registry.npmjs.org/no-such-pkg-zq\nnpm error 404\nnpm error 404  The requested resource 'no-such-pkg-zq@1.0.0' could not be found or you do not have permission to access it.\n", 'no-such-pkg-zq@1.0.0'],
      ['npm error code E404\nnpm error 404 Not Found - GET https://registry.npmjs.org/@acme%2fmissing\n', '@acme/missing'],
      ['npm error code 3\nnpm error path /envs/.staging-x/node_modules/@photostructure/sqlite\nnpm error command failed\nnpm error command sh -c node-gyp-build\n', '@photostructure/sqlite'],
      ['npm error code ERESOLVE\nnpm error ERESOLVE unable to resolve dependency tree\nnpm error\nnpm error While resolving: mlflow-autolog-model-env@undefined\nnpm error Found: ml-matrix@5.3.0\nnpm error\nnpm error Could not resolve dependency:\nnpm error peer ml-matrix@"^6.0.0" from ml-pca@4.1.1\n', 'ml-pca@4.1.1 (it needs ml-matrix@"^6.0.0")'],
      ['npm error code ECONNREFUSED\nnpm error syscall connect\n', undefined],
    ];
    for (const [stderr, expected] of cases) assert.equal(failedPackageOf(stderr), expected, stderr);
  });

  test("an error quotes the end of npm's stderr, cut at a line", () => {
    assert.equal(stderrTail('  short\n'), 'short');
    const long = Array.from({ length: 500 }, (_, i) => `npm error line ${i}`).join('\n');
    const tail = stderrTail(long, 200);
    assert.ok(tail.startsWith('…npm error line '), tail);
    assert.ok(tail.endsWith('npm error line 499'));
    assert.ok(tail.length <= 201);
  });
});

describe('the progress display', () => {
  function stream(tty: boolean): { stream: NodeJS.WriteStream; text(): string } {
    const s = new PassThrough();
    let out = '';
    s.on('data', (d: Buffer) => (out += d.toString()));
    Object.assign(s, { isTTY: tty, columns: 100 });
    return { stream: s as unknown as NodeJS.WriteStream, text: () => out };
  }

  test('is one plain line per message when the stream is not a terminal', async () => {
    const { stream: s, text } = stream(false);
    const progress = environmentProgress(s);
    for (const line of ['[1/4] Checking npm', 'npm warn deprecated x', '[4/4] ready']) progress.onProgress(line);
    progress.stop();
    await new Promise(setImmediate);
    assert.equal(text(), '[1/4] Checking npm\nnpm warn deprecated x\n[4/4] ready\n');
  });

  test('is a bar that follows the [k/n] steps on a terminal, with lines before it kept as lines', async () => {
    const { stream: s, text } = stream(true);
    const progress = environmentProgress(s);
    progress.onProgress('The model was saved with mlflow-autolog 0.0.9');
    progress.onProgress('[1/4] Checking npm');
    progress.onProgress('npm warn deprecated x');
    progress.onProgress(`[4/4] The environment /envs/${'k'.repeat(200)} is ready`);
    progress.stop();
    await new Promise(setImmediate);
    const out = text();
    assert.ok(out.startsWith('The model was saved with mlflow-autolog 0.0.9\n'), out);
    assert.match(out, /environment \[[█░]+\] 1\/4 \| Checking npm/);
    assert.match(out, /environment \[█+\] 4\/4 \| The environment \/envs\/k+…/);
    // NB: kept to one terminal line (100 columns here), so that redrawing works.
    for (const drawn of out.split(/\x1b\[1G/).slice(1)) assert.ok(drawn.replace(/\x1b\[[0-9;?]*[a-zA-Z]|\x1b[78]/g, '').trim().length <= 100, drawn);
  });
});
