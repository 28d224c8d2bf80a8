// The rules every facet has, reported by the engine from the facets' statuses rather than their
// data: a facet that could not be read (`<facet>/not-compared`), one that is there on one side
// only (`<facet>/absent-on-target`, `<facet>/absent-on-baseline`). "Could not tell" never passes
// for "no difference".
import { defineRules, type RuleDef } from '../core/findings.js';
import type { FacetModule } from '../facets/index.js';

export interface FacetStatusRules {
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
      'not-compared': {
        severity: 'warning',
        title: `The ${facet.id} facet could not be compared`,
        help: `One side’s ${facet.id} facet is "error" (a probe failed, hung or printed something unreadable; the reason says which), or missing from the fingerprint. Until it is captured again this facet is unchecked.`,
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
    rules = { notCompared: r['not-compared'], absentOnTarget: r['absent-on-target'], absentOnBaseline: r['absent-on-baseline'] };
    CACHE.set(key, rules);
  }
  return rules;
}
