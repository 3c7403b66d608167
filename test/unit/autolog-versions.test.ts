/** Version checks against an instrumentation's manifest. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { checkVersion, readPackageVersion, testedRange } from '../../src/autolog/versions';

const manifest = { module: 'lib', supported: ['>=3.0.0 <5.0.0'], tested: ['4.22.0', '4.10.0'] };

describe('version checks', () => {
  test('a version between the lowest and highest tested ones is tested', () => {
    assert.equal(testedRange(manifest), '>=4.10.0 <=4.22.0');
    assert.equal(checkVersion(manifest, '4.22.0'), 'tested');
    assert.equal(checkVersion(manifest, '4.15.1'), 'tested');
  });

  test('a supported version outside the tested ones is untested, and one outside the ranges unsupported', () => {
    assert.equal(checkVersion(manifest, '3.21.0'), 'untested');
    assert.equal(checkVersion(manifest, '4.23.0-rc.1'), 'untested');
    assert.equal(checkVersion(manifest, '5.0.0'), 'unsupported');
    assert.equal(checkVersion(manifest, '2.8.6'), 'unsupported');
  });

  test('an unknown version is supported only by a "*" range', () => {
    assert.equal(checkVersion(manifest, undefined), 'unsupported');
    assert.equal(checkVersion({ ...manifest, supported: ['*'] }, undefined), 'untested');
  });

  test("the version is read from the package's own package.json", () => {
    const dir = mkdtempSync(join(tmpdir(), 'pkg-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'lib', version: '4.2.0' }));
    assert.equal(readPackageVersion(dir), '4.2.0');
    assert.equal(readPackageVersion(join(dir, 'missing')), undefined);
    assert.equal(readPackageVersion(undefined), undefined);
  });
});
