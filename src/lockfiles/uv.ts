// uv.lock (https://docs.astral.sh/uv/concepts/projects/sync/#the-lockfile):
//   version = 1
//   requires-python = ">=3.12.0"
//   [[package]]
//   name = "anyio"
//   version = "4.8.0"
//   source = { registry = "https://pypi.org/simple" }
// A forked resolution (conflicting extras, per-platform splits) locks one name at several
// versions; each is kept, and the check accepts any of them. The project itself, with a
// `virtual` source, is not installed as a distribution and is left out.
import type { LockedPackage } from '../core/types.js';
import { normalizePypiName } from './names.js';
import { asTables, packageHeaderLines, readToml, str } from './toml-lock.js';
import type { LockParseContext, LockProblem, ParsedLock } from './types.js';
import { LockParseError } from './types.js';

export function parseUvLock(text: string, _ctx: LockParseContext): ParsedLock {
  const doc = readToml(text, 'uv.lock');
  if (doc['version'] === undefined && !Array.isArray(doc['package'])) {
    throw new LockParseError('no `version` and no [[package]]: not a uv.lock');
  }
  const headers = packageHeaderLines(text);
  const packages: LockedPackage[] = [];
  const problems: LockProblem[] = [];
  asTables(doc['package']).forEach((p, i) => {
    const name = str(p['name']);
    const source = (p['source'] ?? {}) as Record<string, unknown>;
    if (!name) {
      problems.push({ line: headers[i] ?? 1, message: `[[package]] #${i + 1} has no name` });
      return;
    }
    if (source['virtual'] !== undefined) return;
    const version = str(p['version']);
    const where =
      str(source['git']) ?? str(source['url']) ?? str(source['path']) ?? str(source['directory']) ?? str(source['editable']);
    if (!version && !where) {
      problems.push({ line: headers[i] ?? 1, message: `${name} has neither a version nor a source` });
      return;
    }
    packages.push({
      name: normalizePypiName(name),
      ...(version ? { version } : {}),
      ecosystem: 'pypi',
      ...(source['editable'] !== undefined ? { group: 'editable' } : {}),
      ...(where && source['registry'] === undefined ? { source: where } : {}),
    });
  });
  const meta: Record<string, string> = {};
  if (doc['version'] !== undefined) meta['lockVersion'] = String(doc['version']);
  const py = str(doc['requires-python']);
  if (py) meta['requiresPython'] = py;
  return { packages, problems, meta };
}
