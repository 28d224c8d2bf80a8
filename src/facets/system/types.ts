// The system facet: the OS package manager's installed packages.
import type { FacetBase } from '../types.js';

export interface SystemPackage {
  name: string;
  version: string;
  arch?: string;
  /** true when the user asked for it (apt-mark showmanual), not pulled in as a dependency. */
  manual?: boolean;
  /** Debian priority: required/important packages come with every base image. */
  priority?: string;
}

export interface SystemFacet extends FacetBase {
  manager?: 'dpkg' | 'rpm' | 'apk' | 'brew';
  packages?: SystemPackage[];
}
