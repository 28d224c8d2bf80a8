// pdm.lock (https://pdm-project.org/latest/usage/lockfile/):
//   [metadata]  groups = ["default", "security", "tests"]  lock_version = "4.5.0"
//   [[package]] name = "chardet"  version = "3.0.4"  groups = ["default"]  marker = "os_name == \"nt\""
import type { LockedPackage } from '../../shared/lockfile.js';
import { normalizePypiName } from '../../../core/names.js';
import { asTables, packageHeaderLines, readToml, str } from './toml-lock.js';
import type { LockParseContext, LockProblem, ParsedLock } from '../../shared/lockfile.js';
import { LockParseError } from '../../shared/lockfile.js';

export function parsePdmLock(text: string, _ctx: LockParseContext): ParsedLock {
  const doc = readToml(text, 'pdm.lock');
  const metadata = (doc['metadata'] ?? {}) as Record<string, unknown>;
  if (metadata['lock_version'] === undefined && !Array.isArray(doc['package'])) {
    throw new LockParseError('no [metadata] lock_version and no [[package]]: not a pdm.lock');
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
    const groups = Array.isArray(p['groups']) ? (p['groups'] as unknown[]).map(String) : [];
    const marker = str(p['marker']);
    const where = str(p['git']) ?? str(p['url']) ?? str(p['path']);
    packages.push({
      name: normalizePypiName(name),
      version,
      ecosystem: 'pypi',
      ...(groups.length && !groups.includes('default') ? { group: groups.join(',') } : {}),
      ...(marker ? { marker } : {}),
      ...(where ? { source: where } : {}),
    });
  });
  const meta: Record<string, string> = {};
  const lv = str(metadata['lock_version']);
  if (lv) meta['lockVersion'] = lv;
  const targets = asTables(metadata['targets']);
  const py = str(targets[0]?.['requires_python']) ?? str(metadata['requires_python']);
  if (py) meta['requiresPython'] = py;
  return { packages, problems, meta };
}
