/**
 * The part of semver the versions manifests use: strict `major.minor.patch[-prerelease][+build]`
 * versions, and ranges of plain comparators (`>=1.1.0 <2.0.0-0`, joined by `||`, or `*`),
 * compared as `semver.satisfies(v, range, { includePrerelease: true })` does. Anything else
 * (`^`, `~`, x-ranges, hyphen ranges, loose versions) is left to semver: these return undefined.
 *
 * NB: semver's `satisfies` loads 19 files (about 15 ms) when the first training library loads,
 * a tenth of what a preload may add to `require('@tensorflow/tfjs')`.
 */

interface Version {
  major: number;
  minor: number;
  patch: number;
  prerelease: readonly (string | number)[];
}

const NUMERIC = /^(0|[1-9]\d*)$/;
const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/;
const COMPARATOR = /^(<=|>=|<|>|=)?(.+)$/;

/** A strict semantic version, or undefined. */
export function parseVersion(text: string): Version | undefined {
  // NB: semver refuses versions longer than 256 characters.
  const match = text.length <= 256 ? VERSION.exec(text) : null;
  if (!match) return undefined;
  const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const prerelease = match[4] === undefined ? [] : match[4].split('.').map((id) => (NUMERIC.test(id) ? Number(id) : id));
  const numbers = [major, minor, patch, ...prerelease.filter((id) => typeof id === 'number')];
  return numbers.every(Number.isSafeInteger) ? { major, minor, patch, prerelease } : undefined;
}

function compareIdentifiers(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a === b ? 0 : a < b ? -1 : 1;
  // NB: numeric identifiers sort before alphanumeric ones (semver 2.0.0, item 11).
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Semver precedence: -1, 0 or 1 (build metadata ignored). */
export function compareVersions(a: Version, b: Version): number {
  for (const key of ['major', 'minor', 'patch'] as const) if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  // NB: a prerelease sorts before its release.
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return a.prerelease.length === b.prerelease.length ? 0 : a.prerelease.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    if (a.prerelease[i] === undefined) return -1;
    if (b.prerelease[i] === undefined) return 1;
    const order = compareIdentifiers(a.prerelease[i]!, b.prerelease[i]!);
    if (order !== 0) return order;
  }
  return 0;
}

function test(operator: string, order: number): boolean {
  switch (operator) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    default:
      return order === 0;
  }
}

/**
 * Whether `version` is in `range`, prereleases included; undefined when either is beyond the
 * subset described above.
 */
export function satisfies(version: string, range: string): boolean | undefined {
  const parsed = parseVersion(version);
  if (!parsed) return undefined;
  let any = false;
  for (const set of range.split('||')) {
    const comparators = set.trim().split(/\s+/).filter((c) => c !== '');
    let all = true;
    for (const comparator of comparators) {
      if (comparator === '*') continue;
      const [, operator = '=', bound = ''] = COMPARATOR.exec(comparator) ?? [];
      const boundVersion = parseVersion(bound);
      if (!boundVersion) return undefined;
      if (all && !test(operator, compareVersions(parsed, boundVersion))) all = false;
    }
    if (all) any = true;
  }
  return any;
}
