// R package versions, as `package_version()` reads them: at least two non-negative integers
// separated by `.` or `-` (`1.1-3`, `4.2.2`, `0.99.9999`); "Writing R Extensions" §1.1.1, and
// base R's `.standard_regexps()$valid_package_version`. R compares component by component and
// pads the shorter version with zeros (`.encode_numeric_version`), so `1.0` == `1.0.0` and
// `1.01` == `1.1` there too; the tests check this against a real Rscript.
import type { VersionDiff, VersionScheme } from '../types.js';
import { compareNumbers, gradeRelease, matchComparators, parseComparators, PLAIN_RELATIONS } from '../shared.js';
import { compareLoose, diffLoose } from '../loose/index.js';

const PACKAGE_VERSION = /^\d+(?:[.-]\d+)+$/;

function parts(version: string): number[] | null {
  const v = version.trim();
  return PACKAGE_VERSION.test(v) ? v.split(/[.-]/).map(Number) : null;
}

function compare(a: string, b: string): number {
  const pa = parts(a);
  const pb = parts(b);
  if (!pa || !pb) return compareLoose(a, b);
  return compareNumbers(pa, pb);
}

function diff(a: string, b: string): VersionDiff {
  const pa = parts(a);
  const pb = parts(b);
  if (!pa || !pb) return diffLoose(a, b);
  return gradeRelease(pa, pb) ?? 'none';
}

// The operators R accepts in a DESCRIPTION dependency such as `Depends: R (>= 4.1.0)`.
const R_OPS = ['>=', '>', '<=', '<', '==', '!='];

export const r: VersionScheme<'r'> = {
  id: 'r',
  ecosystems: ['cran'],
  isValid: (version) => PACKAGE_VERSION.test(version.trim()),
  compare,
  diff,
  matches(version, range) {
    const comparators = parseComparators(range, R_OPS);
    if (!comparators || !parts(version) || comparators.some((c) => !parts(c.version))) return undefined;
    return matchComparators(version, comparators, PLAIN_RELATIONS, compare);
  },
  release: parts,
};
