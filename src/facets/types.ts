import type { FacetBase, FacetId, Finding } from '../core/types.js';
import type { ProbeSection } from '../core/sections.js';

export interface ParseContext {
  /** The target's $HOME, so that paths under it are written as `~/…` (user names stay out). */
  home?: string;
}

export interface CompareContext {
  /** Both whole fingerprints, for rules that need another facet (glibc vs wheels, CUDA vs driver). */
  baseline: import('../core/types.js').Fingerprint;
  target: import('../core/types.js').Fingerprint;
}

/** One facet: its id, its pure parser over the probe's section, and its compare rules. */
export interface FacetModule<F extends FacetBase = FacetBase> {
  id: FacetId;
  /** Pure: section text in, typed facet out. Must not throw on garbage; return status "error". */
  parse?: (section: ProbeSection, ctx: ParseContext) => F;
  rules?: (baseline: F, target: F, ctx: CompareContext) => Finding[];
}
