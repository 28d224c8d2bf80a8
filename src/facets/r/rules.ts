// R rules: R's minor release changes the package library ABI (packages are installed per x.y).
import type { Finding, RFacet } from '../../core/types.js';
import { comparePackageSets } from '../shared/package-sets.js';
import { getScheme } from '../../versioning/index.js';
import { makeFinding } from '../rule-helpers.js';
import type { CompareContext } from '../types.js';

export function compareR(baseline: RFacet, target: RFacet, _ctx: CompareContext): Finding[] {
  const findings: Finding[] = [];
  const va = baseline.version;
  const vb = target.version;
  if (va !== undefined && vb !== undefined && va !== vb) {
    const diff = getScheme('r').diff(va, vb);
    const severity = diff === 'major' ? 'error' : diff === 'minor' ? 'warning' : 'info';
    findings.push(
      makeFinding({
        ruleId: diff === 'major' ? 'r/major-version' : diff === 'minor' ? 'r/minor-version' : 'r/patch-version',
        severity,
        facet: 'r',
        subject: 'R',
        baseline: va,
        target: vb,
        message:
          severity === 'info'
            ? `R patch release differs: ${va} here, ${vb} there`
            : `R ${va} here, ${vb} there: packages with compiled code must be reinstalled for each R ${diff} release, and CRAN binaries differ`,
        hint: severity === 'info' ? 'nothing to do' : `install R ${va.split('.').slice(0, 2).join('.')} on the target (e.g. rocker/r-ver:${va})`,
      }),
    );
  }
  findings.push(...comparePackageSets({ facet: 'r', ecosystem: 'cran', baseline: baseline.packages ?? [], target: target.packages ?? [] }));
  return findings;
}
