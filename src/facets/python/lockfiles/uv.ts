// uv.lock (https://docs.astral.sh/uv/concepts/projects/sync/#the-lockfile):
//   version = 1
//   requires-python = ">=3.12.0"
//   [[package]]
//   name = "anyio"
//   version = "4.8.0"
//   source = { registry = "https://pypi.org/simple" }
// A forked resolution (conflicting extras, per-platform splits) locks one name at several
// versions; each is kept, and the check accepts any of them. The project itself, with a
// `virtual` source, is not installed as a distribution and is left out.
// uv marks edges, not packages (`{ name = "colorama", marker = "sys_platform == 'win32'" }`): a
// package's marker is derived from the edges that reach it from the workspace members.
import type { LockedPackage } from '../../shared/lockfile.js';
import { reachMarkers, rootsOf, type MarkerEdge } from './marker-graph.js';
import { normalizePypiName } from '../../../core/names.js';
import { asTables, indexByPypiName, packageHeaderLines, readToml, str } from './toml-lock.js';
import type { LockParseContext, LockProblem, ParsedLock } from '../../shared/lockfile.js';
import { LockParseError } from '../../shared/lockfile.js';

export function parseUvLock(text: string, _ctx: LockParseContext): ParsedLock {
  const doc = readToml(text, 'uv.lock');
  if (doc['version'] === undefined && !Array.isArray(doc['package'])) {
    throw new LockParseError('no `version` and no [[package]]: not a uv.lock');
  }
  const headers = packageHeaderLines(text);
  const packages: LockedPackage[] = [];
  const problems: LockProblem[] = [];
  const tables = asTables(doc['package']);
  const markers = markersFromEdges(tables);
  tables.forEach((p, i) => {
    const name = str(p['name']);
    const source = (p['source'] ?? {}) as Record<string, unknown>;
    if (!name) {
      problems.push({ line: headers[i] ?? 1, message: `[[package]] #${i + 1} has no name` });
      return;
    }
    if (source['virtual'] !== undefined) return;
    const version = str(p['version']);
    const where = str(source['git']) ?? str(source['url']) ?? str(source['path']) ?? str(source['directory']) ?? str(source['editable']);
    if (!version && !where) {
      problems.push({ line: headers[i] ?? 1, message: `${name} has neither a version nor a source` });
      return;
    }
    packages.push({
      name: normalizePypiName(name),
      ...(version ? { version } : {}),
      ecosystem: 'pypi',
      ...(markers[i] ? { marker: markers[i] } : {}),
      ...(source['editable'] !== undefined ? { group: 'editable' } : {}),
      ...(where && source['registry'] === undefined ? { source: where } : {}),
    });
  });
  const meta: Record<string, string> = {};
  const lockVersion = doc['version'];
  if (typeof lockVersion === 'number' || typeof lockVersion === 'string') meta['lockVersion'] = String(lockVersion);
  const py = str(doc['requires-python']);
  if (py) meta['requiresPython'] = py;
  return { packages, problems, meta };
}

type Table = Record<string, unknown>;

/**
 * Edges: `dependencies`, `optional-dependencies.<extra>` (only with that extra: `extra == "<extra>"`
 * added) and `dev-dependencies.<group>` (uv sync installs the dev group by default: unconditional).
 * An edge names a version only where the name is locked at several.
 */
function markersFromEdges(tables: Table[]): (string | undefined)[] {
  const byName = indexByPypiName(tables);
  const edges: MarkerEdge[] = [];
  const link = (from: number, list: unknown, extra?: string) => {
    for (const d of asTables(list)) {
      const name = str(d['name']);
      if (!name) continue;
      const version = str(d['version']);
      const edge = str(d['marker']);
      const marker = extra ? (edge ? `(${edge}) and (extra == "${extra}")` : `extra == "${extra}"`) : edge;
      for (const to of byName.get(normalizePypiName(name)) ?? []) {
        if (version === undefined || str(tables[to]!['version']) === version) edges.push({ from, to, ...(marker ? { marker } : {}) });
      }
    }
  };
  const members: number[] = [];
  tables.forEach((p, i) => {
    const source = (p['source'] ?? {}) as Table;
    if (source['virtual'] !== undefined || source['editable'] !== undefined) members.push(i);
    link(i, p['dependencies']);
    for (const [extra, list] of Object.entries((p['optional-dependencies'] ?? {}) as Table)) link(i, list, extra);
    for (const list of Object.values((p['dev-dependencies'] ?? {}) as Table)) link(i, list);
  });
  const derived = reachMarkers(tables.length, edges, rootsOf(tables.length, edges, members));
  // A fork's own resolution markers say where that version was chosen; use them when the edges say nothing.
  return derived.map((m, i) => {
    if (m !== undefined) return m;
    const forks = (Array.isArray(tables[i]!['resolution-markers']) ? (tables[i]!['resolution-markers'] as unknown[]) : []).filter(
      (x): x is string => typeof x === 'string',
    );
    return forks.length === 0 ? undefined : forks.length === 1 ? forks[0] : forks.map((f) => `(${f})`).join(' or ');
  });
}
