import { describe, expect, it } from 'vitest';
import type { RFacet } from '../../../src/facets/r/types.js';
import { compareR } from '../../../src/facets/r/rules.js';
import { context } from '../../helpers/fingerprint.js';

const ctx = context({}, {});

describe('r rules', () => {
  // 4.2.2 is Debian 12's r-base-core on the dev machine; 4.3.1 / 3.6.3 are released R versions.
  const r = (version: string): RFacet => ({ status: 'ok', version, packages: [] });
  it('grades R versions: minor → warning, major → error, patch → info', () => {
    expect(compareR(r('4.2.2'), r('4.3.1'), ctx)[0]).toMatchObject({ ruleId: 'r/minor-version', severity: 'warning' });
    expect(compareR(r('4.2.2'), r('3.6.3'), ctx)[0]).toMatchObject({ ruleId: 'r/major-version', severity: 'error' });
    expect(compareR(r('4.2.2'), r('4.2.3'), ctx)[0]).toMatchObject({ ruleId: 'r/patch-version', severity: 'info' });
    expect(compareR(r('4.2.2'), r('4.2.2'), ctx)).toEqual([]);
  });
});
