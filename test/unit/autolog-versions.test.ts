/** Version checks against an instrumentation's manifest. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import semver from 'semver';
import { compareVersions, parseVersion, satisfies } from '../../src/autolog/semver-lite';
import { checkVersion, readPackageVersion, testedRange } from '../../src/autolog/versions';
import { fuzzSuite } from './fuzz-helpers';

const { fuzz } = fuzzSuite('semver-lite');

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

// NB: small parts, so that generated versions and bounds often meet (equal, prerelease of, …).
const identifier = fc.oneof(fc.constantFrom('alpha', 'beta', 'rc', 'x-1', '0a'), fc.integer({ min: 0, max: 3 }).map(String));
const version = fc
  .record({
    core: fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })),
    prerelease: fc.array(identifier, { maxLength: 3 }),
    build: fc.option(fc.constantFrom('build.1', 'sha-5'), { nil: undefined }),
  })
  .map(({ core, prerelease, build }) => `${core.join('.')}${prerelease.length ? `-${prerelease.join('.')}` : ''}${build ? `+${build}` : ''}`);
const comparator = fc.tuple(fc.constantFrom('', '=', '<', '<=', '>', '>='), version).map(([op, v]) => op + v);
const range = fc.array(fc.oneof(fc.array(comparator, { minLength: 1, maxLength: 3 }).map((c) => c.join(' ')), fc.constant('*')), { minLength: 1, maxLength: 3 }).map((sets) => sets.join(' || '));

describe('semver-lite', () => {
  test('on plain comparator ranges it agrees with semver.satisfies with prereleases included', () => {
    fuzz(fc.tuple(version, range), ([v, r]) => {
      assert.equal(satisfies(v, r), semver.satisfies(v, r, { includePrerelease: true }), `${v} in ${r}`);
    });
  });

  test('it orders versions as semver.compare does', () => {
    fuzz(fc.tuple(version, version), ([a, b]) => {
      assert.equal(compareVersions(parseVersion(a)!, parseVersion(b)!), semver.compare(a, b), `${a} vs ${b}`);
    });
  });

  test('ranges and versions beyond plain comparators are left to semver', () => {
    for (const r of ['^1.2.0', '~1.2.0', '1.x', '1.0.0 - 2.0.0', '>= 1.0.0', '>=v1.0.0']) assert.equal(satisfies('1.2.3', r), undefined, r);
    for (const v of ['v1.2.3', '1.2', '01.2.3', ' 1.2.3', `1.2.${'9'.repeat(20)}`]) assert.equal(satisfies(v, '*'), undefined, v);
    assert.equal(checkVersion({ module: 'lib', supported: ['^4.0.0'], tested: ['4.1.0'] }, '4.2.0'), 'untested');
    assert.equal(checkVersion({ module: 'lib', supported: ['~4.1.0'], tested: ['4.1.0'] }, '4.2.0'), 'unsupported');
    assert.equal(checkVersion({ module: 'lib', supported: ['*'], tested: ['4.1.0'] }, 'v4.1.0'), 'tested');
  });
});
