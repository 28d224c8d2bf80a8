// conda environment files (https://docs.conda.io/projects/conda/en/latest/user-guide/tasks/manage-environments.html#create-env-file-manually),
// as `conda env export` writes them:
//   dependencies:
//     - numpy=1.26.4=py311h64a7726_0      name=version=build: exact
//     - python=3.11                       name=version: conda's fuzzy "3.11.*"
//     - conda-forge::pandas>=2            channel::name spec
//     - pip:
//         - pygame==2.5.2                 a pip requirement line
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { LockedPackage } from '../../shared/lockfile.js';
import { normalizeName } from '../../shared/lockfile.js';
import { parseRequirements } from './requirements.js';
import type { LockParseContext, LockProblem, ParsedLock } from '../../shared/lockfile.js';
import { LockParseError } from '../../shared/lockfile.js';
import { pushAll } from '../../../core/arrays.js';

/** A conda MatchSpec as environment files write it; the full grammar (brackets, build globs) is not needed here. */
export function parseCondaSpec(spec: string): Omit<LockedPackage, 'ecosystem'> | string {
  let s = spec.trim();
  const channel = /^([^:\s]+)::/.exec(s);
  if (channel) s = s.slice(channel[0].length);
  // name=version=build (export) or "name version build" (conda list style)
  const eq = /^([A-Za-z0-9_][A-Za-z0-9._-]*)\s*(?:=(?!=)|\s)\s*([^=\s<>!~,|]+)(?:(?:=|\s)\s*(\S+))?$/.exec(s);
  if (eq && !eq[2]!.startsWith('=')) {
    const [, name, version, build] = eq;
    if (build !== undefined) return { name: name!, version: version!, build };
    // `python=3.11` means 3.11.* to conda; a complete export pin (1.26.4) is matched by it too.
    return { name: name!, specifier: version!.includes('*') ? `==${version}` : `==${version}.*` };
  }
  const range = /^([A-Za-z0-9_][A-Za-z0-9._-]*)\s*((?:==|>=|<=|!=|>|<|~=)\s*[^\s]+(?:\s*,\s*(?:==|>=|<=|!=|>|<)\s*[^\s,]+)*)?$/.exec(s);
  if (range) {
    const [, name, spec2] = range;
    const compact = (spec2 ?? '').replace(/\s+/g, '');
    const exact = /^==([^,*]+)$/.exec(compact);
    return { name: name!, ...(exact ? { version: exact[1]! } : compact ? { specifier: compact } : {}) };
  }
  return `cannot read the conda spec "${spec}"`;
}

export function parseCondaEnv(text: string, ctx: LockParseContext): ParsedLock {
  const pipMeta: Record<string, string> = {};
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line;
    throw new LockParseError(`not valid YAML for an environment file: ${e.message.split('\n')[0]} (line ${line})`);
  }
  const root = doc.contents;
  if (!isMap(root)) throw new LockParseError('the top level is not a mapping: not a conda environment file');
  const deps = root.get('dependencies', true) as Node | undefined;
  const packages: LockedPackage[] = [];
  const problems: LockProblem[] = [];
  const lineOf = (n: Node) => lineCounter.linePos(n.range?.[0] ?? 0).line;
  if (deps === undefined) return { packages, problems };
  if (!isSeq(deps)) throw new LockParseError('"dependencies" is not a list');
  for (const item of deps.items as Node[]) {
    if (isScalar(item)) {
      const parsed = parseCondaSpec(String(item.value));
      if (typeof parsed === 'string') problems.push({ line: lineOf(item), message: parsed });
      else packages.push({ ...parsed, name: normalizeName('conda', parsed.name), ecosystem: 'conda' });
    } else if (isMap(item) && item.has('pip')) {
      const pip = item.get('pip', true) as Node | undefined;
      if (!isSeq(pip)) {
        problems.push({ line: lineOf(item), message: '"pip:" is not a list' });
        continue;
      }
      for (const p of pip.items as Node[]) {
        const line = lineOf(p);
        if (!isScalar(p)) {
          problems.push({ line, message: 'a pip entry that is not a string' });
          continue;
        }
        const entry = String(p.value).trim();
        // conda hands the whole pip: list to pip as a requirements file: read each entry as one
        // requirements line (options, URLs, markers), with includes beside this file.
        const sub = parseRequirements(entry, ctx);
        pushAll(packages, sub.packages);
        for (const pr of sub.problems) problems.push({ line, message: pr.message });
        Object.assign(pipMeta, sub.meta ?? {});
      }
    } else {
      problems.push({ line: lineOf(item), message: 'a dependency that is neither a spec nor a pip: list' });
    }
  }
  const meta: Record<string, string> = { ...pipMeta };
  const name = root.get('name');
  if (typeof name === 'string') meta['name'] = name;
  // The channels, in priority order: where conda looks first decides which build it installs.
  const channels = root.get('channels');
  if (isSeq(channels)) {
    const list = channels.items.map((c) => (isScalar(c) ? String(c.value).trim() : '')).filter(Boolean);
    if (list.length) meta['channels'] = list.join(' ');
  }
  return { packages, problems, meta };
}
