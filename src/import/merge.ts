// Several reports about one environment make one set of facets (`envdiff import collect_env.txt
// freeze.txt`): what one report says and the other does not is taken as said; what both say must
// agree. A disagreement is not resolved by guessing which report is newer: it is returned, and the
// caller refuses the import with one line naming both files and the fact.
import { byCodeUnit } from '../core/text.js';
import type { ImportedFacets } from './types.js';

export interface NamedFacets {
  /** The file as the user named it, for messages. */
  file: string;
  facets: ImportedFacets;
}

export interface MergeConflict {
  facet: string;
  /** Where in the facet, e.g. `version`, `packages/numpy/version`. */
  path: string;
  first: { file: string; value: unknown };
  second: { file: string; value: unknown };
}

export type MergeOutcome = { facets: ImportedFacets } | { conflict: MergeConflict };

type Json = unknown;
type Obj = Record<string, Json>;

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The key that identifies an element of a list both reports may give: packages by name, GPUs by index. */
function elementKey(v: Json): string | undefined {
  if (!isObj(v)) return undefined;
  if (typeof v['name'] === 'string' && !('index' in v)) return `name:${v['name']}`;
  if (typeof v['index'] === 'number') return `index:${v['index']}`;
  return undefined;
}

class Conflict extends Error {
  constructor(
    readonly path: string,
    readonly a: Json,
    readonly b: Json,
  ) {
    super(path);
  }
}

function mergeValue(a: Json, b: Json, path: string): Json {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (isObj(a) && isObj(b)) {
    const out: Obj = {};
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      out[key] = mergeValue(a[key], b[key], path ? `${path}/${key}` : key);
    }
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const all: Json[] = [...(a as Json[]), ...(b as Json[])];
    const keyed = all.every((x) => elementKey(x) !== undefined);
    if (!keyed) {
      if (JSON.stringify(a) !== JSON.stringify(b)) throw new Conflict(path, a, b);
      return a;
    }
    const byKey = new Map<string, Json>();
    for (const x of a as Json[]) byKey.set(elementKey(x)!, x);
    for (const x of b as Json[]) {
      const k = elementKey(x)!;
      const label = k.slice(k.indexOf(':') + 1);
      byKey.set(k, byKey.has(k) ? mergeValue(byKey.get(k), x, `${path}/${label}`) : x);
    }
    // Packages stay sorted by name and GPUs by index, as a capture writes them.
    return [...byKey.entries()]
      .sort(([x], [y]) => (x.startsWith('index:') && y.startsWith('index:') ? Number(x.slice(6)) - Number(y.slice(6)) : byCodeUnit(x, y)))
      .map(([, v]) => v);
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Conflict(path, a, b);
  return a;
}

/** Merges the facets of several reports, in the order given; lists keep the first report's order, then the new elements. */
export function mergeImportedFacets(reports: readonly NamedFacets[]): MergeOutcome {
  const merged: Record<string, Json> = {};
  const from: Record<string, string> = {};
  for (const r of reports) {
    for (const [id, facet] of Object.entries(r.facets as Record<string, Json>)) {
      if (facet === undefined) continue;
      if (!(id in merged)) {
        merged[id] = facet;
        from[id] = r.file;
        continue;
      }
      try {
        merged[id] = mergeValue(merged[id], facet, '');
      } catch (e) {
        if (!(e instanceof Conflict)) throw e;
        return {
          conflict: {
            facet: id,
            path: e.path,
            first: { file: from[id]!, value: e.a },
            second: { file: r.file, value: e.b },
          },
        };
      }
    }
  }
  return { facets: merged };
}
