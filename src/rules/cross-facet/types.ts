// A rule that reads more than one facet. The engine runs every one of them once per comparison,
// after the facets' own rules (src/compare/engine.ts), whichever facets are there.
import type { Finding, RuleDef } from '../../core/findings.js';
import type { CompareContext } from '../../facets/index.js';

export interface CrossFacetRule {
  /** Its file name under src/rules/cross-facet/. */
  name: string;
  /** Every rule it reports, declared once. */
  catalog: readonly RuleDef[];
  /** Runs once per comparison; returns [] when the facts it needs were not captured. */
  run(ctx: CompareContext): Finding[];
}
