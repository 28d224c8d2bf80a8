// The R scheme against R itself: package_version() comparisons from the real Rscript.
import { describe, expect, it } from 'vitest';
import { getScheme } from '../../src/versioning/index.js';
import { TABLES } from './tables.js';
import { RSCRIPT, rCompare } from './real-tools.js';

const r = getScheme('r');

describe.skipIf(!RSCRIPT)('r scheme vs package_version() in R', () => {
  it('compares every pair of the table as R does', () => {
    const all = [...new Set([...TABLES.r.ordered, ...TABLES.r.equal.flat()])];
    const pairs = all.flatMap((a) => all.map((b) => [a, b] as const));
    expect(rCompare(pairs)).toEqual(pairs.map(([a, b]) => r.compare(a, b)));
  });
});
