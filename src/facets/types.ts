// What a facet is: one folder under src/facets/<id>/ exporting one FacetModule, registered by one
// line in ./registry.ts. Everything else (the facet ids, the Facets and Fingerprint types, the
// probe list, the severities when absent, the lock file kinds, the rule catalog, the Dockerfile
// parts, the fingerprint schema) is derived from the registered modules.
import type { Finding, RuleDef, Severity } from '../core/findings.js';
import type { ProbeSection } from '../core/sections.js';
import type { Fingerprint } from './fingerprint.js';
import type { DockerfilePart } from './shared/dockerfile-part.js';
import type { LockKindDef } from './shared/lockfile.js';

export type FacetStatus = 'ok' | 'absent' | 'error';

/** Every facet carries its status; `reason` says why when it is not ok. */
export interface FacetBase {
  status: FacetStatus;
  reason?: string;
}

export interface ParseContext {
  /** The target's $HOME, so that paths under it are written as `~/…` (user names stay out). */
  home?: string;
}

export type FacetParser<F extends FacetBase = FacetBase> = (section: ProbeSection, ctx: ParseContext) => F;

export interface CompareContext {
  /** Both whole fingerprints, for rules that need a fact of another facet (the architecture). */
  baseline: Fingerprint;
  target: Fingerprint;
}

/**
 * One facet. `Id` is its key in the fingerprint; `F` its value; `Req` says whether the
 * fingerprint schema requires it (the facets of schemaVersion 1 do; a facet added later is
 * optional, so that fingerprints written before it existed stay valid).
 */
export interface FacetModule<Id extends string = string, F extends FacetBase = FacetBase, Req extends boolean = boolean> {
  id: Id;
  /** Its place in the fingerprint's `facets` object: ascending, unique (os is 10, lockfiles 100). */
  order: number;
  required: Req;
  /**
   * Its parser, loaded on demand (compare never needs it): pure, the section probes/<id>.sh
   * printed in, the typed facet out. It must not throw on garbage: it returns status "error"
   * with a reason. A facet with a parser has a probe of the same id.
   */
  parser?: () => Promise<FacetParser<F>>;
  /** Findings for two facets that are both "ok" (the engine handles absent and error). */
  rules?(baseline: F, target: F, ctx: CompareContext): Finding[];
  /** Every rule its `rules` can report, declared once (./<id>/catalog.ts). */
  catalog: readonly RuleDef[];
  /** Severity when the baseline has it and the target does not: what breaks for code written on the baseline. */
  absentOnTarget: Severity;
  /** What to do when it is absent on the target. */
  absentHint?: string;
  /** Its part of the generated Dockerfile, loaded on demand (compare never needs it). */
  dockerfile?: () => Promise<DockerfilePart>;
  /** The lock file kinds its ecosystem writes, tried in this order. */
  lockKinds?: readonly LockKindDef[];
}
