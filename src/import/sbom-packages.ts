// What an SBOM says about an environment, read from package URLs (purl.ts): the purl types envdiff
// has a facet for, with each type's rules from the purl specification's "Known purl types"
// (https://github.com/package-url/purl-spec/blob/master/PURL-TYPES.rst):
//   pypi   → python.packages     name lowercased, `_` → `-` (PEP 503)
//   conda  → python.conda        qualifiers build, channel, subdir
//   deb    → system (dpkg)       qualifiers arch, epoch (dpkg writes `1:2.3-4`)
//   rpm    → system (rpm)        qualifiers arch, epoch (rpm's EVR `1:1.0.2k-16.el7`)
//   apk    → system (apk)        qualifier arch
//   cran   → r.packages          repository CRAN
// Other types (npm, maven, gem, golang, …) are counted in meta.skipped and otherwise left out.
import type { OsFacet } from '../facets/os/types.js';
import type { CondaPackage, PythonPackage } from '../facets/python/types.js';
import type { RPackage } from '../facets/r/types.js';
import type { SystemFacet, SystemPackage } from '../facets/system/types.js';
import { normalizePypiName } from '../core/names.js';
import { parsePurl } from './purl.js';
import { byName } from './text.js';
import type { ImportedFacets, ImportProblem } from './types.js';

export interface SbomItem {
  purl?: string;
  /** Where the item was found, for problems ("components[3]"). */
  where: string;
}

const MANAGERS = { deb: 'dpkg', rpm: 'rpm', apk: 'apk' } as const;

/** Several versions of one package (an image with two environments, a vendored copy): keep the highest, say so. */
function keepHighest<T extends { version: string }>(
  map: Map<string, T>,
  key: string,
  next: T,
  label: string,
  problems: ImportProblem[],
): void {
  const prev = map.get(key);
  if (!prev || prev.version === next.version) {
    map.set(key, next);
    return;
  }
  const [low, high] = [prev, next].sort((a, b) => a.version.localeCompare(b.version, 'en', { numeric: true }));
  problems.push({ message: `${label} is listed with versions ${low!.version} and ${high!.version}: kept ${high!.version}` });
  map.set(key, high!);
}

export function facetsFromPurls(items: SbomItem[], problems: ImportProblem[], meta: Record<string, string>): ImportedFacets {
  const pip = new Map<string, PythonPackage>();
  const conda = new Map<string, CondaPackage>();
  const r = new Map<string, RPackage>();
  const system = new Map<'dpkg' | 'rpm' | 'apk', Map<string, SystemPackage>>();
  const skipped = new Map<string, number>();
  for (const item of items) {
    if (!item.purl) continue;
    const p = parsePurl(item.purl);
    if (!p) {
      problems.push({ message: `${item.where}: not a package URL: "${item.purl.slice(0, 120)}"` });
      continue;
    }
    if (!p.version) {
      problems.push({ message: `${item.where}: ${p.type} package ${p.name} has no version` });
      continue;
    }
    if (p.type === 'pypi') {
      const name = normalizePypiName(p.name);
      keepHighest(pip, name, { name, version: p.version }, `pypi package ${name}`, problems);
    } else if (p.type === 'conda') {
      const name = p.name.toLowerCase();
      const q = p.qualifiers;
      conda.set(`${name}@${p.version}@${q['build'] ?? ''}`, {
        name,
        version: p.version,
        ...(q['build'] ? { build: q['build'] } : {}),
        ...(q['channel'] ? { channel: q['channel'] } : {}),
      });
    } else if (p.type === 'cran') {
      keepHighest(r, p.name, { name: p.name, version: p.version, repository: 'CRAN' }, `cran package ${p.name}`, problems);
    } else if (p.type === 'deb' || p.type === 'rpm' || p.type === 'apk') {
      const manager = MANAGERS[p.type];
      const epoch = p.qualifiers['epoch'];
      const version = epoch && epoch !== '0' ? `${epoch}:${p.version}` : p.version;
      const arch = p.qualifiers['arch'];
      const set = system.get(manager) ?? new Map<string, SystemPackage>();
      keepHighest(
        set,
        `${p.name}:${arch ?? ''}`,
        { name: p.name, version, ...(arch ? { arch } : {}) },
        `${p.type} package ${p.name}`,
        problems,
      );
      system.set(manager, set);
    } else {
      skipped.set(p.type, (skipped.get(p.type) ?? 0) + 1);
    }
  }
  const facets: ImportedFacets = {};
  if (pip.size || conda.size) {
    facets.python = {
      status: 'ok',
      ...(pip.size ? { packages: [...pip.values()].sort(byName) } : {}),
      ...(conda.size ? { conda: { prefix: '', packages: [...conda.values()].sort(byName) } } : {}),
    };
  }
  if (r.size) facets.r = { status: 'ok', packages: [...r.values()].sort(byName) };
  if (system.size) {
    // One machine has one package manager; an SBOM of several layers may list more.
    const [manager, pkgs] = [...system.entries()].sort((a, b) => b[1].size - a[1].size)[0]!;
    for (const [other, set] of system) {
      if (other !== manager)
        problems.push({ message: `${set.size} ${other} packages left out: the system facet holds one package manager (${manager})` });
    }
    const facet: SystemFacet = {
      status: 'ok',
      manager,
      packages: [...pkgs.values()].sort((a, b) => byName(a, b) || (a.arch ?? '').localeCompare(b.arch ?? '')),
    };
    facets.system = facet;
  }
  if (skipped.size)
    meta['skipped'] = [...skipped.entries()]
      .sort()
      .map(([t, n]) => `${n} ${t}`)
      .join(', ');
  return facets;
}

/** An SBOM's operating-system entry (`debian` `12.5`) as the os facet. */
export function osFromSbom(name: string | undefined, version: string | undefined): OsFacet | undefined {
  if (!name) return undefined;
  const id = name.trim().toLowerCase();
  const os: OsFacet = { status: 'ok', distro: { id, ...(version ? { versionId: version } : {}), idLike: [] } };
  if (id === 'windows') os.name = 'windows';
  else if (id === 'macos' || id === 'darwin') os.name = 'darwin';
  else os.name = 'linux';
  return os;
}
