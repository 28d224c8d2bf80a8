import type { LockKindDef } from '../shared/lockfile.js';
import type { FacetModule } from '../types.js';
import { compareR, R_CATALOG } from './rules.js';
import type { RFacet } from './types.js';

// R's lock file kind: renv.lock (https://rstudio.github.io/renv/articles/lockfile.html).
const R_LOCK_KINDS: readonly LockKindDef[] = [
  { kind: 'renv.lock', matches: (b) => b === 'renv.lock', load: async () => (await import('./lockfiles/renv.js')).parseRenvLock },
];

export const rFacet: FacetModule<'r', RFacet, true> = {
  id: 'r',
  order: 60,
  required: true,
  parser: async () => (await import('./parse.js')).parseR,
  rules: compareR,
  catalog: R_CATALOG,
  // Often a side tool (notebooks, reports): it may break a step of the pipeline.
  absentOnTarget: 'warning',
  absentHint: 'install R on the target if any step of the pipeline calls Rscript',
  dockerfile: async () => (await import('./dockerfile.js')).rDockerfile,
  lockKinds: R_LOCK_KINDS,
};
