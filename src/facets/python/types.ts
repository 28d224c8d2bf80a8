// The python facet: the interpreter and every installed distribution (and conda's own list).
import type { FacetBase } from '../types.js';

export interface PythonPackage {
  name: string; // PEP 503 normalized
  version: string;
  installer?: string;
  tags?: string[];
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
