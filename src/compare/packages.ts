import type { Finding } from '../core/types.js';

export interface PackageLike {
  name: string;
  version: string;
}

export type PackageEcosystem = 'pypi' | 'conda' | 'cran' | 'dpkg' | 'rpm' | 'apk' | 'brew';

// Placeholder: the package-set rules (missing, extra, major/minor/patch, local labels) land here.
export function comparePackageSets(_opts: {
  facet: 'python' | 'r' | 'system';
  ecosystem: PackageEcosystem;
  baseline: readonly PackageLike[];
  target: readonly PackageLike[];
}): Finding[] {
  return [];
}
