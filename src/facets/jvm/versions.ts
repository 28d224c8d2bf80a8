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

/**
 * Scala 2 keeps binary compatibility within 2.x (2.12, 2.13), Scala 3 within 3.x: `2.12.10` →
 * 2.12, `3.3.1` → 3. Artifacts carry it as a suffix (`spark-core_2.12`, `_3`).
 */
export function scalaBinaryVersion(version: string): string {
  const parts = version.trim().split('.');
  return parts[0] === '3' ? '3' : parts.slice(0, 2).join('.');
}
