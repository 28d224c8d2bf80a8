// The r facet: R and its installed packages.
import type { FacetBase } from '../types.js';

export interface RPackage {
  name: string;
  version: string;
  repository?: string; // CRAN, Bioconductor, GitHub, base, local, ...
  /** The R version that installed it (DESCRIPTION `Built:`): 4.0.0. */
  built?: string;
  /** What its Depends asks of R itself, as written: `>= 4.1.0`. */
  rDepends?: string;
}

export interface RFacet extends FacetBase {
  executable?: string;
  version?: string;
  platform?: string;
  /** The renv project library put first on .libPaths() (an renv.lock in the capture's directory). */
  renvLibrary?: string;
  packages?: RPackage[];
}
