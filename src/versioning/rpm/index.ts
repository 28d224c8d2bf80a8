// RPM versions: [epoch:]version[-release], e.g. `1:2.34-100.el9_4.2`, `0.17.20140318svn632.el7`.
// Order per rpm's rpmvercmp() (rpmio/rpmvercmp.c) and rpmVersionCompare() (lib/rpmvercmp.c):
//   - epoch as a number (missing = 0), then version, then release, each with rpmvercmp;
//   - rpmvercmp splits on runs of ASCII letters or digits, dropping every other character except
//     `~` (sorts before anything, even the end) and `^` (sorts after the end, before anything else);
//     a numeric run beats a letter run; numbers compare by value, letters by strcmp.
// The tests run rpm's own table (tests/rpmvercmp.at) over this code.
import type { VersionDiff, VersionScheme } from '../types.js';
import { cachedParser, gradeRelease, leadingNumbers, matchComparators, parseComparators, PLAIN_RELATIONS, sign } from '../shared.js';
import { compareLoose, diffLoose } from '../loose/index.js';

export interface RpmVersion {
  epoch: number;
  version: string;
  release: string | null;
}

// rpmbuild accepts these in Version and Release besides letters and digits (ALLOWED_CHARS_VERREL
// in build/parsePreamble.c; % { } only appear before macro expansion, so an installed EVR has none).
const VERREL = /^[A-Za-z0-9._+~^]+$/;

export const parseRpmVersion = cachedParser((input: string): RpmVersion | null => {
  const text = input.trim();
  const m = /^(?:(\d{1,9}):)?([^:]+?)(?:-([^-:]+))?$/.exec(text);
  if (!m?.[2] || !VERREL.test(m[2]) || !/[A-Za-z0-9]/.test(m[2])) return null;
  if (m[3] !== undefined && !VERREL.test(m[3])) return null;
  return { epoch: m[1] ? Number(m[1]) : 0, version: m[2], release: m[3] ?? null };
});

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

const TILDE = 126;
const CARET = 94;

/** rpmvercmp() from rpmio/rpmvercmp.c. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && !isDigit(a.charCodeAt(i)) && !isAlpha(a.charCodeAt(i)) && a.charCodeAt(i) !== TILDE && a.charCodeAt(i) !== CARET)
      i++;
    while (j < b.length && !isDigit(b.charCodeAt(j)) && !isAlpha(b.charCodeAt(j)) && b.charCodeAt(j) !== TILDE && b.charCodeAt(j) !== CARET)
      j++;
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    // The tilde separator sorts before everything else.
    if (ca === TILDE || cb === TILDE) {
      if (ca !== TILDE) return 1;
      if (cb !== TILDE) return -1;
      i++;
      j++;
      continue;
    }
    // The caret separator sorts after the end of the string, before anything else.
    if (ca === CARET || cb === CARET) {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (ca !== CARET) return 1;
      if (cb !== CARET) return -1;
      i++;
      j++;
      continue;
    }
    if (!(i < a.length && j < b.length)) break;
    let ei = i;
    let ej = j;
    const isNum = isDigit(ca);
    if (isNum) {
      while (ei < a.length && isDigit(a.charCodeAt(ei))) ei++;
      while (ej < b.length && isDigit(b.charCodeAt(ej))) ej++;
    } else {
      while (ei < a.length && isAlpha(a.charCodeAt(ei))) ei++;
      while (ej < b.length && isAlpha(b.charCodeAt(ej))) ej++;
    }
    // Segments of different types: numeric is newer than alpha.
    if (ej === j) return isNum ? 1 : -1;
    let sa = a.slice(i, ei);
    let sb = b.slice(j, ej);
    if (isNum) {
      sa = sa.replace(/^0+/, '');
      sb = sb.replace(/^0+/, '');
      if (sa.length !== sb.length) return sa.length > sb.length ? 1 : -1;
    }
    if (sa !== sb) return sa < sb ? -1 : 1;
    i = ei;
    j = ej;
  }
  if (i >= a.length && j >= b.length) return 0;
  // Whichever version still has characters left wins.
  return i >= a.length ? -1 : 1;
}

// compare_values() in lib/rpmvercmp.c: a missing release sorts below any release.
function compareOptional(a: string | null, b: string | null): number {
  if (a === null && b === null) return 0;
  if (b === null) return 1;
  if (a === null) return -1;
  return rpmvercmp(a, b);
}

export function compareRpm(a: RpmVersion, b: RpmVersion): number {
  if (a.epoch !== b.epoch) return sign(a.epoch - b.epoch);
  return rpmvercmp(a.version, b.version) || compareOptional(a.release, b.release);
}

function compare(a: string, b: string): number {
  if (a === b) return 0;
  const pa = parseRpmVersion(a);
  const pb = parseRpmVersion(b);
  if (!pa || !pb) return compareLoose(a, b);
  return compareRpm(pa, pb);
}

function diff(a: string, b: string): VersionDiff {
  const pa = parseRpmVersion(a);
  const pb = parseRpmVersion(b);
  if (!pa || !pb) return diffLoose(a, b);
  if (pa.epoch !== pb.epoch) return 'major';
  if (rpmvercmp(pa.version, pb.version) !== 0) {
    const graded = gradeRelease(leadingNumbers(pa.version) ?? [], leadingNumbers(pb.version) ?? []);
    if (graded) return graded;
    return pa.version.includes('~') || pb.version.includes('~') ? 'prerelease' : 'patch';
  }
  // Same version, new release: a rebuild or a distribution patch (100.el9 → 100.el9_4.2).
  return compareOptional(pa.release, pb.release) !== 0 ? 'patch' : 'none';
}

export const rpm: VersionScheme<'rpm'> = {
  id: 'rpm',
  ecosystems: ['rpm'],
  isValid: (version) => parseRpmVersion(version) !== null,
  compare,
  diff,
  matches(version, range) {
    const comparators = parseComparators(
      range,
      Object.keys(PLAIN_RELATIONS).filter((o) => o !== ''),
    );
    const v = parseRpmVersion(version);
    if (!comparators || !v) return undefined;
    const parsed = comparators.map((c) => parseRpmVersion(c.version));
    if (parsed.some((p) => p === null)) return undefined;
    // As in rpmdsCompare(): a requirement without a release matches every release of that version.
    const cmp = (_x: string, y: string): number => {
      const want = parseRpmVersion(y) as RpmVersion;
      return compareRpm(want.release === null ? { ...v, release: null } : v, want);
    };
    return matchComparators(version, comparators, PLAIN_RELATIONS, cmp);
  },
  release(version) {
    const v = parseRpmVersion(version);
    return v ? leadingNumbers(v.version) : null;
  },
};
