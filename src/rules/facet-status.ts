// The rules every facet has, reported by the engine from the facets' statuses rather than their
// data: a facet that could not be read on one side while the other side recorded it
// (`<facet>/not-captured`, an error: the gate fails closed), one that could be read on neither
// side (`<facet>/not-compared`), one that is there on one side only (`<facet>/absent-on-target`,
// `<facet>/absent-on-baseline`). "Could not tell" never passes for "no difference".
import { defineRules, type RuleDef } from '../core/findings.js';
import type { FacetModule } from '../facets/index.js';

export interface FacetStatusRules {
  notCaptured: RuleDef;
  notCompared: RuleDef;
  absentOnTarget: RuleDef;
  absentOnBaseline: RuleDef;
}

const CACHE = new Map<string, FacetStatusRules>();

/** The status rules of one facet; absent-on-target has the facet's own severity. */
export function facetStatusRules(facet: Pick<FacetModule, 'id' | 'absentOnTarget'>): FacetStatusRules {
  const key = `${facet.id}\u0000${facet.absentOnTarget}`;
  let rules = CACHE.get(key);
  if (!rules) {
    const r = defineRules(facet.id, {
      'not-captured': {
        severity: 'error',
        title: `The ${facet.id} facet could not be captured on one side`,
        help: `One side’s ${facet.id} facet is "error" (a probe failed, hung or printed something that is not what its command prints; the reason says which), or missing from the fingerprint, while the other side recorded it. A gate that cannot tell must not pass: fix that capture and capture again. A policy may lower this rule for a facet that does not matter to you (\`severity: [{rule: "${facet.id}/not-captured", to: warning}]\`); the report then shows the override.`,
      },
      'not-compared': {
        severity: 'warning',
        title: `The ${facet.id} facet could be read on neither side`,
        help: `Both sides’ ${facet.id} facets are "error" (or missing from the fingerprint): neither side recorded anything to compare. An error when envdiff’s own rules failed on the data. Until both are captured again this facet is unchecked.`,
      },
      'absent-on-target': {
        severity: facet.absentOnTarget,
        title: `The baseline has ${facet.id}, the target does not`,
        help: `The probe looked and found no ${facet.id} on the target. Its severity says what breaks for code written on the baseline.`,
      },
      'absent-on-baseline': {
        severity: 'info',
        title: `Only the target has ${facet.id}`,
        help: 'The baseline’s code cannot depend on it: nothing to do unless the target must mirror the baseline exactly.',
      },
    });
    rules = {
      notCaptured: r['not-captured'],
      notCompared: r['not-compared'],
      absentOnTarget: r['absent-on-target'],
      absentOnBaseline: r['absent-on-baseline'],
    };
    CACHE.set(key, rules);
  }
  return rules;
}
