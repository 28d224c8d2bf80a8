// Where a locked package applies, from the dependency edges that reach it. poetry.lock before 2.1
// and uv.lock write a marker on the edge (`pywin32 = {version = "227", markers = "sys_platform ==
// \"win32\""}` in docker's dependencies), not on pywin32 itself: without following the edges every
// Windows-only package would be reported as missing on Linux.
// A package applies where some path from a root reaches it: the OR over incoming edges of
// (parent's marker AND edge marker). Cycles and diamonds are handled by iterating to a fixpoint;
// past MAX_ALTERNATIVES distinct paths the package is taken to apply everywhere, which errs toward
// reporting it rather than hiding it.

export interface MarkerEdge {
  from: number;
  to: number;
  marker?: string;
}

const MAX_ALTERNATIVES = 8;
const ALWAYS = 'always' as const;
/** A path's condition: the edge markers along it, all of which must hold (a set: a cycle adds nothing). */
type Path = ReadonlySet<string>;
type State = Path[] | typeof ALWAYS | undefined;

const covers = (q: Path, p: Path) => [...q].every((m) => p.has(m)); // q ⊆ p: wherever p holds, q does

/** Adds a path unless a weaker one is there already; drops the ones it makes redundant. */
function addPath(paths: Path[], p: Path): boolean {
  if (paths.some((q) => covers(q, p))) return false;
  for (let i = paths.length - 1; i >= 0; i--) if (covers(p, paths[i]!)) paths.splice(i, 1);
  paths.push(p);
  return true;
}

function render(p: Path): string {
  const list = [...p];
  return list.length === 1 ? list[0]! : list.map((m) => `(${m})`).join(' and ');
}

/**
 * For each of `count` nodes: undefined when it applies everywhere (or is not reached from a root,
 * so nothing is known), else the marker under which it is installed.
 */
export function reachMarkers(count: number, edges: readonly MarkerEdge[], roots: ReadonlySet<number>): (string | undefined)[] {
  const state: State[] = Array.from({ length: count }, (_, i) => (roots.has(i) ? ALWAYS : undefined));
  // Each round only adds or weakens paths, and a path is a subset of the finite edge markers: it ends.
  for (let changed = true; changed;) {
    changed = false;
    for (const e of edges) {
      const from = state[e.from];
      if (from === undefined || state[e.to] === ALWAYS) continue;
      if (from === ALWAYS && !e.marker) {
        state[e.to] = ALWAYS;
        changed = true;
        continue;
      }
      const incoming: Path[] = from === ALWAYS ? [new Set([e.marker!])] : from.map((p) => (e.marker ? new Set([...p, e.marker]) : p));
      const to = (state[e.to] as Path[] | undefined) ?? [];
      for (const p of incoming) if (addPath(to, p)) changed = true;
      state[e.to] = to.length > MAX_ALTERNATIVES ? ALWAYS : to;
    }
  }
  return state.map((s) => {
    if (s === undefined || s === ALWAYS || s.length === 0) return undefined;
    return s.length === 1 ? render(s[0]!) : s.map((p) => `(${render(p)})`).join(' or ');
  });
}

/** Roots: the given ones, and every node no edge reaches (a direct dependency the lock does not mark as such). */
export function rootsOf(count: number, edges: readonly MarkerEdge[], given: Iterable<number> = []): Set<number> {
  const reached = new Set(edges.filter((e) => e.from !== e.to).map((e) => e.to));
  const roots = new Set(given);
  for (let i = 0; i < count; i++) if (!reached.has(i)) roots.add(i);
  return roots;
}
