// The dpkg scheme against the real dpkg: every version installed on this machine plus the table,
// sorted by our compare, must be in the order `dpkg --compare-versions` gives.
import { describe, expect, it } from 'vitest';
import { getScheme } from '../../src/versioning/index.js';
import { verrevcmp } from '../../src/versioning/dpkg/index.js';
import { TABLES } from './tables.js';
import { DPKG, dpkgCompare, installedDebianVersions } from './real-tools.js';

const dpkg = getScheme('dpkg');

describe.skipIf(!DPKG)('dpkg scheme vs the real dpkg', () => {
  const installed = installedDebianVersions();
  const all = [...new Set([...installed, ...TABLES.dpkg.ordered, ...TABLES.dpkg.valid])];

  it('accepts every version dpkg has installed here', () => {
    expect(installed.length).toBeGreaterThan(50);
    expect(installed.filter((v) => !dpkg.isValid(v))).toEqual([]);
  });

  it('sorts all of them as dpkg does', () => {
    const sorted = [...all].sort((a, b) => dpkg.compare(a, b));
    const pairs = sorted.slice(1).map((b, i) => [sorted[i] as string, b] as const);
    const ours = pairs.map(([a, b]) => dpkg.compare(a, b));
    expect(ours.every((s) => s <= 0)).toBe(true);
    expect(dpkgCompare(pairs)).toEqual(ours);
  });

  it('agrees with dpkg on the pairs dpkg documents (t-version.c) and on equal spellings', () => {
    const pairs: [string, string][] = [
      ...TABLES.dpkg.equal,
      ['1:0', '0:0'],
      ['0:1a', '0:1b'],
      ['0-a', '0-b'],
      ['2.36~rc1', '2.36~'],
      ['2.36~', '2.36'],
      ['1.0a', '1.0+'],
    ];
    expect(pairs.map(([a, b]) => dpkg.compare(a, b))).toEqual(dpkgCompare(pairs));
  });
});

describe('verrevcmp', () => {
  it.each([
    ['~~', '~~a', -1],
    ['~~a', '~', -1],
    ['~', '', -1],
    ['', 'a', -1],
    ['a', '+', -1],
    ['1.0', '1.00', 0],
    ['9', '10', -1],
  ] as const)('orders %j against %j as %i (deb-version(7): ~~ < ~~a < ~ < "" < a)', (a, b, expected) => {
    expect(verrevcmp(a, b)).toBe(expected);
    expect(verrevcmp(b, a)).toBe(-expected || 0);
  });
});
