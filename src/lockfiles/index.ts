// Every lock file kind: how its name is recognised and which parser reads it. Adding a kind is
// one parser file and one row here. Rows are tried in order; the first match wins.
import { parseCondaEnv } from './conda-env.js';
import { parseCondaExplicit } from './conda-explicit.js';
import { parseCondaLock } from './conda-lock.js';
import { parseGradleLockfile } from './gradle.js';
import { parsePom } from './maven.js';
import { parsePdmLock } from './pdm.js';
import { parsePipfileLock } from './pipfile.js';
import { parsePoetryLock } from './poetry.js';
import { parseRenvLock } from './renv.js';
import { parseRequirements } from './requirements.js';
import { parseSbt } from './sbt.js';
import type { LockParser } from './types.js';
import { parseUvLock } from './uv.js';

export type LockKind =
  | 'requirements'
  | 'poetry.lock'
  | 'pipfile.lock'
  | 'uv.lock'
  | 'pdm.lock'
  | 'conda-env'
  | 'conda-explicit'
  | 'conda-lock'
  | 'renv.lock'
  | 'sbt'
  | 'gradle.lockfile'
  | 'pom.xml';

interface KindRow {
  kind: LockKind;
  /** Matches the file's base name (and, for requirements/, its parent folder). */
  matches: (base: string, parentDir: string) => boolean;
  parse: LockParser;
}

export const LOCK_KINDS: readonly KindRow[] = [
  { kind: 'poetry.lock', matches: (b) => b === 'poetry.lock', parse: parsePoetryLock },
  { kind: 'pipfile.lock', matches: (b) => b === 'Pipfile.lock', parse: parsePipfileLock },
  { kind: 'uv.lock', matches: (b) => b === 'uv.lock', parse: parseUvLock },
  { kind: 'pdm.lock', matches: (b) => b === 'pdm.lock', parse: parsePdmLock },
  { kind: 'renv.lock', matches: (b) => b === 'renv.lock', parse: parseRenvLock },
  { kind: 'gradle.lockfile', matches: (b) => b === 'gradle.lockfile' || b.endsWith('.lockfile'), parse: parseGradleLockfile },
  { kind: 'pom.xml', matches: (b) => b === 'pom.xml', parse: parsePom },
  { kind: 'sbt', matches: (b) => b === 'build.sbt', parse: parseSbt },
  // conda-lock: conda-lock.yml, *.conda-lock.yml; its explicit renders are conda-<platform>.lock.
  { kind: 'conda-lock', matches: (b) => /(^|[.-])conda-lock\.ya?ml$/.test(b), parse: parseCondaLock },
  {
    kind: 'conda-explicit',
    matches: (b) => /^conda-[a-z0-9]+-[a-z0-9_]+\.lock$/.test(b) || /(^|[-_.])explicit\.txt$/.test(b) || b === 'spec-file.txt',
    parse: parseCondaExplicit,
  },
  { kind: 'conda-env', matches: (b) => /^environment([-_.][\w.-]*)?\.ya?ml$/.test(b), parse: parseCondaEnv },
  {
    kind: 'requirements',
    matches: (b, dir) => /^requirements([-_.][\w.-]*)?\.(txt|in)$/.test(b) || /[-_.]requirements\.(txt|in)$/.test(b) || (dir === 'requirements' && /\.(txt|in)$/.test(b)),
    parse: parseRequirements,
  },
];

/** The kind of a lock file from its path, or undefined when the name is not one envdiff reads. */
export function detectLockKind(filePath: string, firstBytes?: string, explicit = false): LockKind | undefined {
  const parts = filePath.split(/[\\/]/);
  const base = parts[parts.length - 1] ?? '';
  const dir = parts[parts.length - 2] ?? '';
  const row = LOCK_KINDS.find((r) => r.matches(base, dir));
  if (row) return row.kind;
  // A user may name any file with --lock; its first lines can still tell the format.
  if (firstBytes !== undefined) {
    if (/^@EXPLICIT\s*$/m.test(firstBytes)) return 'conda-explicit';
    if (/^# This is a Gradle generated file for dependency locking/.test(firstBytes)) return 'gradle.lockfile';
    if (/^\s*<\?xml[^>]*>\s*<project\b/.test(firstBytes)) return 'pom.xml';
    // Named on the command line: a .txt/.in is taken as a requirements file (pip -r reads any name).
    if (explicit && /\.(txt|in)$/.test(base)) return 'requirements';
    if (explicit && /\.ya?ml$/.test(base) && /^dependencies:/m.test(firstBytes)) return 'conda-env';
  }
  return undefined;
}

export function parserFor(kind: LockKind): LockParser {
  return LOCK_KINDS.find((r) => r.kind === kind)!.parse;
}

export type { LockParser, ParsedLock, LockParseContext } from './types.js';
export { LockParseError } from './types.js';
