// Capture of lock files on this machine: the files named with --lock, or the lock files found in
// the working directory (and below it when asked). Each file becomes one entry with its sha256,
// packages and problems; a file that cannot be read or parsed is an entry with status "error",
// and the capture goes on (https://github.com/anchore/syft: unknowns are data).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { maskSecretsDeep } from '../core/secrets.js';
import { byCodeUnit } from '../core/text.js';
import { detectImportKind, importParser, type ImportKind } from '../import/index.js';
import { LOCK_KINDS } from '../facets/index.js';
import type { LockfilesFacet } from '../facets/lockfiles/types.js';
import { LockParseError, type LockfileEntry, type LockKindDef, type LockParser } from '../facets/shared/lockfile.js';

export interface CaptureLockfilesOptions {
  /** Explicit files (relative to cwd or absolute). When given, nothing else is searched. */
  paths?: string[];
  cwd: string;
  /** Search below cwd too (skipping VCS, virtualenv, node_modules and build folders). */
  recursive?: boolean;
}

const SKIP_DIRS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '.venv',
  'venv',
  '__pycache__',
  'site-packages',
  'target',
  'build',
  'dist',
  '.tox',
  '.nox',
  'renv',
]);
const MAX_DEPTH = 8;

/**
 * The kind of a lock file from its path, or undefined when the name is not one envdiff reads. The
 * registered kinds are tried in order by name, then by content (the first 4 KiB), then, for a
 * file named with --lock, by its extension.
 */
export function detectLockKind(
  filePath: string,
  firstBytes?: string,
  explicit = false,
  kinds: readonly LockKindDef[] = LOCK_KINDS,
): string | undefined {
  const parts = filePath.split(/[\\/]/);
  const base = parts[parts.length - 1] ?? '';
  const dir = parts[parts.length - 2] ?? '';
  const named = kinds.find((k) => k.matches(base, dir));
  if (named) return named.kind;
  // A user may name any file with --lock; its first lines can still tell the format.
  if (firstBytes === undefined) return undefined;
  const sniffed = kinds.find((k) => k.sniff?.(firstBytes) === true);
  if (sniffed) return sniffed.kind;
  if (!explicit) return undefined;
  return kinds.find((k) => k.claims?.(base, firstBytes) === true)?.kind;
}

/** The parser of a registered kind (loaded on first use). */
export async function parserFor(kind: string, kinds: readonly LockKindDef[] = LOCK_KINDS): Promise<LockParser> {
  const def = kinds.find((k) => k.kind === kind);
  if (!def) throw new Error(`no lock kind ${kind}`);
  return def.load();
}

/**
 * A lock file's text as pip decodes a requirements file (pip/_internal/req/req_file.py
 * `_decode_req_file`): a byte-order mark names the encoding (UTF-8, UTF-16, UTF-32), else a PEP 263
 * `# -*- coding: NAME -*-` comment in the first two lines does, else UTF-8.
 */
export function decodeLockText(bytes: Buffer): string {
  const starts = (...b: number[]) => b.every((x, i) => bytes[i] === x);
  if (starts(0xef, 0xbb, 0xbf)) return bytes.subarray(3).toString('utf8');
  if (starts(0x00, 0x00, 0xfe, 0xff) || starts(0xff, 0xfe, 0x00, 0x00)) return decodeUtf32(bytes.subarray(4), bytes[0] === 0xff);
  if (starts(0xfe, 0xff)) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (starts(0xff, 0xfe)) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  const head = bytes.subarray(0, 400).toString('latin1').split('\n').slice(0, 2);
  const declared = head.map((l) => (/^\s*#/.test(l) ? /coding[:=]\s*([-\w.]+)/.exec(l)?.[1] : undefined)).find(Boolean);
  if (declared && !/^utf-?8$/i.test(declared)) {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      /* an encoding Node does not know: read as UTF-8 */
    }
  }
  return bytes.toString('utf8');
}

function decodeUtf32(bytes: Buffer, littleEndian: boolean): string {
  let out = '';
  for (let i = 0; i + 3 < bytes.length; i += 4) out += String.fromCodePoint(littleEndian ? bytes.readUInt32LE(i) : bytes.readUInt32BE(i));
  return out;
}

/** Paths in entries are relative to cwd with `/` separators, so fingerprints read the same on every OS. */
function reportPath(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  const shown = rel === '' || rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
  return shown.split(sep).join('/');
}

function findLockfiles(cwd: string, recursive: boolean): string[] {
  const found: string[] = [];
  // Directories by (device, inode): a symlink back up the tree (`ln -s .. loop`) is walked once, not
  // until MAX_DEPTH multiplies it.
  const visited = new Set<string>();
  const walk = (dir: string, depth: number) => {
    try {
      const st = statSync(dir);
      const id = `${st.dev}:${st.ino}`;
      if (visited.has(id)) return;
      visited.add(id);
    } catch {
      return;
    }
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const abs = join(dir, name);
      let st;
      try {
        st = statSync(abs);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        // requirements/ folders hold requirement files even when looking at one level only.
        if (recursive && depth < MAX_DEPTH && !SKIP_DIRS.has(name) && !name.startsWith('.')) walk(abs, depth + 1);
        else if (!recursive && depth === 0 && name === 'requirements') walk(abs, depth + 1);
      } else if (st.isFile() && detectLockKind(abs) !== undefined) {
        found.push(abs);
      }
    }
  };
  walk(cwd, 0);
  return found;
}

/**
 * One lock file as an entry. Every string of it — package sources, markers, index options kept as
 * problems or meta, reasons quoting a line — has its credentials masked (src/core/secrets.ts)
 * before it can reach a fingerprint: `--extra-index-url https://__token__:SECRET@…`,
 * `pkg @ git+https://user:tok@…` and conda's pip options are written in lock files every day.
 */
export async function captureLockfile(absPath: string, cwd: string, explicit = false): Promise<LockfileEntry> {
  return maskSecretsDeep(await readLockfile(absPath, cwd, explicit));
}

async function readLockfile(absPath: string, cwd: string, explicit: boolean): Promise<LockfileEntry> {
  const path = reportPath(cwd, absPath);
  let bytes: Buffer;
  try {
    bytes = readFileSync(absPath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      path,
      kind: detectLockKind(absPath, '', explicit) ?? 'unknown',
      sha256: '',
      status: 'error',
      reason: code === 'ENOENT' ? `${path} does not exist` : `cannot read ${path}: ${code ?? (err as Error).message}`,
      packages: [],
    };
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const text = decodeLockText(bytes);
  const kind = detectLockKind(absPath, text.slice(0, 4096), explicit);
  if (kind === undefined) {
    return { path, kind: 'unknown', sha256, status: 'error', reason: `${path}: not a lock file kind envdiff reads`, packages: [] };
  }
  // A report another tool wrote is no lock file, whatever its name: collect_env output or
  // sessionInfo() saved as env.txt would read as a requirements file with no packages, and pass.
  const report = reportKind(text);
  if (report !== undefined) {
    return {
      path,
      kind,
      sha256,
      status: 'error',
      reason: `${path} is a ${report.title}, not a lock file: make a fingerprint of it with \`envdiff import ${path}\``,
      packages: [],
    };
  }
  const readRelated = (rel: string, from?: string) => {
    const base = from ? resolve(cwd, from) : absPath;
    const target = isAbsolute(rel) ? rel : resolve(dirname(base), rel);
    if (!existsSync(target) || !statSync(target).isFile()) return undefined;
    try {
      return { text: readFileSync(target, 'utf8'), path: reportPath(cwd, target) };
    } catch {
      return undefined;
    }
  };
  try {
    const parsed = (await parserFor(kind))(text, { path, readRelated });
    const packages = [...parsed.packages].sort(
      (a, b) =>
        byCodeUnit(a.name, b.name) || byCodeUnit(a.version ?? '', b.version ?? '') || byCodeUnit(a.platform ?? '', b.platform ?? ''),
    );
    return {
      path,
      kind,
      sha256,
      status: 'ok',
      packages,
      ...(parsed.problems.length ? { problems: parsed.problems } : {}),
      ...(parsed.meta && Object.keys(parsed.meta).length ? { meta: parsed.meta } : {}),
    };
  } catch (err) {
    const reason = err instanceof LockParseError ? err.message : `parser failed: ${(err as Error).message}`;
    return { path, kind, sha256, status: 'error', reason: `${path}: ${reason}`, packages: [] };
  }
}

// Import kinds that are also lock files stay lock files: pip freeze output is a requirements file,
// `conda list --explicit` and `conda env export` are conda's own lock formats.
const LOCK_AND_REPORT: ReadonlySet<ImportKind> = new Set(['pip-freeze', 'conda-explicit', 'conda-env-export']);

function reportKind(text: string): { title: string } | undefined {
  const kind = detectImportKind(text);
  if (kind === undefined || LOCK_AND_REPORT.has(kind)) return undefined;
  return { title: importParser(kind).title };
}

export async function captureLockfiles(opts: CaptureLockfilesOptions): Promise<LockfilesFacet> {
  const cwd = resolve(opts.cwd);
  // An MLflow model is named by its directory (`--lock model/`): its MLmodel is the lock file.
  const named = (p: string) => {
    const abs = resolve(cwd, p);
    return existsSync(join(abs, 'MLmodel')) && statSync(abs).isDirectory() ? join(abs, 'MLmodel') : abs;
  };
  const files = opts.paths && opts.paths.length > 0 ? opts.paths.map(named) : findLockfiles(cwd, opts.recursive === true);
  if (files.length === 0)
    return { status: 'absent', reason: `no lock file found in ${opts.recursive ? 'or below ' : ''}the working directory` };
  const unique = [...new Set(files)];
  const explicit = opts.paths !== undefined && opts.paths.length > 0;
  const entries = (await Promise.all(unique.map((f) => captureLockfile(f, cwd, explicit)))).sort((a, b) => byCodeUnit(a.path, b.path));
  return { status: 'ok', files: entries };
}
