// System package rules: package sets per manager; across managers the names do not correspond.
import type { Finding, SystemFacet } from '../../core/types.js';
import { comparePackageSets } from '../shared/package-sets.js';
import { makeFinding } from '../rule-helpers.js';
import type { CompareContext } from '../types.js';

export function compareSystem(baseline: SystemFacet, target: SystemFacet, _ctx: CompareContext): Finding[] {
  const ma = baseline.manager;
  const mb = target.manager;
  if (ma === undefined || mb === undefined) return [];
  if (ma !== mb) {
    // Debian's libgomp1 is RPM's libgomp: a name-by-name comparison would list every package.
    return [
      makeFinding({
        ruleId: 'system/manager',
        severity: 'warning',
        facet: 'system',
        subject: 'package manager',
        baseline: ma,
        target: mb,
        message: `system packages come from ${ma} here and ${mb} there: package names and versions cannot be compared one by one`,
        hint: 'use the same distribution family on the target (see os/distro)',
      }),
    ];
  }
  return comparePackageSets({ facet: 'system', ecosystem: ma, baseline: baseline.packages ?? [], target: target.packages ?? [] });
}
