// Java and Scala version facts the rules, the lock file check and the Dockerfile part share.

/** `1.8.0_392` → 8 (the pre-JEP 223 scheme), `17.0.9` → 17, `21` → 21. */
export function javaMajor(version: string): number | undefined {
  const m = /^(\d+)(?:\.(\d+))?/.exec(version.trim());
  if (m === null) return undefined;
  const first = Number(m[1]);
  return first === 1 && m[2] !== undefined ? Number(m[2]) : first;
}

/** javaMajor as an image tag or package name part: "17.0.9" → "17", "1.8.0_392" → "8". */
export function javaMajorOf(version: string): string | undefined {
  const major = javaMajor(version);
  return major === undefined ? undefined : String(major);
}

// Scala's binary version is read by lock file rules too: it lives with the declared runtimes.
export { scalaBinaryVersion } from '../shared/declared-runtimes.js';
