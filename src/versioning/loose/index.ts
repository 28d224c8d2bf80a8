// The fallback scheme for versions no ecosystem rule describes (apk `1.2.13-r1`, brew `3.11.7_1`,
// conda's `1.1.1w`, anything another scheme rejects). Numbers compare as numbers, words as text.
//
// Order: versions are split into number and word tokens (separators . - _ + ~ dropped) and compared
// token by token, a missing token reading as 0. Pre-release words (alpha, beta, rc, dev…) sort
// below every number, other words above: `1.0_rc1` < `1.0` = `1.0.0` < `1.0.5` < `1.0w`, as apk's
// `_rc`, OpenSSL's `1.1.1w` and apk's `-r1` revisions expect. Token values are totally ordered and
// the comparison is lexicographic over padded sequences, so the order is transitive.
import type { VersionDiff, VersionScheme } from '../types.js';
import { cachedParser, gradeRelease, matchComparators, parseComparators, PLAIN_RELATIONS, sign } from '../shared.js';

type Token = number | string;

interface LooseVersion {
  tokens: Token[];
  /** Leading numeric tokens, before the first word. */
  release: number[];
}

const parse = cachedParser((version: string): LooseVersion => {
  const text = version.trim().replace(/^v(?=\d)/i, '');
  const tokens: Token[] = [];
  for (const m of text.matchAll(/\d+|[A-Za-z]+/g)) {
    const t = m[0];
    tokens.push(/^\d/.test(t) ? Number(t) : t.toLowerCase());
  }
  const release: number[] = [];
  for (const t of tokens) {
    if (typeof t !== 'number') break;
    release.push(t);
  }
  return { tokens, release };
});

// Words that mark a pre-release in the wild (PEP 440 spellings, apk's _alpha/_beta/_rc/_pre).
const PRERELEASE_WORD = /^(a|alpha|b|beta|c|rc|pre|preview|dev)$/;

/** 0 pre-release word, 1 number (or nothing), 2 any other word. */
function rank(t: Token): number {
  if (typeof t === 'number') return 1;
  return PRERELEASE_WORD.test(t) ? 0 : 2;
}

function compareTokens(a: readonly Token[], b: readonly Token[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x === y) continue;
    const rx = rank(x);
    const ry = rank(y);
    if (rx !== ry) return sign(rx - ry);
    if (typeof x === 'number' && typeof y === 'number') return sign(x - y);
    return x < y ? -1 : 1;
  }
  return 0;
}

export function compareLoose(a: string, b: string): number {
  if (a === b) return 0;
  return compareTokens(parse(a).tokens, parse(b).tokens);
}

export function diffLoose(a: string, b: string): VersionDiff {
  if (compareLoose(a, b) === 0) return 'none';
  const pa = parse(a);
  const pb = parse(b);
  if (pa.release.length === 0 || pb.release.length === 0) return 'other';
  const graded = gradeRelease(pa.release, pb.release);
  if (graded) return graded;
  const words = [...pa.tokens, ...pb.tokens].filter((t): t is string => typeof t === 'string');
  return words.some((w) => PRERELEASE_WORD.test(w)) ? 'prerelease' : 'patch';
}

export const loose: VersionScheme<'loose'> = {
  id: 'loose',
  ecosystems: ['apk', 'brew', 'maven'],
  isValid: (version) => /^\S+$/.test(version) && /\d/.test(version),
  compare: compareLoose,
  diff: diffLoose,
  matches(version, range) {
    const comparators = parseComparators(
      range,
      Object.keys(PLAIN_RELATIONS).filter((o) => o !== ''),
    );
    if (!comparators || !/\d/.test(version) || comparators.some((c) => !/\d/.test(c.version))) return undefined;
    return matchComparators(version, comparators, PLAIN_RELATIONS, compareLoose);
  },
  release(version) {
    const r = parse(version).release;
    return r.length > 0 ? r : null;
  },
};
