// conda-lock.yml, the unified multi-platform lock (https://conda.github.io/conda-lock/output/#unified-lockfile):
//   metadata: { platforms: [linux-64, osx-64, win-64], … }
//   package:
//   - name: zlib
//     version: 1.2.11
//     manager: conda          (or pip)
//     platform: linux-64
//     url: https://conda.anaconda.org/conda-forge/linux-64/zlib-1.2.11-h36c2ea0_1013.tar.bz2
import { isMap, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import type { LockedPackage } from '../../shared/lockfile.js';
import { condaDistFromUrl } from './conda-explicit.js';
import { normalizeName } from '../../shared/lockfile.js';
import type { LockParseContext, LockProblem, ParsedLock } from '../../shared/lockfile.js';
import { LockParseError } from '../../shared/lockfile.js';

export function parseCondaLock(text: string, _ctx: LockParseContext): ParsedLock {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new LockParseError(`not valid YAML for conda-lock.yml: ${e.message.split('\n')[0]} (line ${lineCounter.linePos(e.pos[0]).line})`);
  }
  const root = doc.contents;
  if (!isMap(root) || !root.has('package')) throw new LockParseError('no "package" list: not a conda-lock.yml');
  const list = root.get('package', true) as Node;
  if (!isSeq(list)) throw new LockParseError('"package" is not a list');
  const packages: LockedPackage[] = [];
  const problems: LockProblem[] = [];
  for (const item of list.items as Node[]) {
    const line = lineCounter.linePos(item.range?.[0] ?? 0).line;
    if (!isMap(item)) {
      problems.push({ line, message: 'a package entry that is not a mapping' });
      continue;
    }
    const get = (k: string) => {
      const v = item.get(k);
      return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
    };
    const name = get('name');
    const version = get('version');
    if (!name || !version) {
      problems.push({ line, message: `package entry without ${name ? 'version' : 'name'}` });
      continue;
    }
    const ecosystem = get('manager') === 'pip' ? 'pypi' : 'conda';
    const url = get('url');
    const build = ecosystem === 'conda' && url ? condaDistFromUrl(url)?.build : undefined;
    const platform = get('platform');
    const category = get('category');
    packages.push({
      name: normalizeName(ecosystem, name),
      version,
      ecosystem,
      ...(build ? { build } : {}),
      ...(platform ? { platform } : {}),
      ...(category && category !== 'main' ? { group: category } : {}),
    });
  }
  const meta: Record<string, string> = {};
  const metadata = root.get('metadata') as YAMLMap | undefined;
  const platforms = metadata?.get?.('platforms');
  if (isSeq(platforms)) meta['platforms'] = platforms.items.map((p) => String((p as { value?: unknown }).value ?? p)).join(' ');
  // metadata.channels: `- url: conda-forge` (lock version 1), or plain names in older locks.
  const channels = metadata?.get?.('channels');
  if (isSeq(channels)) {
    const list = channels.items
      .map((c) => (isMap(c) ? c.get('url') : (c as { value?: unknown }).value))
      .filter((c): c is string => typeof c === 'string' && c.trim() !== '');
    if (list.length) meta['channels'] = list.join(' ');
  }
  const v = root.get('version');
  if (v !== undefined) meta['lockVersion'] = String(v);
  return { packages, problems, meta };
}
