// Parses the system probe (probes/system.sh): one sub-section per package manager.
// Real samples:
//   ### dpkg   (envdiff dev machine, Debian 12)
//   adduser	3.134	all	ii 	important
//   alsa-ucm-conf	1.2.8-1	all	ii 	optional
//   ### apt-auto
//   Package: dpkg
//   Architecture: amd64
//   Auto-Installed: 1
//   ### rpm    (CBL-Mariner 2.0 container-manifest-2, from anchore/syft testdata)
//   glibc	2.35-2.cm2	1653816591	1653628955	Microsoft Corporation	(none)	10855265	x86_64	0	glibc-2.35-2.cm2.src.rpm
//   ### apk-installed   (/lib/apk/db/installed, from anchore/syft testdata)
//   P:musl
//   V:1.2.4_git20230717-r4
//   A:x86_64
//   ### apk-info   musl-1.2.4-r2          ### brew   openssl@3 3.1.1
import type { AptRelease, AptSource, SystemFacet, SystemPackage } from './types.js';
import { originOf, parseApkRepositories, parseAptLists, parseRpmRepos, parseAptReleases, parseAptSources } from './apt.js';
import { describeExit, splitSubsections, stderrTail, type ProbeSection } from '../../core/sections.js';
import type { ParseContext } from '../types.js';
import { byCodeUnit } from '../../core/text.js';

type Parsed =
  { manager: NonNullable<SystemFacet['manager']>; packages: SystemPackage[]; sources?: AptSource[]; releases?: AptRelease[] } | string;

/**
 * dpkg's db:Status-Abbrev is want/status/error flags. Kept: status i (installed), W and t
 * (installed, triggers awaited/pending). Dropped: c (config-files only: removed, `rc`), n, and the
 * broken half-states U/F/H, whose files may be incomplete — neither is "installed" for a rebuild.
 */
const DPKG_INSTALLED = new Set(['i', 'W', 't']);

function parseAptAuto(text: string | undefined): Set<string> {
  const auto = new Set<string>();
  if (!text) return auto;
  let name = '';
  let arch = '';
  const flush = (isAuto: boolean) => {
    if (name && isAuto) {
      auto.add(`${name}:${arch}`);
      auto.add(name);
    }
  };
  for (const line of text.split('\n')) {
    const m = /^(Package|Architecture|Auto-Installed):\s*(.*)$/.exec(line.trim());
    if (!m) continue;
    if (m[1] === 'Package') {
      name = m[2]!;
      arch = '';
    } else if (m[1] === 'Architecture') arch = m[2]!;
    else flush(m[2] === '1');
  }
  return auto;
}

function parseDpkg(text: string, aptAuto: string | undefined, subs: ReadonlyMap<string, string>): Parsed {
  const auto = parseAptAuto(aptAuto);
  // Where each installed version comes from, when the probe could read apt's lists (`### apt-lists`).
  const sources = subs.has('apt-sources') ? parseAptSources(subs.get('apt-sources')!) : undefined;
  const lists = sources && subs.has('apt-lists') ? parseAptLists(subs.get('apt-lists')!, sources) : undefined;
  const releases = sources ? parseAptReleases(subs.get('apt-releases') ?? '', sources) : undefined;
  // `1746775750 jq.list` / `1747758443 libc6:amd64.list`
  const times = new Map<string, number>();
  for (const line of (subs.get('dpkg-times') ?? '').split('\n')) {
    const m = /^(\d+) (\S+)\.list$/.exec(line.trim());
    if (m) times.set(m[2]!, Number(m[1]));
  }
  const originNames = new Map((releases ?? []).filter((r) => r.origin).map((r) => [`${r.uri} ${r.dist}`, r.origin!] as const));
  const hasAptData = aptAuto !== undefined;
  const packages: SystemPackage[] = [];
  let lines = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const f = line.split('\t');
    // Every line of the probe's -f format has its tab-separated fields: anything else is not
    // what dpkg-query prints, and a list with it is not the package list.
    if (f.length < 4) return `dpkg-query printed a line that is not a package record: "${line.slice(0, 80)}"`;
    lines++;
    const [name, version, arch, status, priority] = f as [string, string, string, string, string | undefined];
    if (!DPKG_INSTALLED.has(status.charAt(1)) || !name || !version) continue;
    const pkg: SystemPackage = { name, version, arch };
    // Without extended_states (no apt) nothing says what was asked for: leave `manual` unset.
    // apt records Architecture: all packages under the native architecture, hence the name-only key.
    if (hasAptData) pkg.manual = !(auto.has(`${name}:${arch}`) || (arch === 'all' && auto.has(name)));
    if (priority) pkg.priority = priority;
    if (lists) {
      pkg.origin = originOf(lists.get(name), version, originNames);
      const t = pkg.origin.kind === 'superseded' ? (times.get(`${name}:${arch}`) ?? times.get(name)) : undefined;
      if (t !== undefined) pkg.origin.installedAt = new Date(t * 1000).toISOString().replace(/\.000Z$/, 'Z');
    }
    packages.push(pkg);
  }
  if (lines === 0) return 'dpkg-query output not understood';
  return { manager: 'dpkg', packages, ...(sources ? { sources } : {}), ...(releases ? { releases } : {}) };
}

function parseRpm(text: string): Parsed {
  const packages: SystemPackage[] = [];
  let lines = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const f = line.split('\t');
    if (f.length < 8) return `rpm printed a line that is not a package record: "${line.slice(0, 80)}"`;
    lines++;
    const [name, vr] = f as [string, string];
    const epoch = f[5]!;
    const arch = f[7]!;
    if (!name || !vr) continue;
    // rpm's EVR: the epoch (when set) is part of the version that decides upgrades.
    const version = epoch && epoch !== '(none)' && epoch !== '0' ? `${epoch}:${vr}` : vr;
    packages.push({ name, version, arch: arch === '(none)' ? undefined : arch });
  }
  if (lines === 0) return 'rpm query output not understood';
  return { manager: 'rpm', packages: packages.map((p) => (p.arch === undefined ? { name: p.name, version: p.version } : p)) };
}

function parseApkDb(text: string): Parsed {
  const packages: SystemPackage[] = [];
  let cur: Partial<SystemPackage> = {};
  const flush = () => {
    if (cur.name && cur.version)
      packages.push(cur.arch ? { name: cur.name, version: cur.version, arch: cur.arch } : { name: cur.name, version: cur.version });
    cur = {};
  };
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      flush();
      continue;
    }
    const key = line.slice(0, 2);
    const value = line.slice(2).trim();
    if (key === 'P:') {
      if (cur.name) flush();
      cur.name = value;
    } else if (key === 'V:') cur.version = value;
    else if (key === 'A:') cur.arch = value;
  }
  flush();
  if (packages.length === 0 && text.trim()) return 'apk database not understood';
  return { manager: 'apk', packages };
}

/** `apk info -v` prints name-version-rN; the version is the last two dash-separated fields. */
function parseApkInfo(text: string): Parsed {
  const packages: SystemPackage[] = [];
  for (const line of text.split('\n')) {
    const m = /^(.+)-([^-]+-r\d+)$/.exec(line.trim());
    if (m) packages.push({ name: m[1]!, version: m[2]! });
  }
  if (packages.length === 0 && text.trim()) return 'apk info output not understood';
  return { manager: 'apk', packages };
}

/** `brew list --versions`: name then every installed version; the last one listed is kept. */
function parseBrew(text: string): Parsed {
  const packages: SystemPackage[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length >= 2 && f[0]) packages.push({ name: f[0], version: f[f.length - 1]! });
  }
  if (packages.length === 0 && text.trim()) return 'brew output not understood';
  return { manager: 'brew', packages };
}

function byNameArch(a: SystemPackage, b: SystemPackage): number {
  return byCodeUnit(a.name, b.name) || byCodeUnit(a.arch ?? '', b.arch ?? '');
}

export function parseSystem(section: ProbeSection, _ctx: ParseContext): SystemFacet {
  const subs = splitSubsections(section.text);
  const failed = subs.get('failed');
  if (failed !== undefined) {
    // `### failed`: the manager's query exited non-zero (a corrupt or unreadable database).
    const [tool = 'the package manager', rcLine = ''] = failed.trim().split('\n');
    const rc = /^rc=(\d+)$/.exec(rcLine.trim())?.[1];
    const tail = stderrTail(section, 2);
    const how = rc === '124' ? 'did not finish in time' : `exited ${rc ?? 'non-zero'}`;
    return { status: 'error', reason: `${tool} ${how}${tail ? `: ${tail}` : ''}` };
  }
  let parsed: Parsed | undefined;
  if (subs.has('dpkg')) parsed = parseDpkg(subs.get('dpkg')!, subs.get('apt-auto'), subs);
  else if (subs.has('rpm')) parsed = parseRpm(subs.get('rpm')!);
  else if (subs.has('apk-installed')) parsed = parseApkDb(subs.get('apk-installed')!);
  else if (subs.has('apk-info')) parsed = parseApkInfo(subs.get('apk-info')!);
  else if (subs.has('brew')) parsed = parseBrew(subs.get('brew')!);
  else if (subs.has('absent')) return { status: 'absent', reason: 'no dpkg, rpm, apk or brew package database' };
  if (parsed === undefined) {
    return { status: 'error', reason: `system probe printed nothing known ${describeExit(section)}` };
  }
  if (typeof parsed === 'string') return { status: 'error', reason: parsed };
  // The rpm and apk sources, where the probe found them as files.
  if (parsed.manager === 'rpm' && subs.has('rpm-repos')) parsed.sources = parseRpmRepos(subs.get('rpm-repos')!);
  if (parsed.manager === 'apk' && subs.has('apk-repositories')) parsed.sources = parseApkRepositories(subs.get('apk-repositories')!);
  return {
    status: 'ok',
    manager: parsed.manager,
    packages: parsed.packages.sort(byNameArch),
    ...(parsed.sources ? { sources: parsed.sources } : {}),
    ...(parsed.releases ? { releases: parsed.releases } : {}),
  };
}
