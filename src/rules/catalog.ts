// THE rule catalog: every rule envdiff can report, declared once. Each facet declares its own
// (src/facets/<id>/catalog.ts); the engine's status rules, the cross-facet rules and the rules of
// `envdiff check` (lock files, and the consistency rules of src/rules/consistency/) are added here. SARIF's rule metadata, policy validation and docs/rules/ read it.
import type { RuleDef } from '../core/findings.js';
import { FACETS } from '../facets/index.js';
import { CONSISTENCY_RULES } from './consistency/index.js';
import { CROSS_FACET_RULES } from './cross-facet/index.js';
import { facetStatusRules } from './facet-status.js';
import { LOCK_CHECK_RULES } from './lock-check.js';

function collect(): RuleDef[] {
  const all: RuleDef[] = [];
  for (const facet of FACETS) {
    const status = facetStatusRules(facet);
    all.push(status.notCaptured, status.notCompared, status.absentOnTarget, status.absentOnBaseline, ...facet.catalog);
  }
  for (const rule of CROSS_FACET_RULES) all.push(...rule.catalog);
  all.push(...Object.values(LOCK_CHECK_RULES));
  for (const rule of CONSISTENCY_RULES) all.push(...rule.catalog);
  return all;
}

/** Every rule, sorted by id. Throws when two declarations share an id (the catalog test runs it). */
export const RULES: readonly RuleDef[] = (() => {
  const seen = new Map<string, RuleDef>();
  for (const rule of collect()) {
    if (seen.has(rule.id)) throw new Error(`rule ${rule.id} is declared twice`);
    seen.set(rule.id, rule);
  }
  return [...seen.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
})();

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): RuleDef | undefined {
  return BY_ID.get(id);
}
