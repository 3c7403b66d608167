/**
 * Version checks against an instrumentation's manifest, on the version in the instrumented
 * package's own `package.json` (found from the hook's baseDir), as OpenTelemetry does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import type { VersionsManifest } from './types';

/** `tested`: within the tested versions; `untested`: supported but not tested; `unsupported`: never patched. */
export type VersionVerdict = 'tested' | 'untested' | 'unsupported';

/** The `version` field of `<baseDir>/package.json`, if readable. */
export function readPackageVersion(baseDir: string | undefined): string | undefined {
  if (!baseDir) return undefined;
  try {
    const pkg = JSON.parse(readFileSync(join(baseDir, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}

/** The lowest and highest tested versions as a range, e.g. `>=4.0.0 <=4.22.0`. */
export function testedRange(manifest: VersionsManifest): string | undefined {
  const versions = manifest.tested.filter((v) => semver.valid(v)).sort(semver.compare);
  if (versions.length === 0) return undefined;
  return `>=${versions[0]} <=${versions[versions.length - 1]}`;
}

/** Where `version` stands against the manifest. An unknown version is supported only by `*`. */
export function checkVersion(manifest: VersionsManifest, version: string | undefined): VersionVerdict {
  if (version === undefined) return manifest.supported.includes('*') ? 'untested' : 'unsupported';
  const supported = manifest.supported.some((range) => semver.satisfies(version, range, { includePrerelease: true }));
  if (!supported) return 'unsupported';
  const tested = testedRange(manifest);
  return tested && semver.satisfies(version, tested, { includePrerelease: true }) ? 'tested' : 'untested';
}
