import type { FacetModule } from '../types.js';
import { compareLockfiles, LOCKFILES_RULES } from './rules.js';
import type { LockfilesFacet } from './types.js';

// No probe: lock files are read on the machine that runs envdiff (src/capture/lockfiles.ts),
// with the kinds the python, r and jvm facets declare.
export const lockfilesFacet: FacetModule<'lockfiles', LockfilesFacet, true> = {
  id: 'lockfiles',
  order: 100,
  required: true,
  rules: compareLockfiles,
  catalog: Object.values(LOCKFILES_RULES),
  // No lock file given: only facts are lost.
  absentOnTarget: 'info',
};
