// The lock file contract between the facets whose ecosystems write lock files (python, r, jvm
// declare their kinds and pure parsers in lockfiles/) and the lockfiles facet that records them.
// Reading files is capture's job (src/capture/lockfiles.ts); here is only text in, packages out.
import { normalizePypiName } from '../../core/names.js';
import type { FacetStatus } from '../types.js';

export type Ecosystem = 'pypi' | 'conda' | 'cran' | 'maven' | 'npm' | 'deb' | 'unknown';

export interface LockedPackage {
  name: string;
  version?: string; // exact pin when there is one
  specifier?: string; // range as written (>=1.2,<2) when not an exact pin
  ecosystem: Ecosystem;
  /** Conda build string (py311h64a7726_0). */
  build?: string;
  /** Conda subdir (linux-64, osx-arm64) for multi-platform locks; other platforms are not checked. */
  platform?: string;
  /** PEP 508 environment marker as written; the package may not apply to every machine. */
  marker?: string;
  /** Dependency group / configuration / scope (dev, tests, testRuntimeClasspath, provided). */
  group?: string;
  /** Where it comes from when not an index: VCS or file URL, local path. */
  source?: string;
}

export interface LockfileEntry {
  path: string;
  /** One of the registered lock kinds (LockKindDef.kind), or `unknown`. */
  kind: string;
  sha256: string;
  status: FacetStatus;
  reason?: string;
  packages: LockedPackage[];
  problems?: { line: number; message: string }[];
  /** Facts the lock states besides packages: requiresPython, rVersion, scalaVersion, sbtVersion, platform. */
  meta?: Record<string, string>;
}

export interface LockProblem {
  line: number;
  message: string;
}

export interface ParsedLock {
  packages: LockedPackage[];
  problems: LockProblem[];
  meta?: Record<string, string>;
}

export interface LockParseContext {
  /** The file's path as reported (relative to the capture's cwd); used in messages. */
  path: string;
  /**
   * Reads a file the lock refers to (a `-r` include, sbt's project/build.properties), resolved
   * relative to `from` (a path as reported; default the lock file itself). Returns the text and its
   * reported path, or undefined when it does not exist. Absent: references are not followed.
   */
  readRelated?: (relativePath: string, from?: string) => { text: string; path: string } | undefined;
}

export type LockParser = (text: string, ctx: LockParseContext) => ParsedLock;

/**
 * One kind of lock file: how its name is recognised and where its parser is. Recognition is tried
 * in three rounds over every kind (name, then content, then a named file's extension), so that a
 * file's content wins over a guess from its extension.
 */
export interface LockKindDef {
  /** As recorded in LockfileEntry.kind: `poetry.lock`, `requirements`, `conda-env`, … */
  kind: string;
  /** Matches the file's base name (and, for requirements/, its parent folder). */
  matches: (base: string, parentDir: string) => boolean;
  /** The first 4 KiB say this is the kind, whatever the file is called. */
  sniff?: (firstBytes: string) => boolean;
  /** A file named with --lock whose name and content do not say otherwise is taken as this kind. */
  claims?: (base: string, firstBytes: string) => boolean;
  /** The parser, loaded on demand: parsers pull in TOML, YAML and XML libraries that compare never needs. */
  load: () => Promise<LockParser>;
}

/** The whole file could not be read as its format: the entry gets status "error" and this reason. */
export class LockParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockParseError';
  }
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** A name as its ecosystem compares it: PEP 503 for PyPI; conda lowercases; CRAN and Maven names are case-sensitive. */
export function normalizeName(ecosystem: string, name: string): string {
  if (ecosystem === 'pypi') return normalizePypiName(name);
  if (ecosystem === 'conda') return name.trim().toLowerCase();
  return name.trim();
}

export interface PinnedTwice {
  /** name and marker: what makes two lines the same requirement. */
  key: string;
  name: string;
  marker?: string;
  packages: LockedPackage[];
}

/** The lock kinds written by hand or by pip-compile, where one name may appear on several lines. */
const REQUIREMENT_LISTS = new Set(['requirements', 'conda-env']);

/**
 * Packages a requirements file pins on more than one line under the same marker (constraints
 * and unpinned names aside: pip merges those). Generated locks list forks on purpose (uv, conda-lock
 * per platform) and are not read here.
 */
export function pinnedTwice(entry: Pick<LockfileEntry, 'kind' | 'packages'>): PinnedTwice[] {
  if (!REQUIREMENT_LISTS.has(entry.kind)) return [];
  const groups = new Map<string, LockedPackage[]>();
  for (const p of entry.packages) {
    if (p.ecosystem !== 'pypi' || p.group === 'constraint' || (p.version === undefined && p.specifier === undefined)) continue;
    const key = `${normalizePypiName(p.name)}\u0000${p.marker ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups]
    .filter(([, list]) => list.length > 1)
    .map(([key, list]) => ({ key, name: list[0]!.name, ...(list[0]!.marker ? { marker: list[0]!.marker } : {}), packages: list }));
}
