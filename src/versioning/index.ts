// The version schemes, one line each (renovate's lib/modules/versioning/api.ts is the model), and
// which scheme reads which ecosystem's versions, so that a dpkg string is never compared as PEP 440.
import type { SchemeId, VersionScheme } from './types.js';
import { dpkg } from './dpkg/index.js';
import { loose } from './loose/index.js';
import { nvidiaDriver } from './nvidia-driver/index.js';
import { pep440 } from './pep440/index.js';
import { r } from './r/index.js';
import { rpm } from './rpm/index.js';
import { semver } from './semver/index.js';

export type { SchemeId, VersionDiff, VersionScheme } from './types.js';

export const SCHEMES: Readonly<Record<SchemeId, VersionScheme>> = {
  semver,
  pep440,
  r,
  dpkg,
  rpm,
  'nvidia-driver': nvidiaDriver,
  loose,
};

export function getScheme(id: SchemeId): VersionScheme {
  return SCHEMES[id];
}

/**
 * Package ecosystems as the fingerprint names them (python/lockfile `ecosystem`, system `manager`).
 * Conda versions are mostly PEP 440; the ones that are not (`1.1.1w`, `2023c`) fall back to the
 * loose order inside the pep440 scheme. apk and brew have no published order we implement.
 */
const ECOSYSTEM_SCHEMES: Readonly<Record<string, SchemeId>> = {
  pypi: 'pep440',
  conda: 'pep440',
  cran: 'r',
  dpkg: 'dpkg',
  deb: 'dpkg',
  rpm: 'rpm',
  npm: 'semver',
  apk: 'loose',
  brew: 'loose',
  maven: 'loose',
};

export function schemeForEcosystem(ecosystem: string): VersionScheme {
  return SCHEMES[ECOSYSTEM_SCHEMES[ecosystem] ?? 'loose'];
}
