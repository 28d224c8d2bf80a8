// Semantic Versioning 2.0.0 (https://semver.org) through npm's `semver`, in loose mode so that the
// `v1.2.3` and `1.2.3beta` spellings seen in the wild still parse. Build metadata (`+build.5`) has
// no precedence (SemVer §10), but two builds are still different artefacts: compare() breaks the
// tie on it (semver's compareBuild) and diff() reports it as 'local', like a PEP 440 local label.
// matches() follows the spec and ignores it.
// Sub-path imports keep start-up cheap: the whole package costs ~15 ms to load, these ~5 ms.
import parse from 'semver/functions/parse.js';
import compareBuild from 'semver/functions/compare-build.js';
import satisfies from 'semver/functions/satisfies.js';
import validRange from 'semver/ranges/valid.js';
import type SemVer from 'semver/classes/semver.js';
import type { VersionDiff, VersionScheme } from '../types.js';
import { cachedParser, gradeRelease } from '../shared.js';
import { compareLoose, diffLoose } from '../loose/index.js';

const OPTIONS = { loose: true, includePrerelease: true } as const;

const parseSemver = cachedParser((version: string): SemVer | null => parse(version.trim(), OPTIONS));

function compare(a: string, b: string): number {
  if (a === b) return 0;
  const pa = parseSemver(a);
  const pb = parseSemver(b);
  if (!pa || !pb) return compareLoose(a, b);
  return compareBuild(pa, pb, OPTIONS);
}

function diff(a: string, b: string): VersionDiff {
  const pa = parseSemver(a);
  const pb = parseSemver(b);
  if (!pa || !pb) return diffLoose(a, b);
  const graded = gradeRelease([pa.major, pa.minor, pa.patch], [pb.major, pb.minor, pb.patch]);
  if (graded) return graded;
  if (pa.prerelease.join('.') !== pb.prerelease.join('.')) return 'prerelease';
  if (pa.build.join('.') !== pb.build.join('.')) return 'local';
  return 'none';
}

export const semver: VersionScheme<'semver'> = {
  id: 'semver',
  ecosystems: ['npm'],
  isValid: (version) => parseSemver(version) !== null,
  compare,
  diff,
  matches(version, range) {
    if (!parseSemver(version) || validRange(range, OPTIONS) === null) return undefined;
    // includePrerelease: an installed 2.0.0-rc.1 is a fact to check, not a candidate to skip.
    return satisfies(version.trim(), range, OPTIONS);
  },
  release(version) {
    const v = parseSemver(version);
    return v ? [v.major, v.minor, v.patch] : null;
  },
};
