// The rpm scheme against rpm's own comparison table (tests/rpmvercmp.at, see __fixtures__/rpm).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rpmvercmp } from '../../src/versioning/rpm/index.js';
import { getScheme } from '../../src/versioning/index.js';

const text = readFileSync(new URL('./__fixtures__/rpm/rpmvercmp.at', import.meta.url), 'utf8');
const cases = text
  .split('\n')
  .filter((line) => line.startsWith('RPMVERCMP('))
  .map((line) => {
    const [a, b, r] = line
      .slice('RPMVERCMP('.length, line.lastIndexOf(')'))
      .split(',')
      .map((s) => s.trim());
    return [a, b, Number(r)] as [string, string, number];
  });

describe('rpmvercmp vs tests/rpmvercmp.at', () => {
  it('reads the whole table', () => {
    expect(cases.length).toBe(91);
  });

  it.each(cases)('rpmvercmp(%j, %j) = %i', (a, b, expected) => {
    expect(rpmvercmp(a, b)).toBe(expected);
  });
});

describe('rpm EVR', () => {
  const rpm = getScheme('rpm');

  it('compares epoch first, then version, then release', () => {
    expect(rpm.compare('1:1.0-1', '2.0-1')).toBe(1);
    expect(rpm.compare('2.34-100.el9', '2.34-99.el9')).toBe(1);
    // lib/rpmvercmp.c compare_values(): a missing release sorts below any release
    expect(rpm.compare('2.34', '2.34-1')).toBe(-1);
  });
});
