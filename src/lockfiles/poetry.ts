// poetry.lock, lock formats 1.x and 2.x (https://python-poetry.org/docs/basic-usage/#installing-with-poetrylock).
// 1.x (Poetry < 1.5):             2.x (Poetry ≥ 1.5; 2.1 adds groups/markers per package):
//   [[package]]                      [[package]]
//   category = "main"                name = "certifi"
//   name = "certifi"                 version = "2020.12.5"
//   version = "2020.6.20"            files = [ {file = "…", hash = "sha256:…"} ]
//   [metadata.files] certifi = […]   [metadata] lock-version = "2.0"
import type { LockedPackage } from '../core/types.js';
import { normalizePypiName } from './names.js';
import { asTables, packageHeaderLines, readToml, str } from './toml-lock.js';
import type { LockParseContext, LockProblem, ParsedLock } from './types.js';
import { LockParseError } from './types.js';

export function parsePoetryLock(text: string, _ctx: LockParseContext): ParsedLock {
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
  asTables(doc['package']).forEach((p, i) => {
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
    const marker = str(p['markers']) ?? str(p['marker']);
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
