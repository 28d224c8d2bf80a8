// The lockfiles facet: the lock files of the project captured with the environment, each with its
// sha256, packages and problems. The entry shape is shared with the facets that parse lock files.
import type { FacetBase } from '../types.js';
import type { LockfileEntry } from '../shared/lockfile.js';

export type { Ecosystem, LockedPackage, LockfileEntry } from '../shared/lockfile.js';

export interface LockfilesFacet extends FacetBase {
  files?: LockfileEntry[];
}
