// One interface for every version scheme (renovate's versioning modules are the model).
// A scheme lives in src/versioning/<id>/index.ts and is registered by one line in ./registry.ts.

/** Which part of a version moved, as compare rules grade it. */
export type VersionDiff = 'none' | 'major' | 'minor' | 'patch' | 'prerelease' | 'local' | 'other';

export interface VersionScheme<Id extends string = string> {
  id: Id;
  /**
   * The package ecosystems whose versions it reads, as fingerprints name them (a python or
   * lockfile `ecosystem`, a system `manager`); each ecosystem belongs to one scheme.
   */
  ecosystems: readonly string[];
  isValid(version: string): boolean;
  /** Total order: negative, 0, positive. Invalid input falls back to the loose scheme. */
  compare(a: string, b: string): number;
  /** The most significant part that differs between a and b. */
  diff(a: string, b: string): VersionDiff;
  /** Does version satisfy the range as written in that ecosystem? undefined when the range is not understood. */
  matches(version: string, range: string): boolean | undefined;
  /**
   * The leading numeric release components (`2.36-9+deb12u4` → [2, 36]), or null when the version
   * has none. Rules use it for facts the diff alone cannot carry: 0.x releases, NumPy 1 vs 2.
   */
  release(version: string): readonly number[] | null;
}
