import type { LockfilesFacet } from '../../core/types.js';
import type { FacetModule } from '../types.js';

import { compareLockfiles } from './rules.js';

export const lockfilesFacet: FacetModule<LockfilesFacet> = {
  id: 'lockfiles',

  rules: compareLockfiles,
};
