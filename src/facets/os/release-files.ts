// Release files in the order they are trusted, like syft's identify_release.go
// (anchore/syft syft/linux/identify_release.go): os-release first, then the older
// distro-specific files. Each entry reads one probe sub-section (probes/os.sh prints every file
// that exists under these names) and returns what it can tell, or undefined.
import { parseKeyValues } from '../../core/sections.js';

export interface Distro {
  id: string;
  versionId?: string;
  prettyName?: string;
  idLike: string[];
  codename?: string;
}

export interface ReleaseSource {
  /** Probe sub-section name. */
  section: string;
  /** The file it was read from, for reasons. */
  path: string;
  read: (text: string) => Distro | undefined;
}

function nonEmpty(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}

/** os-release(5): ID, VERSION_ID, PRETTY_NAME, ID_LIKE, VERSION_CODENAME (Ubuntu adds UBUNTU_CODENAME). */
function readOsRelease(text: string): Distro | undefined {
  const kv = parseKeyValues(text);
  const id = nonEmpty(kv['ID'])?.toLowerCase();
  if (!id) return undefined;
  return {
    id,
    versionId: nonEmpty(kv['VERSION_ID']),
    prettyName: nonEmpty(kv['PRETTY_NAME']) ?? nonEmpty(kv['NAME']),
    idLike: (kv['ID_LIKE'] ?? '').split(/\s+/).filter(Boolean),
    codename: nonEmpty(kv['VERSION_CODENAME']) ?? nonEmpty(kv['UBUNTU_CODENAME']),
  };
}

// /etc/lsb-release: DISTRIB_ID=Ubuntu, DISTRIB_RELEASE=24.04, DISTRIB_CODENAME=noble, DISTRIB_DESCRIPTION="…"
function readLsbRelease(text: string): Distro | undefined {
  const kv = parseKeyValues(text);
  const id = nonEmpty(kv['DISTRIB_ID'])?.toLowerCase();
  if (!id) return undefined;
  return {
    id,
    versionId: nonEmpty(kv['DISTRIB_RELEASE']),
    prettyName: nonEmpty(kv['DISTRIB_DESCRIPTION']),
    idLike: [],
    codename: nonEmpty(kv['DISTRIB_CODENAME']),
  };
}

// /etc/alpine-release: just "3.19.1".
function readAlpineRelease(text: string): Distro | undefined {
  const v = text.trim().split('\n')[0]?.trim();
  return v ? { id: 'alpine', versionId: v, idLike: [] } : undefined;
}

// /etc/redhat-release: "Rocky Linux release 8.10 (Green Obsidian)". The ids are os-release's.
const REDHAT_NAMES: readonly [RegExp, string][] = [
  [/^Red Hat Enterprise Linux/i, 'rhel'],
  [/^Rocky Linux/i, 'rocky'],
  [/^AlmaLinux/i, 'almalinux'],
  [/^CentOS Stream/i, 'centos'],
  [/^CentOS/i, 'centos'],
  [/^Fedora/i, 'fedora'],
  [/^Oracle Linux/i, 'ol'],
  [/^Scientific Linux/i, 'scientific'],
];

function readRedhatRelease(text: string): Distro | undefined {
  const line = text.trim().split('\n')[0]?.trim();
  if (!line) return undefined;
  const m = /^(.*?)\s+release\s+([\d.]+)/i.exec(line);
  if (!m) return undefined;
  const id = REDHAT_NAMES.find(([re]) => re.test(m[1]!))?.[1] ?? m[1]!.split(/\s+/)[0]!.toLowerCase();
  return { id, versionId: m[2], prettyName: line, idLike: [] };
}

// /etc/debian_version: "12.11" on a release, "trixie/sid" on testing.
function readDebianVersion(text: string): Distro | undefined {
  const v = text.trim().split('\n')[0]?.trim();
  if (!v) return undefined;
  if (/^\d+(\.\d+)*$/.test(v)) return { id: 'debian', versionId: v, idLike: [] };
  const codename = /^([a-z]+)\//.exec(v)?.[1];
  return { id: 'debian', idLike: [], codename };
}

export const RELEASE_SOURCES: readonly ReleaseSource[] = [
  { section: 'os-release', path: '/etc/os-release', read: readOsRelease },
  { section: 'usr-lib-os-release', path: '/usr/lib/os-release', read: readOsRelease },
  { section: 'lsb-release', path: '/etc/lsb-release', read: readLsbRelease },
  { section: 'alpine-release', path: '/etc/alpine-release', read: readAlpineRelease },
  { section: 'redhat-release', path: '/etc/redhat-release', read: readRedhatRelease },
  { section: 'debian_version', path: '/etc/debian_version', read: readDebianVersion },
];
