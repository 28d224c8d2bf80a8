// One contract for every scheme (renovate's versioning contract test is the model): the same
// properties over each scheme's table of real version strings.
import { describe, expect, it } from 'vitest';
import { SCHEMES, getScheme, schemeForEcosystem } from '../../src/versioning/index.js';
import type { SchemeId } from '../../src/versioning/index.js';
import { TABLES } from './tables.js';

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

describe.each(Object.keys(SCHEMES) as SchemeId[])('version scheme %s', (id) => {
  const scheme = getScheme(id);
  const table = TABLES[id];
  const all = [...new Set([...table.valid, ...table.ordered, ...table.equal.flat()])];

  it('is registered under its own id', () => {
    expect(scheme.id).toBe(id);
  });

  it.each(table.valid)('accepts %s', (v) => {
    expect(scheme.isValid(v)).toBe(true);
    expect(scheme.release(v)?.length ?? 0).toBeGreaterThan(0);
  });

  it.each(table.invalid)('rejects %j', (v) => {
    expect(scheme.isValid(v)).toBe(false);
  });

  it('is reflexive: every version equals itself and diffs as none', () => {
    for (const v of all) {
      expect(scheme.compare(v, v), v).toBe(0);
      expect(scheme.diff(v, v), v).toBe('none');
    }
  });

  it('is antisymmetric over every pair of its table', () => {
    for (const a of all) {
      for (const b of all) {
        expect(sign(scheme.compare(a, b)) + sign(scheme.compare(b, a)), `${a} vs ${b}`).toBe(0);
      }
    }
  });

  it('is transitive over every triple of its table', () => {
    const cmp = new Map<string, number>();
    for (const a of all) for (const b of all) cmp.set(`${a}\u0000${b}`, scheme.compare(a, b));
    const c = (a: string, b: string): number => cmp.get(`${a}\u0000${b}`) as number;
    for (const a of all) {
      for (const b of all) {
        if (c(a, b) > 0) continue;
        for (const d of all) {
          if (c(b, d) <= 0) expect(c(a, d), `${a} <= ${b} <= ${d}`).toBeLessThanOrEqual(0);
        }
      }
    }
  });

  it('orders its table ascending', () => {
    for (let i = 1; i < table.ordered.length; i++) {
      const [lo, hi] = [table.ordered[i - 1] as string, table.ordered[i] as string];
      expect(scheme.compare(lo, hi), `${lo} < ${hi}`).toBe(-1);
      expect(scheme.compare(hi, lo), `${hi} > ${lo}`).toBe(1);
    }
    const shuffled = [...table.ordered].reverse();
    expect(shuffled.sort((a, b) => scheme.compare(a, b))).toEqual(table.ordered);
  });

  it.each(table.equal)('treats %s and %s as the same version', (a, b) => {
    expect(scheme.compare(a, b)).toBe(0);
    expect(scheme.diff(a, b)).toBe('none');
  });

  it.each(table.diffs)('diff(%s, %s) is %s, both ways', (a, b, expected) => {
    expect(scheme.diff(a, b)).toBe(expected);
    expect(scheme.diff(b, a)).toBe(expected);
  });

  it('diffs as none exactly when the versions compare equal', () => {
    for (const a of table.ordered) {
      for (const b of table.ordered) {
        expect(scheme.diff(a, b) === 'none', `${a} vs ${b}`).toBe(scheme.compare(a, b) === 0);
      }
    }
  });

  it.each(table.ranges)('matches(%s, %j) is %s', (v, range, expected) => {
    expect(scheme.matches(v, range)).toBe(expected);
  });
});

describe('schemeForEcosystem', () => {
  it.each([
    ['pypi', 'pep440'],
    ['conda', 'pep440'],
    ['cran', 'r'],
    ['dpkg', 'dpkg'],
    ['rpm', 'rpm'],
    ['apk', 'loose'],
    ['brew', 'loose'],
    ['something-new', 'loose'],
  ])('reads %s versions with %s', (eco, id) => {
    expect(schemeForEcosystem(eco).id).toBe(id);
  });
});
