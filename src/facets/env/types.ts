// The env facet: an allow-list of environment variables that change behaviour.
import type { FacetBase } from '../types.js';

export interface EnvFacet extends FacetBase {
  vars?: Record<string, string>;
}
