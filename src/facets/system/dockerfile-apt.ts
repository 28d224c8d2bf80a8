// The apt sources a generated Dockerfile installs from, recreated from the ones the source recorded
// (src/facets/system/apt.ts): the distro archive at its snapshot (snapshot.debian.org,
// snapshot.ubuntu.com) or a mirror, and the vendor repositories the kept packages came from, each
// with a keyring the user puts in the build context (never fetched). Pure.
//
// Snapshot dates (`--apt-snapshot auto`): the archive as the source machine last saw it is the
// snapshot at the newest `Date:` of the Release files its lists came from (one per archive:
// debian, debian-security, ubuntu): every version those lists offer is in it. A version the
// archive had already replaced (`superseded`) is not; it was in the archive when dpkg unpacked it,
// so the snapshot of that moment is added too (one per burst of installs: unpack times less than an
// hour apart share the earliest). snapshot.debian.org serves every past state of the archive at
// /archive/<archive>/<YYYYMMDDTHHMMSSZ>/ (https://snapshot.debian.org/), snapshot.ubuntu.com at
// /ubuntu/<YYYYMMDDTHHMMSSZ>/ (https://snapshot.ubuntu.com/); their Release files have long expired,
// hence `Check-Valid-Until: no`.
import { printable } from '../../core/text.js';
import type { Fingerprint } from '../fingerprint.js';
import { APT_KEYS_DIR } from '../shared/dockerfile-part.js';
import type { AptSource, PackageOrigin, SystemPackage } from './types.js';

export type DistroArchive = 'debian' | 'debian-security' | 'ubuntu';

/** Where the keyrings COPYed from the build context land in the image. */
export const KEYRING_DIR = '/etc/apt/keyrings/envdiff';

/** One word of a sources file: no blanks, quotes, control characters or shell syntax. */
const SOURCE_WORD = /^[A-Za-z0-9._~:/+@%=,-]+$/;
const KEY_FILE = /^[A-Za-z0-9._+-]+$/;

const SNAPSHOT_BASE: Record<DistroArchive, string> = {
  debian: 'http://snapshot.debian.org/archive/debian/',
  'debian-security': 'http://snapshot.debian.org/archive/debian-security/',
  ubuntu: 'http://snapshot.ubuntu.com/ubuntu/',
};

/** `2026-11-30T02:21:41Z` → `20261130T022141Z`, the form both snapshot services take. */
export function snapshotStamp(iso: string): string | undefined {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)/.exec(iso);
  return m ? `${m[1]}${m[2]}${m[3]}T${m[4]}${m[5]}${m[6]}Z` : undefined;
}

export function isSnapshotStamp(s: string): boolean {
  return /^\d{8}T\d{6}Z$/.test(s);
}

/** The distro archive a source URI is (by its path, and its Release Origin when recorded), or undefined for a vendor repository. */
export function distroArchive(fp: Fingerprint, uri: string): DistroArchive | undefined {
  const path = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)?$/i.exec(uri)?.[1] ?? '';
  const last = path.replace(/\/+$/, '').split('/').pop() ?? '';
  const archive: DistroArchive | undefined =
    last === 'debian' ? 'debian' : last === 'debian-security' ? 'debian-security' : last === 'ubuntu' ? 'ubuntu' : undefined;
  if (!archive) return undefined;
  const sys = fp.facets.system;
  const origin = sys.status === 'ok' ? sys.releases?.find((r) => r.uri === uri)?.origin : undefined;
  return origin === undefined || origin === 'Debian' || origin === 'Ubuntu' ? archive : undefined;
}

export interface AptSourcesOptions {
  /** `auto`, `off` or a `YYYYMMDDTHHMMSSZ` timestamp. */
  snapshot: string;
  mirror?: string;
  /** The mirror's keyring, a path inside the build context. */
  mirrorKey?: string;
}

export interface AptSourcesPlan {
  /** The deb822 sources file, or undefined when the base image's own sources serve. */
  content?: string;
  /** True when the distro archive is replaced (snapshot or mirror): the base image's sources go. */
  replacesArchive: boolean;
  /** Keyrings to COPY: build-context path → file name under KEYRING_DIR. */
  keys: { from: string; name: string }[];
  /** One line per choice, for the Dockerfile's comment. */
  notes: string[];
}

interface Stanza {
  uris: string[];
  suites: string[];
  components: string[];
  signedBy?: string;
  architectures?: string[];
  snapshot?: boolean;
}

function renderStanza(s: Stanza): string {
  return [
    'Types: deb',
    `URIs: ${s.uris.join(' ')}`,
    `Suites: ${s.suites.join(' ')}`,
    ...(s.components.length ? [`Components: ${s.components.join(' ')}`] : []),
    ...(s.architectures?.length ? [`Architectures: ${s.architectures.join(' ')}`] : []),
    ...(s.signedBy ? [`Signed-By: ${s.signedBy}`] : []),
    ...(s.snapshot ? ['Check-Valid-Until: no'] : []),
  ].join('\n');
}

/** Is every word of this source usable in a sources file (and not a masked credential)? */
export function usableSource(s: AptSource): boolean {
  return [...s.uris, ...s.suites, ...s.components, ...(s.architectures ?? [])].every((w) => SOURCE_WORD.test(w) && !w.includes('***@'));
}

/** The recorded source a vendor package came from (its URI and dist). */
export function vendorSourceOf(fp: Fingerprint, origin: PackageOrigin): AptSource | undefined {
  const sys = fp.facets.system;
  if (sys.status !== 'ok' || !origin.uri) return undefined;
  return sys.sources?.find(
    (s) => s.types.includes('deb') && s.uris.some((u) => u.replace(/\/+$/, '') === origin.uri) && s.suites.includes(origin.dist ?? ''),
  );
}

/** The keyring file name for a vendor source: its Signed-By's base name, else its host's. */
export function vendorKeyName(s: AptSource): string {
  const base = s.signedBy && s.signedBy !== 'inline' ? (s.signedBy.split('/').pop() ?? '') : '';
  if (KEY_FILE.test(base)) return base;
  const host = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:]+)/i.exec(s.uris[0] ?? '')?.[1] ?? 'vendor';
  return `${host.replace(/[^A-Za-z0-9._-]/g, '_')}.gpg`;
}

/** Unpack times less than an hour apart share one snapshot: the earliest of them. */
export function installBursts(times: readonly string[]): string[] {
  const sorted = [...new Set(times)].sort();
  const out: string[] = [];
  let last = -Infinity;
  for (const t of sorted) {
    const ms = Date.parse(t);
    if (Number.isNaN(ms)) continue;
    if (ms - last > 3_600_000) out.push(t);
    last = ms;
  }
  return out;
}

/**
 * The sources file for the kept packages: the distro archive (snapshot, mirror, or the base's own
 * when `off` and no vendor source is needed) and the vendor sources of kept vendor packages.
 */
export function planAptSources(
  fp: Fingerprint,
  opts: AptSourcesOptions,
  kept: readonly SystemPackage[],
  vendors: readonly AptSource[],
): AptSourcesPlan {
  const sys = fp.facets.system;
  const sources = sys.status === 'ok' ? (sys.sources ?? []) : [];
  const releases = sys.status === 'ok' ? (sys.releases ?? []) : [];
  const notes: string[] = [];
  const keys = new Map<string, string>();
  const stanzas: Stanza[] = [];
  // The distro archive's stanzas as recorded (deb only), one per archive URI.
  const distro = sources
    .filter((s) => s.types.includes('deb') && usableSource(s))
    .flatMap((s) =>
      s.uris
        .map((u) => u.replace(/\/+$/, ''))
        .filter((u) => distroArchive(fp, u) !== undefined)
        .map((u) => ({ uri: u, archive: distroArchive(fp, u)!, source: s })),
    );
  const replacesArchive = distro.length > 0 && (opts.mirror !== undefined || opts.snapshot !== 'off');

  if (replacesArchive && opts.mirror !== undefined) {
    let signedBy: string | undefined;
    if (opts.mirrorKey) {
      const name = opts.mirrorKey.split('/').pop()!;
      keys.set(opts.mirrorKey, name);
      signedBy = `${KEYRING_DIR}/${name}`;
    }
    for (const d of distro) {
      stanzas.push({
        uris: [opts.mirror],
        suites: d.source.suites,
        components: d.source.components,
        signedBy: signedBy ?? d.source.signedBy,
        ...(d.source.architectures ? { architectures: d.source.architectures } : {}),
      });
    }
    notes.push(`the distro archive from the mirror ${opts.mirror} (--apt-mirror)`);
  } else if (replacesArchive) {
    // One timestamp per archive: the given one, or the newest Release Date of that archive's lists.
    const stampOf = (uri: string): string | undefined => {
      if (opts.snapshot !== 'auto') return opts.snapshot;
      const dates = releases
        .filter((r) => r.uri === uri && r.date)
        .map((r) => r.date!)
        .sort();
      return dates.length ? snapshotStamp(dates[dates.length - 1]!) : undefined;
    };
    const bursts =
      opts.snapshot === 'auto'
        ? installBursts(kept.filter((p) => p.origin?.kind === 'superseded' && p.origin.installedAt).map((p) => p.origin!.installedAt!))
        : [];
    for (const d of distro) {
      const stamps = [stampOf(d.uri), ...bursts.map((b) => snapshotStamp(b))].filter((s): s is string => s !== undefined);
      if (stamps.length === 0) {
        // No Release date recorded for this archive: the archive itself, as recorded.
        stanzas.push({ uris: [d.uri], suites: d.source.suites, components: d.source.components, signedBy: d.source.signedBy });
        continue;
      }
      for (const stamp of [...new Set(stamps)]) {
        stanzas.push({
          uris: [`${SNAPSHOT_BASE[d.archive]}${stamp}/`],
          suites: d.source.suites,
          components: d.source.components,
          signedBy: d.source.signedBy,
          ...(d.source.architectures ? { architectures: d.source.architectures } : {}),
          snapshot: true,
        });
      }
    }
    notes.push(
      opts.snapshot === 'auto'
        ? `the distro archive at its snapshot for the dates the source's apt lists were published${bursts.length ? ` and the moments replaced versions were unpacked (${bursts.map((b) => snapshotStamp(b)).join(', ')})` : ''} (--apt-snapshot auto)`
        : `the distro archive at its snapshot ${opts.snapshot} (--apt-snapshot)`,
    );
  }

  for (const v of vendors) {
    const name = vendorKeyName(v);
    keys.set(`${APT_KEYS_DIR}/${name}`, name);
    stanzas.push({
      uris: v.uris.map((u) => u.replace(/\/+$/, '')),
      suites: v.suites,
      components: v.components,
      signedBy: `${KEYRING_DIR}/${name}`,
      ...(v.architectures ? { architectures: v.architectures } : {}),
    });
    notes.push(`${v.uris.join(' ')} ${v.suites.join(' ')} as the source had it (${v.file}), signed by ${APT_KEYS_DIR}/${name}`);
  }

  if (stanzas.length === 0) return { replacesArchive: false, keys: [], notes };
  const seen = new Set<string>();
  const body = stanzas.map(renderStanza).filter((s) => (seen.has(s) ? false : (seen.add(s), true)));
  const content = [
    `# Generated by envdiff from fingerprint ${printable(fp.label)}: the apt sources the pinned packages install from.`,
    '',
    body.join('\n\n'),
    '',
  ].join('\n');
  return {
    content,
    replacesArchive,
    keys: [...keys].map(([from, name]) => ({ from, name })).sort((a, b) => (a.from < b.from ? -1 : 1)),
    notes,
  };
}
