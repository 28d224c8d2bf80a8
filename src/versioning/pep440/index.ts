// Python package versions per PEP 440 (https://peps.python.org/pep-0440/), parsed and ordered by
// @renovatebot/pep440, a port of pypa/packaging. Local version labels (`2.1.0+cu121`) take part in
// the order as PEP 440 says (after the public version; numeric segments above alphanumeric ones),
// and `diff` reports 'local' when only the label differs: for PyTorch the label is the build's
// accelerator (cu121, cpu, rocm6.1), which matters more than any patch number.
import { compare as pepCompare, explain, satisfies, validRange } from '@renovatebot/pep440';
import type { Pep440Version } from '@renovatebot/pep440';
import type { VersionDiff, VersionScheme } from '../types.js';
import { cachedParser, gradeRelease, sign } from '../shared.js';
import { compareLoose, diffLoose } from '../loose/index.js';

export const parsePep440 = cachedParser((version: string): Pep440Version | null => explain(version.trim()));

/** The normalized local label (`cu121`, `cpu`, `rocm6.1`), or null when there is none or the version is not PEP 440. */
export function localLabel(version: string): string | null {
  return parsePep440(version)?.local ?? null;
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  const pa = parsePep440(a);
  const pb = parsePep440(b);
  if (!pa || !pb) return compareLoose(a, b);
  return sign(pepCompare(a.trim(), b.trim()));
}

// pre/post/dev come back as arrays or numbers depending on the part; compare them as text.
function same(x: unknown, y: unknown): boolean {
  return JSON.stringify(x ?? null) === JSON.stringify(y ?? null);
}

function diff(a: string, b: string): VersionDiff {
  const pa = parsePep440(a);
  const pb = parsePep440(b);
  if (!pa || !pb) return diffLoose(a, b);
  if (pa.epoch !== pb.epoch) return 'major'; // an epoch bump restarts the numbering
  const graded = gradeRelease(pa.release, pb.release);
  if (graded) return graded;
  if (!same(pa.pre, pb.pre) || !same(pa.dev, pb.dev)) return 'prerelease';
  if (!same(pa.post, pb.post)) return 'patch';
  if ((pa.local ?? null) !== (pb.local ?? null)) return 'local';
  return 'none';
}

// PEP 440 "Version matching": a `==` clause that names a local label must match it exactly, but
// the library ignores labels on both sides (it accepts 2.1.0+cu121 for ==2.1.0+cpu).
function localClausesHold(version: string, range: string): boolean {
  for (const clause of range.split(',')) {
    const m = /^\s*==\s*([^\s*]+\+[^\s*]+)\s*$/.exec(clause);
    if (m?.[1] && compare(version, m[1]) !== 0) return false;
  }
  return true;
}

export const pep440: VersionScheme<'pep440'> = {
  id: 'pep440',
  ecosystems: ['pypi', 'conda'],
  isValid: (version) => parsePep440(version) !== null,
  compare,
  diff,
  matches(version, range) {
    if (!parsePep440(version)) return undefined;
    // An installed pre-release is judged like any version (packaging's contains(installed=True));
    // PEP 440's exclusion of pre-releases applies to choosing candidates, not to what is there.
    if (satisfies(version.trim(), range, { prereleases: true })) return localClausesHold(version, range);
    // satisfies() is false for a range it cannot read, too: only then is validRange() worth its
    // cost (as much again; `envdiff check` matches every installed Requires-Dist).
    return validRange(range) ? false : undefined;
  },
  release: (version) => parsePep440(version)?.release ?? null,
};
