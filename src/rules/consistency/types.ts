// A consistency rule: what the software installed in ONE fingerprint needs against what that same
// machine provides. `envdiff check` runs every one of them (src/app/check.ts), after the lock
// file check; each returns [] when the facts it needs were not captured.
import type { Finding, RuleDef } from '../../core/findings.js';
import type { Fingerprint } from '../../facets/index.js';

export interface ConsistencyRule {
  /** Its file name under src/rules/consistency/. */
  name: string;
  /** The rules it declares itself (rules shared with `compare` are declared where they live). */
  catalog: readonly RuleDef[];
  run(fp: Fingerprint): Finding[];
}
