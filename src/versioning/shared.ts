// Helpers every scheme shares: a bounded parse cache, release-number grading, and a parser for
// the plain comparator ranges that R, dpkg, rpm and driver versions use (">= 1.2", "<< 2.0").

/**
 * Memoize a parser. A package comparison asks for the same version string several times
 * (compare, diff, release); the cap keeps a long-running process from growing without bound.
 */
export function cachedParser<T>(parse: (version: string) => T, max = 8192): (version: string) => T {
  const cache = new Map<string, T>();
  return (version: string): T => {
    const hit = cache.get(version);
    if (hit !== undefined || cache.has(version)) return hit as T;
    const value = parse(version);
    if (cache.size >= max) cache.clear();
    cache.set(version, value);
    return value;
  };
}

/** -1, 0 or 1, so that every scheme returns the same three values. */
export function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Numeric components compared with missing ones read as 0 (`1.0` = `1.0.0`, as R and PEP 440 do). */
export function compareNumbers(a: readonly number[], b: readonly number[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return sign(d);
  }
  return 0;
}

/** Which release component moved: index 0 major, 1 minor, anything later patch; null when none did. */
export function gradeRelease(a: readonly number[], b: readonly number[]): 'major' | 'minor' | 'patch' | null {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return i === 0 ? 'major' : i === 1 ? 'minor' : 'patch';
  }
  return null;
}

/** The leading dotted numbers of a string: `2.36~rc1` → [2, 36], `v1.4` → [1, 4], `abc` → null. */
export function leadingNumbers(text: string): number[] | null {
  const m = /^v?(\d+(?:\.\d+)*)/.exec(text);
  if (!m?.[1]) return null;
  return m[1].split('.').map(Number);
}

export interface Comparator {
  op: string;
  version: string;
}

/**
 * Split a range such as `>= 1.2.0`, `(>= 1.2)`, `>=1.2, <2` or `>> 1.0 << 2.0` into comparators.
 * A bare version means equality. Returns null when the text is not a list of comparators.
 */
export function parseComparators(range: string, ops: readonly string[]): Comparator[] | null {
  let text = range.trim();
  if (text.startsWith('(') && text.endsWith(')')) text = text.slice(1, -1).trim();
  if (text === '') return null;
  // Longest operators first so that `>=` is not read as `>` followed by `=1.2`.
  const sorted = [...ops].sort((x, y) => y.length - x.length);
  const out: Comparator[] = [];
  let rest = text;
  while (rest !== '') {
    rest = rest.replace(/^[\s,]+/, '');
    if (rest === '') break;
    const op = sorted.find((o) => rest.startsWith(o)) ?? '';
    rest = rest.slice(op.length).trimStart();
    const m = /^[^\s,()<>=!]+/.exec(rest);
    if (!m) return null;
    out.push({ op, version: m[0] });
    rest = rest.slice(m[0].length);
  }
  return out.length > 0 ? out : null;
}

/** Apply comparators with a scheme's compare; `relations` maps each operator to the signs it accepts. */
export function matchComparators(
  version: string,
  comparators: readonly Comparator[],
  relations: Readonly<Record<string, readonly number[]>>,
  compare: (a: string, b: string) => number,
): boolean | undefined {
  for (const c of comparators) {
    const accepted = relations[c.op];
    if (!accepted) return undefined;
    if (!accepted.includes(compare(version, c.version))) return false;
  }
  return true;
}

/** The operators most ecosystems share; a bare version means equality. */
export const PLAIN_RELATIONS: Readonly<Record<string, readonly number[]>> = {
  '': [0],
  '=': [0],
  '==': [0],
  '!=': [-1, 1],
  '<': [-1],
  '<=': [-1, 0],
  '>': [1],
  '>=': [0, 1],
};
