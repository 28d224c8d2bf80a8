// The python facet: the interpreter and every installed distribution (and conda's own list).
import type { FacetBase } from '../types.js';

export interface PythonPackage {
  name: string; // PEP 503 normalized
  version: string;
  installer?: string;
  tags?: string[];
  /**
   * Its Requires-Dist (requires.txt for egg-info) as written, PEP 508 markers included; requirements
   * that apply only with an extra are left out by the probe (pip check never needs them).
   */
  requires?: string[];
  /** From direct_url.json: editable installs, local paths, VCS URLs. */
  directUrl?: { url: string; editable?: boolean; vcs?: string };
}

export interface CondaPackage {
  name: string;
  version: string;
  build?: string;
  channel?: string;
}

export interface PythonFacet extends FacetBase {
  executable?: string;
  version?: string;
  implementation?: string; // CPython, PyPy, ...
  abi?: string; // cp311, cp37m, cp27mu, pp73 ...
  platform?: string; // sysconfig.get_platform(), e.g. linux-x86_64
  virtualEnv?: string | null;
  conda?: { prefix: string; packages: CondaPackage[] } | null;
  packages?: PythonPackage[];
}
