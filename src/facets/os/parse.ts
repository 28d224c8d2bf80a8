// os parser: the os probe's sections (probes/os.sh) → OsFacet. Pure; never throws.
//
// Real input (Debian 12 / this project's dev machine; python-distro tests/resources/distros/*):
//   ### uname-s          Linux
//   ### os-release       PRETTY_NAME="Debian GNU/Linux 12 (bookworm)" … VERSION_CODENAME=bookworm
//   ### getconf-libc     glibc 2.36
//   ### ldd-version      ldd (Debian GLIBC 2.36-9+deb12u14) 2.36
//   ### musl-loader      musl libc (x86_64)⏎Version 1.2.4        (Alpine: the loader, run bare)
//   ### sw_vers          ProductName:    Mac OS X⏎ProductVersion: 10.10.5⏎BuildVersion:   14F27
//   ### container        dockerenv=1
//   ### proc1-cgroup     0::/   (cgroup v1: 12:memory:/kubepods/burstable/pod…/…)
import type { OsFacet } from './types.js';
import { firstProbeLine, splitSubsections, type ProbeSection } from '../../core/sections.js';
import type { ParseContext } from '../types.js';
import { RELEASE_SOURCES, type Distro } from './release-files.js';

type Libc = NonNullable<OsFacet['libc']>;
type Container = NonNullable<OsFacet['container']>;

export function parseOs(section: ProbeSection, _ctx: ParseContext): OsFacet {
  try {
    return parseOsText(section.text);
  } catch (e) {
    return { status: 'error', reason: `os: could not parse probe output (${(e as Error).message})` };
  }
}

function osName(unameS: string | undefined): string | undefined {
  if (!unameS) return undefined;
  if (/^linux$/i.test(unameS)) return 'linux';
  if (/^darwin$/i.test(unameS)) return 'darwin';
  // Git Bash / MSYS2 / Cygwin report e.g. MINGW64_NT-10.0-19045; Windows itself says Windows_NT.
  if (/^(mingw|msys|cygwin|windows)/i.test(unameS)) return 'windows';
  return unameS.toLowerCase();
}

/** `Key:   value` lines (sw_vers). */
function colonPairs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Za-z][\w .()-]*?)\s*:\s*(.*?)\s*$/.exec(line);
    if (m && !(m[1]! in out)) out[m[1]!] = m[2]!;
  }
  return out;
}

function parseOsText(text: string): OsFacet {
  const subs = splitSubsections(text);
  const unameS = subs.get('uname-s')?.trim() || undefined;
  const arch = subs.get('uname-m')?.trim() || undefined;
  let name = osName(unameS);

  let distro: Distro | undefined;
  let libc: Libc | undefined;
  const swVers = subs.get('sw_vers');
  if (swVers && swVers.trim()) {
    // macOS: sw_vers says "Mac OS X" before 10.12 and "macOS" since; the id is "macos" either way.
    const kv = colonPairs(swVers);
    const version = kv['ProductVersion'];
    if (version) {
      name ??= 'darwin';
      const product = kv['ProductName'] ?? 'macOS';
      distro = { id: 'macos', versionId: version, prettyName: `${product} ${version}`, idLike: [] };
      // libSystem has no version of its own worth comparing; the macOS version is what wheel
      // tags (macosx_11_0_arm64) are checked against.
      libc = { family: 'darwin', version };
    }
  }
  if (!distro) {
    for (const src of RELEASE_SOURCES) {
      const body = subs.get(src.section);
      if (body === undefined || !body.trim()) continue;
      distro = src.read(body);
      if (distro) break;
    }
    if (distro) name ??= 'linux';
  }

  if (!name) {
    const first = firstProbeLine(text);
    return {
      status: 'error',
      reason: first ? `os: unrecognised probe output: ${first}` : 'os: the probe printed nothing (no uname, no release file)',
    };
  }

  if (name === 'linux') libc = readLinuxLibc(subs);
  const container = readContainer(subs);

  const out: OsFacet = { status: 'ok', name };
  if (arch) out.arch = arch;
  if (distro) out.distro = cleanDistro(distro);
  if (libc) out.libc = libc;
  if (container) out.container = container;
  return out;
}

/** Fixed key order and no undefined values, so that the same machine serialises to the same bytes. */
function cleanDistro(d: Distro): NonNullable<OsFacet['distro']> {
  return {
    id: d.id,
    ...(d.versionId !== undefined ? { versionId: d.versionId } : {}),
    ...(d.prettyName !== undefined ? { prettyName: d.prettyName } : {}),
    idLike: d.idLike,
    ...(d.codename !== undefined ? { codename: d.codename } : {}),
  };
}

// Order matters: glibc's getconf is authoritative; a Debian host may also have musl installed
// (/lib/ld-musl-*.so.1 from the musl package) without being a musl system.
function readLinuxLibc(subs: Map<string, string>): Libc {
  const getconf = /^glibc\s+(\d+\.\d+(?:\.\d+)?)/m.exec(subs.get('getconf-libc') ?? '');
  if (getconf) return { family: 'glibc', version: getconf[1] };
  const musl = readMusl(subs.get('musl-loader') ?? '');
  if (musl) return musl;
  const ldd = subs.get('ldd-version') ?? '';
  const lddMusl = readMusl(ldd);
  if (lddMusl) return lddMusl;
  // "ldd (Ubuntu GLIBC 2.35-0ubuntu3.6) 2.35", "ldd (GNU libc) 2.34"
  const lddGlibc = /^ldd \(.*(?:GLIBC|GNU libc).*\)\s+(\d+\.\d+(?:\.\d+)?)/im.exec(ldd);
  if (lddGlibc) return { family: 'glibc', version: lddGlibc[1] };
  return { family: 'unknown' };
}

// The musl loader, run bare, prints "musl libc (x86_64)" then "Version 1.2.4" (PEP 656 reads it
// the same way).
function readMusl(text: string): Libc | undefined {
  if (!/musl libc/i.test(text)) return undefined;
  const v = /^Version\s+(\d+\.\d+(?:\.\d+)?)/m.exec(text);
  return v ? { family: 'musl', version: v[1] } : { family: 'musl' };
}

// Which engine, most specific first: Kubernetes runs pods on docker/containerd, so its mark wins;
// podman writes /run/.containerenv, docker /.dockerenv; cgroup paths are the fallback.
const CGROUP_ENGINES: readonly [RegExp, Container['engine']][] = [
  [/kubepods/, 'kubernetes'],
  [/libpod/, 'podman'],
  [/docker/, 'docker'],
  [/containerd|cri-containerd/, 'containerd'],
  [/\blxc\b|lxc\.payload/, 'lxc'],
];

function readContainer(subs: Map<string, string>): Container | undefined {
  const marks = subs.get('container');
  const cgroup = subs.get('proc1-cgroup') ?? '';
  if (marks === undefined && !cgroup) return undefined;
  const has = (k: string) => new RegExp(`^${k}=1$`, 'm').test(marks ?? '');
  if (has('kubernetes')) return { inside: true, engine: 'kubernetes' };
  const fromCgroup = CGROUP_ENGINES.find(([re]) => re.test(cgroup))?.[1];
  if (fromCgroup === 'kubernetes') return { inside: true, engine: 'kubernetes' };
  if (has('containerenv')) return { inside: true, engine: 'podman' };
  if (has('dockerenv')) return { inside: true, engine: 'docker' };
  if (fromCgroup) return { inside: true, engine: fromCgroup };
  return { inside: false };
}
