// The version schemes by id, and which scheme reads which ecosystem's versions, so that a dpkg
// string is never compared as PEP 440. Derived from the one registry (./registry.ts).
import * as Registered from './registry.js';
import type { VersionScheme } from './types.js';

export type { VersionDiff, VersionScheme } from './types.js';

type RegisteredScheme = (typeof Registered)[keyof typeof Registered];

export type SchemeId = RegisteredScheme['id'];

export const SCHEMES: Readonly<Record<SchemeId, VersionScheme>> = Object.fromEntries(
  Object.values(Registered).map((s: VersionScheme) => [s.id, s]),
) as Record<SchemeId, VersionScheme>;

export function getScheme(id: SchemeId): VersionScheme {
  return SCHEMES[id];
}

/**
 * Conda versions are mostly PEP 440; the ones that are not (`1.1.1w`, `2023c`) fall back to the
 * loose order inside the pep440 scheme. apk and brew have no published order we implement, so the
 * loose scheme reads them, and any ecosystem no scheme names.
 */
const BY_ECOSYSTEM: ReadonlyMap<string, VersionScheme> = new Map(
  Object.values(Registered).flatMap((s: VersionScheme) => s.ecosystems.map((e) => [e, s] as const)),
);

export function schemeForEcosystem(ecosystem: string): VersionScheme {
  return BY_ECOSYSTEM.get(ecosystem) ?? SCHEMES.loose;
}
