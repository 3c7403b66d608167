import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { checkDependencies, installedVersion, writeDependencies } from '../../src/models/dependencies';
import { PACKAGE_VERSION } from '../../src/version';

function captureStderr<T>(fn: () => Promise<T>): Promise<{ result: T; stderr: string }> {
  const write = process.stderr.write.bind(process.stderr);
  let stderr = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  }) as typeof process.stderr.write;
  return fn().then(
    (result) => {
      process.stderr.write = write;
      return { result, stderr };
    },
    (error: unknown) => {
      process.stderr.write = write;
      throw error;
    },
  );
}

describe("a model's dependencies", () => {
  test('package.json pins this package, the installed version of each library and the Node version', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deps-'));
    await writeDependencies(dir, ['yaml', 'zod']);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; engines: { node: string } };
    assert.equal(manifest.dependencies['mlflow-autolog'], PACKAGE_VERSION);
    assert.equal(manifest.dependencies.yaml, installedVersion('yaml'));
    assert.match(manifest.dependencies.zod ?? '', /^\d+\.\d+\.\d+/);
    assert.equal(manifest.engines.node, `>=${process.versions.node}`);
  });

  test('matching versions load silently', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deps-'));
    await writeDependencies(dir, ['yaml']);
    const { result, stderr } = await captureStderr(() => checkDependencies(dir));
    assert.deepEqual(result, []);
    assert.equal(stderr, '');
  });

  test('a mismatch gives one warning naming each package with both versions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deps-'));
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ dependencies: { yaml: '0.0.1', 'not-installed-anywhere': '1.0.0' }, engines: { node: `>=${process.versions.node}` } }),
    );
    const { result, stderr } = await captureStderr(() => checkDependencies(dir));
    assert.equal(result.length, 2);
    assert.equal(stderr.trim().split('\n').length, 1);
    assert.match(stderr, new RegExp(`yaml \\(saved with 0\\.0\\.1, installed ${installedVersion('yaml')!.replace(/\./g, '\\.')}\\)`));
    assert.match(stderr, /not-installed-anywhere \(saved with 1\.0\.0, not installed\)/);
  });
});

describe("a model saved under another Node major version", () => {
  test('is named in the warning with both Node versions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deps-'));
    const other = Number(process.versions.node.split('.')[0]) + 2;
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ dependencies: {}, engines: { node: `>=${other}.0.0` } }));
    const { result, stderr } = await captureStderr(() => checkDependencies(dir));
    assert.deepEqual(result, [`node (saved with ${other}.0.0, running ${process.versions.node})`]);
    assert.match(stderr, /node \(saved with/);
  });
});
