// The kernel facet: `uname -r` and `uname -v`.
import type { FacetBase } from '../types.js';

export interface KernelFacet extends FacetBase {
  release?: string;
  version?: string;
}
