// apt's own account of where each installed package comes from: the system probe's `### apt-lists`
// (which of apt's package lists offer each installed name, at which versions), `### apt-sources`
// (the sources files) and `### apt-releases` (the Release headers of /var/lib/apt/lists). Pure.
// Real samples (envdiff dev machine, Debian 12, 2026-12-01):
//   ### apt-lists
//   @@file deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.lz4
//   curl 7.88.1-10+deb12u5
//   jq 1.6-2.1+deb12u3
//   ### apt-sources
//   @@file /etc/apt/sources.list.d/debian.sources
//   Types: deb
//   URIs: http://deb.debian.org/debian
//   ### apt-releases
//   @@file deb.debian.org_debian_dists_bookworm_InRelease
//   Date: Sat, 11 Jul 2026 10:16:37 UTC
// Formats: sources.list(5) (one-line and deb822 styles, https://manpages.debian.org/bookworm/apt/sources.list.5.en.html),
// and the Debian repository format for Release files
// (https://wiki.debian.org/DebianRepository/Format#A.22Release.22_files).
import { maskUrlCredentials } from '../../core/secrets.js';
import { dpkg } from '../../versioning/dpkg/index.js';
import type { AptRelease, AptSource, PackageOrigin } from './types.js';

/** One place a version is offered: a source's URI, dist and component. */
export interface Offer {
  uri: string;
  dist: string;
  component?: string;
}

// https://user:token@host/… → https://***@host/…, the user-info up to the LAST `@` before the host
// (a password may hold `@`): the one masking rule of src/core/secrets.ts. The probe masks already;
// a fingerprint edited by hand or captured by an older probe is masked again here.
export function maskUserinfo(uri: string): string {
  return maskUrlCredentials(uri);
}

/** Every (URI, dist, component) the deb sources name, with the prefix of its list files. */
export function indexesOf(sources: readonly AptSource[]): { prefix: string; offer: Offer }[] {
  const out: { prefix: string; offer: Offer }[] = [];
  for (const s of sources) {
    if (!s.types.includes('deb')) continue;
    for (const uri of s.uris)
      for (const dist of s.suites) {
        const u = uri.replace(/\/+$/, '');
        const base = listFilePrefix(u, dist);
        // A flat repository (`deb URI ./`) has no components: its list is `…_._Packages`.
        if (dist.endsWith('/')) out.push({ prefix: `${base}Packages`, offer: { uri: u, dist } });
        else
          for (const component of s.components)
            out.push({ prefix: `${base}${component.replace(/\//g, '_')}_binary-`, offer: { uri: u, dist, component } });
      }
  }
  return out;
}

export type ListOffers = Map<string, { version: string; offer: Offer }[]>;

/**
 * `### apt-lists`: for each list file, the installed names it offers and at which versions.
 * Undefined when no list of a configured source could be read (lists cleaned away, as images do):
 * then nothing is known about origins, which is not "offered by nobody".
 */
export function parseAptLists(text: string, sources: readonly AptSource[]): ListOffers | undefined {
  const indexes = indexesOf(sources);
  const out: ListOffers = new Map();
  let offer: Offer | undefined;
  let files = 0;
  for (const line of text.split('\n')) {
    // A list the probe could not decompress: what it offers is unknown, so nothing is "offered by
    // nobody" — no origins at all rather than wrong ones.
    if (line.startsWith('@@unreadable ')) return undefined;
    const file = /^@@file (\S+)$/.exec(line);
    if (file) {
      const name = file[1]!;
      offer = indexes.find((i) => name.startsWith(i.prefix))?.offer;
      if (offer) files++;
      continue;
    }
    const m = /^(\S+) (\S+)$/.exec(line);
    if (!m || !offer) continue;
    const list = out.get(m[1]!) ?? [];
    list.push({ version: m[2]!, offer });
    out.set(m[1]!, list);
  }
  return files > 0 ? out : undefined;
}

/**
 * Where apt finds the installed version: the first source offering it; else, when a source offers
 * a newer version of the package, `superseded` with that source; else `local`.
 */
export function originOf(
  offers: readonly { version: string; offer: Offer }[] | undefined,
  installed: string,
  originNames: ReadonlyMap<string, string>,
): PackageOrigin {
  const named = (o: Offer): Omit<PackageOrigin, 'kind'> => {
    const origin = originNames.get(`${o.uri} ${o.dist}`);
    return { uri: o.uri, dist: o.dist, ...(o.component ? { component: o.component } : {}), ...(origin ? { origin } : {}) };
  };
  let newest: { version: string; offer: Offer } | undefined;
  for (const v of offers ?? []) {
    if (dpkg.compare(v.version, installed) <= 0) continue;
    if (!newest || dpkg.compare(v.version, newest.version) > 0) newest = v;
  }
  // Offered, but apt's candidate is a newer version from another suite (a security update).
  const same = offers?.find((v) => v.version === installed);
  if (same) return { kind: 'archive', ...named(same.offer), ...(newest ? { newer: newest.version } : {}) };
  if (newest) return { kind: 'superseded', ...named(newest.offer), newer: newest.version };
  return { kind: 'local' };
}

/** sources.list(5): one-line entries and deb822 stanzas, `@@file PATH` before each file. */
export function parseAptSources(text: string): AptSource[] {
  const out: AptSource[] = [];
  const files: { path: string; body: string[] }[] = [];
  for (const line of text.split('\n')) {
    const m = /^@@file (.+)$/.exec(line);
    if (m) files.push({ path: m[1]!, body: [] });
    else files[files.length - 1]?.body.push(line);
  }
  for (const { path, body } of files) {
    if (path.endsWith('.sources')) out.push(...parseDeb822(path, body));
    else out.push(...parseOneLine(path, body));
  }
  return out;
}

function parseOneLine(file: string, body: string[]): AptSource[] {
  const out: AptSource[] = [];
  for (const raw of body) {
    const line = raw.replace(/#.*$/, '').trim();
    const m = /^(deb|deb-src)\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)(.*)$/.exec(line);
    if (!m) continue;
    const options = new Map<string, string>();
    for (const o of (m[2] ?? '').trim().split(/\s+/).filter(Boolean)) {
      const eq = o.indexOf('=');
      if (eq > 0) options.set(o.slice(0, eq).toLowerCase(), o.slice(eq + 1));
    }
    const src: AptSource = {
      file,
      types: [m[1]!],
      uris: [maskUserinfo(m[3]!)],
      suites: [m[4]!],
      components: m[5]!.trim().split(/\s+/).filter(Boolean),
    };
    const signedBy = options.get('signed-by');
    if (signedBy) src.signedBy = signedBy;
    const arch = options.get('arch');
    if (arch) src.architectures = arch.split(',');
    out.push(src);
  }
  return out;
}

function parseDeb822(file: string, body: string[]): AptSource[] {
  const out: AptSource[] = [];
  const stanzas: Map<string, string>[] = [];
  let cur = new Map<string, string>();
  let key = '';
  for (const raw of [...body, '']) {
    if (raw.startsWith('#')) continue;
    if (!raw.trim()) {
      if (cur.size) stanzas.push(cur);
      cur = new Map();
      key = '';
      continue;
    }
    // A continuation line (a multi-line Signed-By key block) belongs to the field above it.
    if (/^\s/.test(raw) && key) {
      cur.set(key, `${cur.get(key)}\n${raw.trim()}`);
      continue;
    }
    const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(raw);
    if (!m) continue;
    key = m[1]!.toLowerCase();
    cur.set(key, m[2]!.trim());
  }
  const words = (v: string | undefined) => (v ?? '').split(/\s+/).filter(Boolean);
  for (const s of stanzas) {
    if (/^(no|false)$/i.test(s.get('enabled') ?? '')) continue;
    if (!s.has('uris') || !s.has('suites')) continue;
    const src: AptSource = {
      file,
      types: words(s.get('types')),
      uris: words(s.get('uris')).map(maskUserinfo),
      suites: words(s.get('suites')),
      components: words(s.get('components')),
    };
    const signedBy = s.get('signed-by');
    if (signedBy) src.signedBy = signedBy.includes('BEGIN PGP') ? 'inline' : signedBy;
    if (s.has('architectures')) src.architectures = words(s.get('architectures'));
    out.push(src);
  }
  return out;
}

/**
 * apt names a list file after its URI and dist (apt-pkg's URItoFileName: scheme and credentials
 * dropped, `_ ~ = @ …` %-quoted, then `/` → `_`):
 * `http://deb.debian.org/debian` + `bookworm` → `deb.debian.org_debian_dists_bookworm_InRelease`.
 */
export function listFilePrefix(uri: string, dist: string): string {
  const quote = (s: string) => s.replace(/[\\|{}[\]<>"^~_=!@#$%&*\s]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  const base = quote(
    uri
      .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
      .replace(/^[^@/]*@/, '')
      .replace(/\/+$/, ''),
  ).replace(/\//g, '_');
  if (dist.endsWith('/')) {
    const flat = dist.replace(/\/+$/, '');
    return `${base}_${quote(flat || '.').replace(/\//g, '_')}_`;
  }
  return `${base}_dists_${quote(dist).replace(/\//g, '_')}_`;
}

/** The Release headers of the list files, tied to the (URI, dist) of the sources that name them. */
export function parseAptReleases(text: string, sources: readonly AptSource[]): AptRelease[] {
  const byPrefix = new Map<string, Offer>();
  for (const { offer } of indexesOf(sources)) byPrefix.set(listFilePrefix(offer.uri, offer.dist), offer);
  const out: AptRelease[] = [];
  let cur: AptRelease | undefined;
  for (const line of text.split('\n')) {
    const file = /^@@file (.+)$/.exec(line);
    if (file) {
      const name = file[1]!.trim();
      const prefix = name.replace(/(In)?Release$/, '');
      const index = byPrefix.get(prefix);
      cur = index ? { uri: index.uri, dist: index.dist } : undefined;
      // InRelease and Release of the same index: keep one.
      if (cur && out.some((r) => r.uri === cur!.uri && r.dist === cur!.dist)) cur = undefined;
      if (cur) out.push(cur);
      continue;
    }
    const m = /^(Origin|Label|Suite|Codename|Version|Date):\s*(.*)$/.exec(line);
    if (!m || !cur) continue;
    const value = m[2]!.trim();
    if (m[1] === 'Date') {
      const t = Date.parse(value.replace(/\bUTC$/, 'GMT'));
      if (!Number.isNaN(t)) cur.date = new Date(t).toISOString().replace(/\.000Z$/, 'Z');
    } else cur[m[1]!.toLowerCase() as 'origin' | 'label' | 'suite' | 'codename' | 'version'] = value;
  }
  return out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.dist < b.dist ? -1 : a.dist > b.dist ? 1 : 0));
}

/**
 * apk's /etc/apk/repositories: one repository per line, optionally tagged (`@edge URL`), `#` comments
 * (https://wiki.alpinelinux.org/wiki/Repositories). The tag is kept as the source's one suite.
 */
export function parseApkRepositories(text: string): AptSource[] {
  const out: AptSource[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:(@\S+)\s+)?(\S+)$/.exec(line);
    if (!m) continue;
    out.push({ file: '/etc/apk/repositories', types: ['apk'], uris: [maskUserinfo(m[2]!)], suites: m[1] ? [m[1]] : [], components: [] });
  }
  return out;
}

/**
 * yum/dnf .repo files (`@@file PATH` before each): one source per enabled `[id]` section, its
 * baseurl (or mirrorlist/metalink) as URIs, the id as its suite, gpgkey as what signs it
 * (https://man7.org/linux/man-pages/man5/yum.conf.5.html, "[repository] OPTIONS").
 */
export function parseRpmRepos(text: string): AptSource[] {
  const out: AptSource[] = [];
  let file = '';
  let cur: { id: string; fields: Map<string, string> } | undefined;
  const flush = () => {
    if (!cur) return;
    const f = cur.fields;
    const uris = (f.get('baseurl') ?? f.get('mirrorlist') ?? f.get('metalink') ?? '').split(/[\s,]+/).filter(Boolean);
    if (f.get('enabled') !== '0' && uris.length > 0) {
      const src: AptSource = { file, types: ['rpm-md'], uris: uris.map(maskUserinfo), suites: [cur.id], components: [] };
      const key = f.get('gpgkey')?.split(/[\s,]+/)[0];
      if (key) src.signedBy = maskUserinfo(key);
      out.push(src);
    }
    cur = undefined;
  };
  let lastKey = '';
  for (const raw of text.split('\n')) {
    const fm = /^@@file (.+)$/.exec(raw);
    if (fm) {
      flush();
      file = fm[1]!;
      continue;
    }
    const line = raw.replace(/^\s*[#;].*$/, '');
    const sec = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (sec) {
      flush();
      cur = { id: sec[1]!.trim(), fields: new Map() };
      continue;
    }
    if (!cur || !line.trim()) continue;
    // A continuation line (a second baseurl on its own line) extends the key above it.
    if (/^\s/.test(line) && lastKey) {
      cur.fields.set(lastKey, `${cur.fields.get(lastKey) ?? ''} ${line.trim()}`);
      continue;
    }
    const kv = /^([A-Za-z0-9_.-]+)\s*=\s*(.*)$/.exec(line);
    if (kv) {
      lastKey = kv[1]!.toLowerCase();
      cur.fields.set(lastKey, kv[2]!.trim());
    }
  }
  flush();
  return out;
}
