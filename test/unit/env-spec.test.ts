import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, ValidationError } from '../../src/errors';
import { cacheRoot } from '../../src/models/model-uri';
import {
  checkRecordedDependencies,
  environmentKey,
  environmentsRoot,
  packageDigest,
  packageNameProblem,
  registrySpecifierProblem,
  type EnvironmentKeyInputs,
} from '../../src/serving/env-spec';

const BASE: EnvironmentKeyInputs = {
  dependencies: { 'ml-cart': '2.1.0', 'ml-matrix': '6.15.1' },
  packageName: 'mlflow-autolog',
  packageVersion: '0.1.0',
  packageDigest: 'a'.repeat(64),
  nodeAbi: '115',
  platform: 'linux',
  arch: 'x64',
};

function withEnv<T>(values: Record<string, string | undefined>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(values).map((k) => [k, process.env[k]]));
  const set = (v: Record<string, string | undefined>) => {
    for (const [k, value] of Object.entries(v)) {
      if (value === undefined) delete process.env[k];
      else process.env[k] = value;
    }
  };
  set(values);
  try {
    return fn();
  } finally {
    set(saved);
  }
}

describe('the environment key', () => {
  test('is 32 hex digits that do not depend on the order the dependencies were recorded in', () => {
    const key = environmentKey(BASE);
    assert.match(key, /^[0-9a-f]{32}$/);
    assert.equal(environmentKey({ ...BASE, dependencies: { 'ml-matrix': '6.15.1', 'ml-cart': '2.1.0' } }), key);
    assert.equal(environmentKey({ ...BASE }), key);
  });

  test('changes with any dependency, this package version or build, and the Node ABI, platform or CPU', () => {
    const key = environmentKey(BASE);
    const variants: Partial<EnvironmentKeyInputs>[] = [
      { dependencies: { 'ml-cart': '2.1.1', 'ml-matrix': '6.15.1' } },
      { dependencies: { 'ml-cart': '2.1.0' } },
      { dependencies: { 'ml-cart': '2.1.0', 'ml-matrix': '6.15.1', 'ml-knn': '3.0.0' } },
      { packageVersion: '0.1.1' },
      { packageDigest: 'b'.repeat(64) },
      { nodeAbi: '127' },
      { platform: 'darwin' },
      { arch: 'arm64' },
    ];
    const keys = variants.map((v) => environmentKey({ ...BASE, ...v }));
    for (const other of keys) assert.notEqual(other, key);
    assert.equal(new Set(keys).size, keys.length);
  });

  test("a name and a version cannot run together into another pair's text", () => {
    assert.notEqual(environmentKey({ ...BASE, dependencies: { ab: '1.0.0' } }), environmentKey({ ...BASE, dependencies: { a: 'b1.0.0' } }));
  });

  test("the package digest covers package.json and the files npm packs, and nothing else", () => {
    const root = mkdtempSync(join(tmpdir(), 'digest-'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'p', version: '1.0.0', files: ['dist'] }));
    mkdirSync(join(root, 'dist', 'sub'), { recursive: true });
    writeFileSync(join(root, 'dist', 'sub', 'a.js'), 'one');
    const first = packageDigest(root);
    assert.match(first, /^[0-9a-f]{64}$/);
    // NB: computed once per process: a second root shows what a change would do.
    const copy = mkdtempSync(join(tmpdir(), 'digest-'));
    writeFileSync(join(copy, 'package.json'), JSON.stringify({ name: 'p', version: '1.0.0', files: ['dist'] }));
    mkdirSync(join(copy, 'dist', 'sub'), { recursive: true });
    writeFileSync(join(copy, 'dist', 'sub', 'a.js'), 'one');
    writeFileSync(join(copy, 'notes.txt'), 'not packed');
    assert.equal(packageDigest(copy), first);
    const changed = mkdtempSync(join(tmpdir(), 'digest-'));
    writeFileSync(join(changed, 'package.json'), JSON.stringify({ name: 'p', version: '1.0.0', files: ['dist'] }));
    mkdirSync(join(changed, 'dist', 'sub'), { recursive: true });
    writeFileSync(join(changed, 'dist', 'sub', 'a.js'), 'two');
    assert.notEqual(packageDigest(changed), first);
  });
});

describe('recorded dependency specifiers', () => {
  test('versions, ranges, dist-tags and npm: aliases of them are registry specifiers', () => {
    for (const spec of ['2.1.0', '^2.1.0', '~1.2', '>=1.0.0 <2.0.0', '1.x || 2.x', '1.0.0 - 2.0.0', '*', '', 'latest', 'next', 'beta.1', 'npm:ml-cart@2.1.0', 'npm:@scope/pkg@^1', 'npm:ml-cart']) {
      assert.equal(registrySpecifierProblem(spec), undefined, spec);
    }
  });

  test('paths, file:, link:, git, GitHub shorthands, tarballs and URLs are refused with the reason', () => {
    const refused: [string, RegExp][] = [
      ['file:../model', /file: specifier/],
      ['FILE:/etc', /file: specifier/],
      ['link:../lib', /link: specifier/],
      ['git://github.com/a/b.git', /git: specifier/],
      ['git+ssh://git@github.com/a/b.git', /git\+ssh: specifier/],
      ['github:mljs/cart', /github: specifier/],
      ['gitlab:a/b', /gitlab: specifier/],
      ['https://example.com/x.tgz', /https: specifier/],
      ['workspace:*', /workspace: specifier/],
      ['mljs/decision-tree-cart', /path or a git shorthand/],
      ['./lib', /path/],
      ['../lib', /path/],
      ['/abs/lib', /path/],
      ['~/lib', /path/],
      ['C:\\lib', /path/],
      ['lib.tgz', /tarball file/],
      ['lib.tar.gz', /tarball file/],
      ['1.0.0 && rm -rf', /neither a version/],
      ['npm:../evil@1.0.0', /aliased package name "\.\.\/evil"/],
      ['npm:ok@file:../x', /file: specifier/],
      ['npm:ok@npm:other@1', /alias of an alias/],
      ['x'.repeat(300), /longer than 256/],
    ];
    for (const [spec, reason] of refused) {
      const problem = registrySpecifierProblem(spec);
      assert.ok(problem, `${spec} is refused`);
      assert.match(problem, reason, spec);
    }
  });

  test('package names must be single folder names under node_modules', () => {
    for (const name of ['ml-cart', '@tensorflow/tfjs', 'brain.js', 'JSONStream', 'a~b']) assert.equal(packageNameProblem(name), undefined, name);
    for (const name of ['', '../evil', '..', '.bin', '_private', 'a/b', '@scope/../x', '@scope/a/b', 'a b', 'a\\b', '@/x', 'node_modules', 'x'.repeat(215)]) {
      assert.ok(packageNameProblem(name), `${JSON.stringify(name)} is refused`);
    }
  });

  test("the model's package.json is checked field by field, naming the file and the field", () => {
    const checked = checkRecordedDependencies({ dependencies: { 'mlflow-autolog': '0.0.9', 'ml-matrix': '6.15.1', 'ml-cart': '2.1.0' }, scripts: { install: 'evil' } }, 'package.json');
    assert.deepEqual(checked, { file: 'package.json', dependencies: { 'ml-cart': '2.1.0', 'ml-matrix': '6.15.1' }, savedWith: '0.0.9' });
    assert.equal(checkRecordedDependencies({ engines: { node: '>=20.20.2' } }, 'package.json').savedNode, '20.20.2');
    assert.deepEqual(Object.keys(checked.dependencies), ['ml-cart', 'ml-matrix']);
    assert.deepEqual(checkRecordedDependencies({}, 'package.json').dependencies, {});

    const refusals: [unknown, RegExp][] = [
      [[], /package\.json: the field \(the whole file\) is not a JSON object/],
      [{ dependencies: ['ml-cart'] }, /the field dependencies is not an object/],
      [{ dependencies: { 'ml-cart': 'file:../x' } }, /the field dependencies\["ml-cart"\] is "file:\.\.\/x": it is a file: specifier/],
      [{ dependencies: { '../x': '1.0.0' } }, /the field dependencies\["\.\.\/x"\] has a name that cannot be installed/],
      [{ dependencies: { 'ml-cart': null } }, /the field dependencies\["ml-cart"\] is null, not a version string/],
    ];
    for (const [manifest, message] of refusals) {
      assert.throws(() => checkRecordedDependencies(manifest, 'package.json'), (error: unknown) => error instanceof ValidationError && message.test(error.message));
    }
  });
});

describe('where environments are kept', () => {
  test('MLFLOW_AUTOLOG_ENV_DIR when set, else mlflow-autolog-envs beside the model cache', () => {
    const dir = mkdtempSync(join(tmpdir(), 'envs-'));
    assert.equal(withEnv({ MLFLOW_AUTOLOG_ENV_DIR: dir }, environmentsRoot), dir);
    assert.equal(withEnv({ MLFLOW_AUTOLOG_ENV_DIR: undefined, MLFLOW_AUTOLOG_CACHE_DIR: join(dir, 'models') }, environmentsRoot), join(dir, 'mlflow-autolog-envs'));
    assert.equal(withEnv({ MLFLOW_AUTOLOG_ENV_DIR: undefined }, environmentsRoot), join(dirname(cacheRoot()), 'mlflow-autolog-envs'));
  });

  test('a folder inside the model cache is refused: the code gate would refuse what is installed there', () => {
    const cache = mkdtempSync(join(tmpdir(), 'cache-'));
    assert.throws(
      () => withEnv({ MLFLOW_AUTOLOG_CACHE_DIR: cache, MLFLOW_AUTOLOG_ENV_DIR: join(cache, 'envs') }, environmentsRoot),
      (error: unknown) => error instanceof ConfigError && error.variable === 'MLFLOW_AUTOLOG_ENV_DIR' && /inside the model cache/.test(error.message),
    );
  });
});
