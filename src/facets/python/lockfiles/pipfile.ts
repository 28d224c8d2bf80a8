// Pipfile.lock (https://pipenv.pypa.io/en/latest/pipfile.html), JSON:
//   "default": { "requests": { "hashes": […], "index": "pypi", "version": "==2.31.0" } },
//   "develop": { "pytest": { …, "version": "==3.2.2" } }
// VCS and path entries carry "git"/"path" instead of "version".
import type { LockedPackage } from '../../shared/lockfile.js';
import { normalizePypiName } from '../../../core/names.js';
import { exactPin } from './pep508.js';
import type { LockParseContext, LockProblem, ParsedLock } from '../../shared/lockfile.js';
import { LockParseError, lineAt } from '../../shared/lockfile.js';
import { jsonErrorWithoutInput } from '../../../core/text.js';

export function parsePipfileLock(text: string, _ctx: LockParseContext): ParsedLock {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new LockParseError(`not valid JSON for Pipfile.lock: ${jsonErrorWithoutInput((err as Error).message)}`);
  }
  if (!doc || typeof doc !== 'object' || (!('default' in doc) && !('_meta' in doc))) {
    throw new LockParseError('no "default" or "_meta": not a Pipfile.lock');
  }
  const packages: LockedPackage[] = [];
  const problems: LockProblem[] = [];
  for (const section of ['default', 'develop'] as const) {
    const entries = (doc[section] ?? {}) as Record<string, Record<string, unknown>>;
    for (const [rawName, e] of Object.entries(entries)) {
      const line = lineAt(text, Math.max(0, text.indexOf(`"${rawName}": {`)));
      const version = typeof e?.['version'] === 'string' ? e['version'] : undefined;
      const where = ['git', 'hg', 'svn', 'bzr', 'path', 'file'].map((k) => e?.[k]).find((v): v is string => typeof v === 'string');
      if (!version && !where) {
        problems.push({ line, message: `${rawName} has neither "version" nor a VCS/path source` });
        continue;
      }
      const pin = version ? exactPin(version.replace(/\s+/g, '')) : undefined;
      const marker = typeof e['markers'] === 'string' ? e['markers'] : undefined;
      packages.push({
        name: normalizePypiName(rawName),
        ...(pin ? { version: pin } : version && version !== '*' ? { specifier: version.replace(/\s+/g, '') } : {}),
        ecosystem: 'pypi',
        ...(section === 'develop' ? { group: 'develop' } : {}),
        ...(marker ? { marker } : {}),
        ...(where ? { source: where } : {}),
      });
    }
  }
  const meta: Record<string, string> = {};
  const requires = ((doc['_meta'] as Record<string, unknown> | undefined)?.['requires'] ?? {}) as Record<string, unknown>;
  const py = requires['python_full_version'] ?? requires['python_version'];
  if (typeof py === 'string') meta['requiresPython'] = py;
  return { packages, problems, meta };
}
