// System package rules: package sets per manager; across managers the names do not correspond.
import { defineRules, finding, type Finding } from '../../core/findings.js';
import type { CompareContext } from '../types.js';
import type { SystemFacet, SystemPackage } from './types.js';
import { comparePackageSets, packageSetRules } from '../shared/package-sets.js';

// The rules this facet reports, declared once (id, default severity, title, help): the
// catalog (src/rules/catalog.ts) reads them from the facet module.
export const SYSTEM_RULES = defineRules('system', {
  manager: {
    severity: 'warning',
    title: 'System package manager differs',
    help: 'Packages come from different distribution families (dpkg vs rpm): names and versions cannot be compared one by one. Use the same distribution family on the target (see os/distro).',
  },
});

/** Every rule the system facet reports. */
export const SYSTEM_CATALOG = [...Object.values(SYSTEM_RULES), ...packageSetRules('system')];

export function compareSystem(baseline: SystemFacet, target: SystemFacet, _ctx: CompareContext): Finding[] {
  const ma = baseline.manager;
  const mb = target.manager;
  if (ma === undefined || mb === undefined) return [];
  if (ma !== mb) {
    // Debian's libgomp1 is RPM's libgomp: a name-by-name comparison would list every package.
    return [
      finding(SYSTEM_RULES.manager, {
        subject: 'package manager',
        baseline: ma,
        target: mb,
        message: `system packages come from ${ma} here and ${mb} there: package names and versions cannot be compared one by one`,
        hint: 'use the same distribution family on the target (see os/distro)',
      }),
    ];
  }
  const [a, b] = qualifyMultiArch(baseline.packages ?? [], target.packages ?? []);
  return comparePackageSets({ facet: 'system', ecosystem: ma, baseline: a, target: b });
}

/**
 * dpkg multiarch installs one package name once per architecture (libc6:amd64 and libc6:i386,
 * often for 32-bit CUDA or Wine). Such names are compared per architecture, as `name:arch`, so
 * that one architecture's copy going missing is not hidden behind the other's.
 */
export function qualifyMultiArch(baseline: readonly SystemPackage[], target: readonly SystemPackage[]): [SystemPackage[], SystemPackage[]] {
  const seen = new Map<string, number>();
  for (const list of [baseline, target]) {
    const inList = new Map<string, number>();
    for (const p of list) inList.set(p.name, (inList.get(p.name) ?? 0) + 1);
    for (const [name, n] of inList) seen.set(name, Math.max(seen.get(name) ?? 0, n));
  }
  const qualify = (list: readonly SystemPackage[]) =>
    list.map((p) => ((seen.get(p.name) ?? 0) > 1 && p.arch ? { ...p, name: `${p.name}:${p.arch}` } : p));
  return [qualify(baseline), qualify(target)];
}
