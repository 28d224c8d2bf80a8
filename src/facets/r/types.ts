// The r facet: R and its installed packages.
import type { FacetBase } from '../types.js';

export interface RPackage {
  name: string;
  version: string;
  repository?: string; // CRAN, Bioconductor, GitHub, base, local, ...
}

export interface RFacet extends FacetBase {
  executable?: string;
  version?: string;
  platform?: string;
  /** The renv project library put first on .libPaths() (an renv.lock in the capture's directory). */
  renvLibrary?: string;
  packages?: RPackage[];
}
