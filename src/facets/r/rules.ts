// R rules: R's minor release changes the package library ABI (packages are installed per x.y).
import { defineRules, finding, type Finding } from '../../core/findings.js';
import { getScheme } from '../../versioning/index.js';
import type { CompareContext } from '../types.js';
import type { RFacet } from './types.js';
import { comparePackageSets, packageSetRules } from '../shared/package-sets.js';
import { pushAll } from '../../core/arrays.js';

// The rules this facet reports, declared once (id, default severity, title, help): the
// catalog (src/rules/catalog.ts) reads them from the facet module.
export const R_RULES = defineRules('r', {
  'major-version': {
    severity: 'error',
    title: 'R major version differs',
    help: 'Packages with compiled code must be reinstalled for each R major release, and CRAN binaries differ.',
  },
  'minor-version': {
    severity: 'warning',
    title: 'R minor version differs',
    help: 'R installs packages per x.y release: packages with compiled code must be reinstalled for the target’s R, and CRAN binaries differ. Install the baseline’s R on the target (e.g. rocker/r-ver).',
  },
  'patch-version': {
    severity: 'info',
    title: 'R patch release differs',
    help: 'Same x.y release: the package library stays compatible.',
  },
});

/** Every rule the r facet reports. */
export const R_CATALOG = [...Object.values(R_RULES), ...packageSetRules('r')];

export function compareR(baseline: RFacet, target: RFacet, _ctx: CompareContext): Finding[] {
  const findings: Finding[] = [];
  const va = baseline.version;
  const vb = target.version;
  if (va !== undefined && vb !== undefined && va !== vb) {
    const diff = getScheme('r').diff(va, vb);
    const rule = diff === 'major' ? R_RULES['major-version'] : diff === 'minor' ? R_RULES['minor-version'] : R_RULES['patch-version'];
    const severity = rule.severity;
    findings.push(
      finding(rule, {
        subject: 'R',
        baseline: va,
        target: vb,
        message:
          severity === 'info'
            ? `R patch release differs: ${va} here, ${vb} there`
            : `R ${va} here, ${vb} there: packages with compiled code must be reinstalled for each R ${diff} release, and CRAN binaries differ`,
        hint:
          severity === 'info'
            ? 'nothing to do'
            : `install R ${va.split('.').slice(0, 2).join('.')} on the target (e.g. rocker/r-ver:${va})`,
      }),
    );
  }
  pushAll(
    findings,
    comparePackageSets({ facet: 'r', ecosystem: 'cran', baseline: baseline.packages ?? [], target: target.packages ?? [] }),
  );
  return findings;
}
