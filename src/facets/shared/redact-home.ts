// User names stay out of fingerprints: the target's $HOME becomes `~` wherever a
// path starts with it — a plain path, each element of a PATH-like list, a file:// URL.

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces the home directory with `~` where it starts a path; other text is left alone. */
export function redactHome(value: string, home: string | undefined): string {
  if (!home) return value;
  const h = home.replace(/\/+$/, '');
  // "/" or "" as home would turn every absolute path into "~…": not a user directory.
  if (h === '' || !h.startsWith('/')) return value;
  const re = new RegExp(`(^|[:;=\\s]|file://)${escapeRegExp(h)}(?=/|:|;|\\s|$)`, 'g');
  return value.replace(re, '$1~');
}

/** Redacts an optional value, keeping null/undefined as they are. */
export function redactHomeOpt<T extends string | null | undefined>(value: T, home: string | undefined): T {
  return (typeof value === 'string' ? redactHome(value, home) : value) as T;
}
