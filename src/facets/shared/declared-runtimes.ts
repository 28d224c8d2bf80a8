// What a lock file or build file declares besides its pins: the Python it requires, the R it was
// snapshotted with and that R's repositories, the Scala and sbt versions of a build, the conda
// platforms and channels of an environment. Read from a lock file entry's `meta` (the parsers in
// src/facets/<id>/lockfiles/ record it as written), interpreted here by the entry's kind, so that
// `compare` (two lock files) and `check` (a lock file against what is installed) read them alike.
import { getScheme } from '../../versioning/index.js';
import { poetryConstraintToPep440 } from '../../versioning/pep440/poetry.js';
import type { LockedPackage, LockfileEntry } from './lockfile.js';

/** The keys of `LockfileEntry.meta` that declare runtimes (as the parsers write them). */
export const DECLARED_META = {
  requiresPython: 'requiresPython',
  rVersion: 'rVersion',
  rRepositories: 'rRepositories',
  scalaVersion: 'scalaVersion',
  crossScalaVersions: 'crossScalaVersions',
  sbtVersion: 'sbtVersion',
  condaPlatform: 'platform',
  condaPlatforms: 'platforms',
  condaChannels: 'channels',
} as const;

/**
 * Scala 2 keeps binary compatibility within 2.x (2.12, 2.13), Scala 3 within 3.x: `2.12.10` →
 * 2.12, `3.3.1` → 3. Artifacts carry it as a suffix (`spark-core_2.12`, `_3`).
 */
export function scalaBinaryVersion(version: string): string {
  const parts = version.trim().split('.');
  return parts[0] === '3' ? '3' : parts.slice(0, 2).join('.');
}

export interface DeclaredPython {
  /** As the lock file writes it: `>=3.8`, `^3.9`, `3.8` (Pipfile.lock's python_version). */
  asWritten: string;
  /** PEP 440 specifier sets, any one of which admits a version (`''` admits all); undefined when unreadable. */
  anyOf?: string[];
}

/**
 * The Python a lock requires, in the syntax of its kind: Poetry's constraints (poetry.lock's
 * `python-versions`), Pipfile.lock's bare `python_version` "3.8" (that minor) or
 * `python_full_version` "3.8.10", PEP 440 elsewhere (uv's and pdm's `requires-python`).
 */
export function declaredPython(entry: Pick<LockfileEntry, 'kind' | 'meta'>): DeclaredPython | undefined {
  const raw = entry.meta?.[DECLARED_META.requiresPython]?.trim();
  if (!raw) return undefined;
  const pep440 = getScheme('pep440');
  const valid = (spec: string) => spec === '' || pep440.matches('0', spec) !== undefined;
  let anyOf: string[] | undefined;
  if (/^\d+(\.\d+)*$/.test(raw)) {
    anyOf = [raw.split('.').length <= 2 ? `==${raw}.*` : `==${raw}`];
  } else if (entry.kind === 'poetry.lock') {
    anyOf = poetryConstraintToPep440(raw);
  } else {
    const spec = raw.replace(/\s+/g, '');
    anyOf = valid(spec) ? [spec] : poetryConstraintToPep440(raw);
  }
  if (anyOf && !anyOf.every(valid)) anyOf = undefined;
  return { asWritten: raw, ...(anyOf ? { anyOf } : {}) };
}

/** Does the declared requirement admit this version? undefined when it cannot be evaluated. */
export function admitsPython(declared: DeclaredPython, version: string): boolean | undefined {
  if (!declared.anyOf) return undefined;
  const pep440 = getScheme('pep440');
  const results = declared.anyOf.map((spec) => (spec === '' ? true : pep440.matches(version, spec)));
  if (results.includes(true)) return true;
  return results.includes(undefined) ? undefined : false;
}

/**
 * The lowest release a set of PEP 440 specifier sets admits, from their lower bounds (`>=`, `>`,
 * `==`, `~=`, `==X.*`); undefined when one of them has no lower bound.
 */
export function lowestAdmitted(anyOf: readonly string[]): string | undefined {
  const pep440 = getScheme('pep440');
  let lowest: string | undefined;
  for (const set of anyOf) {
    let floor: string | undefined;
    for (const clause of set.split(',')) {
      const m = /^(~=|===|==|>=|>)\s*([^*]+?)(\.\*)?$/.exec(clause.trim());
      if (!m) continue;
      const v = m[2]!;
      if (floor === undefined || pep440.compare(v, floor) > 0) floor = v;
    }
    if (floor === undefined) return undefined;
    if (lowest === undefined || pep440.compare(floor, lowest) < 0) lowest = floor;
  }
  return lowest;
}

export interface DeclaredRuntimes {
  python?: DeclaredPython;
  /** renv.lock's "R": {"Version"}. */
  rVersion?: string;
  /** renv.lock's "R": {"Repositories"} as `NAME=URL`, sorted. */
  rRepositories?: string[];
  scalaVersion?: string;
  crossScalaVersions?: string[];
  sbtVersion?: string;
  /** Conda subdirs (linux-64, osx-arm64) the lock resolves for. */
  condaPlatforms?: string[];
  condaChannels?: string[];
}

const words = (v: string | undefined): string[] | undefined => {
  const list = v?.split(/\s+/).filter(Boolean);
  return list && list.length ? list : undefined;
};

export function declaredRuntimes(entry: Pick<LockfileEntry, 'kind' | 'meta'>): DeclaredRuntimes {
  const meta = entry.meta ?? {};
  const out: DeclaredRuntimes = {};
  const python = declaredPython(entry);
  if (python) out.python = python;
  if (meta[DECLARED_META.rVersion]) out.rVersion = meta[DECLARED_META.rVersion];
  const repos = words(meta[DECLARED_META.rRepositories]);
  if (repos) out.rRepositories = [...repos].sort();
  if (meta[DECLARED_META.scalaVersion]) out.scalaVersion = meta[DECLARED_META.scalaVersion];
  // Maven builds name their Scala in properties (scala.version, scala.binary.version).
  else if (meta['scala.version']) out.scalaVersion = meta['scala.version'];
  else if (meta['scala.binary.version']) out.scalaVersion = meta['scala.binary.version'];
  const cross = words(meta[DECLARED_META.crossScalaVersions]);
  if (cross) out.crossScalaVersions = cross;
  if (meta[DECLARED_META.sbtVersion]) out.sbtVersion = meta[DECLARED_META.sbtVersion];
  const platforms = words(meta[DECLARED_META.condaPlatforms] ?? meta[DECLARED_META.condaPlatform]);
  if (platforms) out.condaPlatforms = [...platforms].sort();
  const channels = words(meta[DECLARED_META.condaChannels]);
  if (channels) out.condaChannels = channels;
  return out;
}

/**
 * The Scala binary suffix of a JVM artifact name (`org.apache.spark:spark-core_2.12` → 2.12,
 * `…_sjs1_3` → 3), or undefined when it has none.
 */
export function scalaSuffix(name: string): string | undefined {
  return /_(2\.(?:8|9|1[0-3])|3)$/.exec(name.split(':').pop() ?? '')?.[1];
}

/**
 * Artifacts of one build compiled for different Scala binary versions cannot share a classpath.
 * Scala 3 may use 2.13 artifacts (https://docs.scala-lang.org/scala3/guides/migration/compatibility-classpath.html),
 * so 3 with 2.13 is no mix. Returns each binary version with its artifacts when the set mixes.
 */
export function scalaSuffixMix(packages: readonly LockedPackage[]): Map<string, string[]> | undefined {
  const by = new Map<string, string[]>();
  for (const p of packages) {
    if (p.ecosystem !== 'maven') continue;
    const suffix = scalaSuffix(p.name);
    if (suffix) by.set(suffix, [...(by.get(suffix) ?? []), p.name]);
  }
  const twos = [...by.keys()].filter((k) => k !== '3');
  const mixed = twos.length > 1 || (by.has('3') && twos.some((k) => k !== '2.13'));
  return mixed ? new Map([...by].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : undefined;
}
