// The lists the rest of envdiff reads, all derived from the one registry (./registry.ts): the
// facets in fingerprint order, the probes to run, the lock file kinds to recognise.
import * as Registered from './registry.js';
import type { FacetId } from './fingerprint.js';
import type { FacetModule } from './types.js';
import type { LockKindDef } from './shared/lockfile.js';

export type { FacetId, Facets, Fingerprint, FingerprintSource } from './fingerprint.js';
export type { CompareContext, FacetBase, FacetModule, FacetParser, FacetStatus, ParseContext } from './types.js';

/** Every registered facet, in fingerprint order (each facet's `order`). */
export const FACETS: readonly FacetModule<FacetId>[] = (Object.values(Registered) as FacetModule<FacetId>[]).sort(
  (a, b) => a.order - b.order,
);

const BY_ID = new Map<string, FacetModule<FacetId>>(FACETS.map((f) => [f.id, f]));

export function facetById(id: string): FacetModule<FacetId> | undefined {
  return BY_ID.get(id);
}

/** Facets read by a probe (probes/<id>.sh), in fingerprint order: the ones with a parser. */
export const PROBE_IDS: readonly FacetId[] = FACETS.filter((f) => f.parser !== undefined).map((f) => f.id);

/** Every lock file kind, facet by facet in fingerprint order; within a facet in its own order. */
export const LOCK_KINDS: readonly LockKindDef[] = FACETS.flatMap((f) => f.lockKinds ?? []);
