// poetry.lock, lock formats 1.x and 2.x (https://python-poetry.org/docs/basic-usage/#installing-with-poetrylock).
// 1.x (Poetry < 1.5):             2.x (Poetry ≥ 1.5; 2.1 adds groups/markers per package):
//   [[package]]                      [[package]]
//   category = "main"                name = "certifi"
//   name = "certifi"                 version = "2020.12.5"
//   version = "2020.6.20"            files = [ {file = "…", hash = "sha256:…"} ]
//   [metadata.files] certifi = […]   [metadata] lock-version = "2.0"
import type { LockedPackage } from '../../shared/lockfile.js';
import { reachMarkers, rootsOf, type MarkerEdge } from './marker-graph.js';
import { normalizePypiName } from '../../../core/names.js';
import { parseRequirement } from './pep508.js';
import { asTables, indexByPypiName, packageHeaderLines, readToml, str, type TomlTable } from './toml-lock.js';
import type { LockParseContext, LockProblem, ParsedLock } from '../../shared/lockfile.js';
import { LockParseError } from '../../shared/lockfile.js';

export function parsePoetryLock(text: string, ctx: LockParseContext): ParsedLock {
  const doc = readToml(text, 'poetry.lock');
  const metadata = (doc['metadata'] ?? {}) as Record<string, unknown>;
  const lockVersion = str(metadata['lock-version']);
  if (!Array.isArray(doc['package']) && lockVersion === undefined) {
    throw new LockParseError('no [[package]] and no [metadata] lock-version: not a poetry.lock');
  }
  // Poetry writes [metadata] last: packages without it mean the file was cut short.
  if (lockVersion === undefined) {
    throw new LockParseError('no [metadata] lock-version after the packages: the file is truncated');
  }
  const headers = packageHeaderLines(text);
  const packages: LockedPackage[] = [];
  const problems: LockProblem[] = [];
  const tables = asTables(doc['package']);
  const edgeMarkers = markersFromEdges(tables, ctx);
  tables.forEach((p, i) => {
    const name = str(p['name']);
    const version = str(p['version']);
    if (!name || !version) {
      problems.push({ line: headers[i] ?? 1, message: `[[package]] #${i + 1} has no ${name ? 'version' : 'name'}` });
      return;
    }
    const source = (p['source'] ?? {}) as Record<string, unknown>;
    const sourceType = str(source['type']);
    // 1.x: category "dev"; 2.1: groups = ["main", "dev"]; a package only in non-main groups is dev-only.
    const groups = Array.isArray(p['groups']) ? (p['groups'] as unknown[]).map(String) : undefined;
    const group = str(p['category']) ?? (groups && !groups.includes('main') ? groups.join(',') : undefined);
    // 2.1 writes the package's own markers (a string, or one per group); older locks only mark edges.
    const marker = ownMarker(p['markers']) ?? str(p['marker']) ?? edgeMarkers[i];
    packages.push({
      name: normalizePypiName(name),
      version,
      ecosystem: 'pypi',
      ...(group && group !== 'main' ? { group } : {}),
      ...(marker ? { marker } : {}),
      ...(sourceType && sourceType !== 'legacy' ? { source: `${sourceType}+${str(source['url']) ?? ''}` } : {}),
    });
  });
  const meta: Record<string, string> = {};
  if (lockVersion) meta['lockVersion'] = lockVersion;
  const py = str(metadata['python-versions']);
  if (py) meta['requiresPython'] = py;
  return { packages, problems, meta };
}

function ownMarker(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const all = Object.values(v as TomlTable).filter((m): m is string => typeof m === 'string');
    if (all.length) return all.length === 1 ? all[0] : all.map((m) => `(${m})`).join(' or ');
  }
  return undefined;
}

/** Edge marker of one poetry dependency value: `">=1"`, `{version, markers}`, or a list of those. */
function depMarkers(v: unknown): (string | undefined)[] {
  if (Array.isArray(v)) return v.flatMap(depMarkers);
  if (v && typeof v === 'object') {
    const t = v as TomlTable;
    if (t['optional'] === true) return []; // only with an extra: not an edge a plain install follows
    return [str(t['markers'])];
  }
  return [undefined];
}

/**
 * Poetry before 2.1 marks the edge, not the package (docker → pywin32 only on win32): each package's
 * marker is derived from the edges that reach it. The project's own dependencies, when
 * pyproject.toml sits beside the lock, are the roots; without it, packages nothing depends on are.
 */
function markersFromEdges(tables: TomlTable[], ctx: LockParseContext): (string | undefined)[] {
  const byName = indexByPypiName(tables);
  const ROOT = tables.length;
  const edges: MarkerEdge[] = [];
  const link = (from: number, name: string, markers: (string | undefined)[]) => {
    for (const to of byName.get(normalizePypiName(name)) ?? [])
      for (const marker of markers) edges.push({ from, to, ...(marker ? { marker } : {}) });
  };
  tables.forEach((p, i) => {
    const deps = p['dependencies'];
    if (deps && typeof deps === 'object') for (const [name, v] of Object.entries(deps as TomlTable)) link(i, name, depMarkers(v));
  });
  const direct = readDirectDependencies(ctx);
  if (direct) for (const [name, markers] of direct) link(ROOT, name, markers);
  return reachMarkers(ROOT + 1, edges, rootsOf(ROOT + 1, edges, [ROOT])).slice(0, ROOT);
}

/** The project's direct dependencies from pyproject.toml ([tool.poetry…] and PEP 621 [project]). */
function readDirectDependencies(ctx: LockParseContext): Map<string, (string | undefined)[]> | undefined {
  const file = ctx.readRelated?.('pyproject.toml');
  if (!file) return undefined;
  let doc: TomlTable;
  try {
    doc = readToml(file.text, 'pyproject.toml');
  } catch {
    return undefined; // a broken pyproject.toml only costs the roots; the lock itself is still read
  }
  const out = new Map<string, (string | undefined)[]>();
  const add = (name: string, markers: (string | undefined)[]) => {
    if (name.toLowerCase() !== 'python') out.set(name, [...(out.get(name) ?? []), ...markers]);
  };
  const poetry = ((doc['tool'] as TomlTable | undefined)?.['poetry'] ?? {}) as TomlTable;
  const tablesOfDeps: unknown[] = [poetry['dependencies'], poetry['dev-dependencies']];
  for (const g of Object.values((poetry['group'] ?? {}) as TomlTable)) tablesOfDeps.push((g as TomlTable | undefined)?.['dependencies']);
  for (const t of tablesOfDeps) {
    if (t && typeof t === 'object') for (const [name, v] of Object.entries(t as TomlTable)) add(name, depMarkers(v));
  }
  const project = (doc['project'] ?? {}) as TomlTable;
  // PEP 621 extras install only when asked for: `extra == "name"` stays unknown to the check.
  const pep621: [unknown, string | undefined][] = [[project['dependencies'], undefined]];
  for (const [extra, list] of Object.entries((project['optional-dependencies'] ?? {}) as TomlTable))
    pep621.push([list, `extra == "${extra}"`]);
  for (const [list, extraMarker] of pep621) {
    if (!Array.isArray(list)) continue;
    for (const line of list) {
      const req = typeof line === 'string' ? parseRequirement(line) : undefined;
      if (req && typeof req !== 'string') {
        const m = [req.marker, extraMarker].filter((x): x is string => x !== undefined);
        add(req.name, [m.length === 2 ? `(${m[0]}) and (${m[1]})` : m[0]]);
      }
    }
  }
  return out;
}
