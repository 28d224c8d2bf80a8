// Debian package versions: [epoch:]upstream_version[-debian_revision], e.g. `1:2.36-9+deb12u4`,
// `2.36~rc1`, `12.2.0-14+deb12u1`. Syntax and order per deb-version(7), implemented as dpkg does in
// lib/dpkg/version.c (`verrevcmp`, `order`) and lib/dpkg/parsehelp.c (`parseversion`):
//   - the epoch compares as a number, then the upstream version, then the revision;
//   - each part alternates non-digit and digit runs; digit runs compare as numbers; in non-digit
//     runs `~` sorts before everything (even the end of the string), then the end, then letters,
//     then every other character (`order()` gives letters their code, others code + 256).
// The tests check this code against the real `dpkg --compare-versions` on this machine's packages.
import type { VersionDiff, VersionScheme } from '../types.js';
import { cachedParser, gradeRelease, leadingNumbers, matchComparators, parseComparators, sign } from '../shared.js';
import { compareLoose, diffLoose } from '../loose/index.js';

export interface DebianVersion {
  epoch: number;
  upstream: string;
  revision: string;
}

const UPSTREAM = /^[0-9][A-Za-z0-9.+~:-]*$/;
const REVISION = /^[A-Za-z0-9.+~]*$/;

/** parseversion(): null when dpkg would reject (or warn about) the string. */
export const parseDebianVersion = cachedParser((input: string): DebianVersion | null => {
  const text = input.trim();
  if (text === '' || /\s/.test(text)) return null;
  let epoch = 0;
  let rest = text;
  const colon = text.indexOf(':');
  if (colon >= 0) {
    const e = text.slice(0, colon);
    if (!/^\d+$/.test(e) || e.length > 9) return null; // dpkg rejects epochs above INT_MAX
    epoch = Number(e);
    rest = text.slice(colon + 1);
  }
  const hyphen = rest.lastIndexOf('-');
  const upstream = hyphen >= 0 ? rest.slice(0, hyphen) : rest;
  const revision = hyphen >= 0 ? rest.slice(hyphen + 1) : '';
  // dpkg ≥ 1.17 rejects `1.0-`: "revision number is empty" (parsehelp.c).
  if (hyphen >= 0 && revision === '') return null;
  // A colon in the upstream part is only possible when an epoch took the first one.
  if (!UPSTREAM.test(upstream) || !REVISION.test(revision)) return null;
  return { epoch, upstream, revision };
});

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isAlpha(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

// order() from lib/dpkg/version.c; 0 stands for both a digit and the end of the string.
function order(code: number): number {
  if (Number.isNaN(code) || isDigit(code)) return 0;
  if (isAlpha(code)) return code;
  if (code === 126) return -1; // '~'
  return code + 256;
}

/** verrevcmp() from lib/dpkg/version.c, over one upstream version or one revision. */
export function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let firstDiff = 0;
    while ((i < a.length && !isDigit(a.charCodeAt(i))) || (j < b.length && !isDigit(b.charCodeAt(j)))) {
      const ac = order(a.charCodeAt(i));
      const bc = order(b.charCodeAt(j));
      if (ac !== bc) return sign(ac - bc);
      i++;
      j++;
    }
    while (a.charCodeAt(i) === 48) i++;
    while (b.charCodeAt(j) === 48) j++;
    while (isDigit(a.charCodeAt(i)) && isDigit(b.charCodeAt(j))) {
      if (!firstDiff) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (isDigit(a.charCodeAt(i))) return 1;
    if (isDigit(b.charCodeAt(j))) return -1;
    if (firstDiff) return sign(firstDiff);
  }
  return 0;
}

export function compareDebian(a: DebianVersion, b: DebianVersion): number {
  if (a.epoch !== b.epoch) return sign(a.epoch - b.epoch);
  return verrevcmp(a.upstream, b.upstream) || verrevcmp(a.revision, b.revision);
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  const pa = parseDebianVersion(a);
  const pb = parseDebianVersion(b);
  if (!pa || !pb) return compareLoose(a, b);
  return compareDebian(pa, pb);
}

function diff(a: string, b: string): VersionDiff {
  const pa = parseDebianVersion(a);
  const pb = parseDebianVersion(b);
  if (!pa || !pb) return diffLoose(a, b);
  if (pa.epoch !== pb.epoch) return 'major'; // a new epoch means the upstream numbering restarted
  if (verrevcmp(pa.upstream, pb.upstream) !== 0) {
    const graded = gradeRelease(leadingNumbers(pa.upstream) ?? [], leadingNumbers(pb.upstream) ?? []);
    if (graded) return graded;
    // `~` is Debian's pre-release marker (2.36~rc1 sorts before 2.36).
    return pa.upstream.includes('~') || pb.upstream.includes('~') ? 'prerelease' : 'patch';
  }
  // Same upstream, new Debian revision: a packaging or security fix (9+deb12u3 → 9+deb12u4).
  return verrevcmp(pa.revision, pb.revision) !== 0 ? 'patch' : 'none';
}

// Debian Policy §7.1: `<<` and `>>` are strict; the deprecated `<` and `>` mean `<=` and `>=`.
const DPKG_RELATIONS: Readonly<Record<string, readonly number[]>> = {
  '': [0],
  '=': [0],
  '<<': [-1],
  '<=': [-1, 0],
  '>=': [0, 1],
  '>>': [1],
  '<': [-1, 0],
  '>': [0, 1],
};

export const dpkg: VersionScheme<'dpkg'> = {
  id: 'dpkg',
  ecosystems: ['dpkg', 'deb'],
  isValid: (version) => parseDebianVersion(version) !== null,
  compare,
  diff,
  matches(version, range) {
    const comparators = parseComparators(
      range,
      Object.keys(DPKG_RELATIONS).filter((o) => o !== ''),
    );
    if (!comparators || !parseDebianVersion(version)) return undefined;
    if (comparators.some((c) => !parseDebianVersion(c.version))) return undefined;
    return matchComparators(version, comparators, DPKG_RELATIONS, compare);
  },
  release(version) {
    const v = parseDebianVersion(version);
    return v ? leadingNumbers(v.upstream) : null;
  },
};
