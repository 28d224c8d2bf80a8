// Shared reading of the TOML lock files (poetry.lock, uv.lock, pdm.lock) with smol-toml: a file
// that is not valid TOML (truncated, merge-conflict markers) is one LockParseError naming the line.
import { parse, TomlError } from 'smol-toml';
import { normalizePypiName } from '../../../core/names.js';
import { LockParseError, lineAt } from '../../shared/lockfile.js';

export type TomlTable = Record<string, unknown>;

export function readToml(text: string, kind: string): TomlTable {
  try {
    return parse(text);
  } catch (err) {
    if (err instanceof TomlError) {
      throw new LockParseError(`not valid TOML for ${kind}: ${err.message.split('\n')[0]} (line ${err.line})`);
    }
    throw new LockParseError(`not valid TOML for ${kind}: ${(err as Error).message}`);
  }
}

export function asTables(v: unknown): TomlTable[] {
  return Array.isArray(v) ? (v.filter((x) => x !== null && typeof x === 'object' && !Array.isArray(x)) as TomlTable[]) : [];
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/**
 * Line of the n-th `[[package]]` header: TOML parsers drop positions, but a problem must name a
 * line, and lock files write one header per package in order.
 */
export function packageHeaderLines(text: string, header = '[[package]]'): number[] {
  const lines: number[] = [];
  let at = text.indexOf(header);
  while (at >= 0) {
    if (at === 0 || text[at - 1] === '\n') lines.push(lineAt(text, at));
    at = text.indexOf(header, at + header.length);
  }
  return lines;
}

/** `[[package]]` indexes by normalized PyPI name: a forked resolution locks one name at several versions. */
export function indexByPypiName(tables: readonly TomlTable[]): Map<string, number[]> {
  const byName = new Map<string, number[]>();
  tables.forEach((p, i) => {
    const n = str(p['name']);
    if (!n) return;
    const key = normalizePypiName(n);
    const list = byName.get(key);
    if (list) list.push(i);
    else byName.set(key, [i]);
  });
  return byName;
}
