/**
 * Version checks against an instrumentation's manifest, on the version in the instrumented
 * package's own `package.json` (found from the hook's baseDir), as OpenTelemetry does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareVersions, parseVersion, satisfies as satisfiesPlain } from './semver-lite';
import type { VersionsManifest } from './types';

/** `tested`: within the tested versions; `untested`: supported but not tested; `unsupported`: never patched. */
export type VersionVerdict = 'tested' | 'untested' | 'unsupported';

/** NB: semver itself loads only for a version or range beyond semver-lite.ts's plain ones. */
function semver(): typeof import('semver') {
  return require('semver') as typeof import('semver');
}

function satisfies(version: string, range: string): boolean {
  return satisfiesPlain(version, range) ?? semver().satisfies(version, range, { includePrerelease: true });
}

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
  let versions: string[];
  if (manifest.tested.every((v) => parseVersion(v))) {
    versions = [...manifest.tested].sort((a, b) => compareVersions(parseVersion(a)!, parseVersion(b)!));
  } else {
    const { valid, compare } = semver();
    versions = manifest.tested.filter((v) => valid(v)).sort(compare);
  }
  if (versions.length === 0) return undefined;
  return `>=${versions[0]} <=${versions[versions.length - 1]}`;
}

/** Where `version` stands against the manifest. An unknown version is supported only by `*`. */
export function checkVersion(manifest: VersionsManifest, version: string | undefined): VersionVerdict {
  if (version === undefined) return manifest.supported.includes('*') ? 'untested' : 'unsupported';
  const supported = manifest.supported.some((range) => satisfies(version, range));
  if (!supported) return 'unsupported';
  const tested = testedRange(manifest);
  return tested && satisfies(version, tested) ? 'tested' : 'untested';
}
