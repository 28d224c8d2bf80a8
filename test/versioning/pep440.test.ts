// The pep440 scheme against pypa/packaging (pip's vendored copy on a real CPython): the order of
// every pair of the table, and SpecifierSet.contains() for every range of the table.
import { describe, expect, it } from 'vitest';
import { getScheme } from '../../src/versioning/index.js';
import { localLabel } from '../../src/versioning/pep440/index.js';
import { TABLES } from './tables.js';
import { PYTHON, packagingOracle } from './real-tools.js';

const pep440 = getScheme('pep440');

describe.skipIf(!PYTHON)('pep440 scheme vs pypa/packaging', () => {
  const versions = [...new Set([...TABLES.pep440.ordered, ...TABLES.pep440.equal.flat()])];
  const ranges = TABLES.pep440.ranges.filter(([, , expected]) => expected !== undefined).map(([v, range]) => [v, range] as const);
  const oracle = packagingOracle(versions, ranges);

  it('orders every pair as packaging.version.Version does', () => {
    const ours = versions.map((a) => versions.map((b) => pep440.compare(a, b)));
    expect(ours).toEqual(oracle.matrix);
  });

  it('matches ranges as SpecifierSet.contains(prereleases=True) does', () => {
    expect(ranges.map(([v, range]) => pep440.matches(v, range))).toEqual(oracle.contains);
  });
});

describe('localLabel', () => {
  it.each([
    ['2.1.0+cu121', 'cu121'],
    ['2.5.1+rocm6.2', 'rocm6.2'],
    ['1.0+AbC', 'abc'],
    ['2.1.0', null],
    ['not a version', null],
  ])('%s has label %s', (v, label) => {
    expect(localLabel(v)).toBe(label);
  });
});
