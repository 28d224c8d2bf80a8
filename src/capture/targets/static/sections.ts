// What the probes would print, read from the files of an image that is not run. Each function
// writes the sub-sections its facet's probe writes (probes/<id>.sh) from the files that probe's
// commands read, so that the facets' own parsers (src/facets/<id>/parse.ts) turn both into the
// same facet: `podman:IMAGE` and `image:IMAGE` compare with no finding (test/capture/static/).
//   os      release files as they are; libc from libc.so.6's banner ("GNU C Library (Debian GLIBC
//           2.36-9+deb12u4) stable release version 2.36.") or the musl package's version
//   system  /var/lib/dpkg/status (and distroless status.d/) as `dpkg-query -W` lines, apk's
//           installed db, the rpm container manifest (an rpm sqlite/bdb database needs rpm: error)
//   python  the interpreter `python3` (then `python`) resolves to on the image's PATH; its version
//           from the PY_VERSION string in the binary or libpython; the packages of every site
//           directory its sys.path would hold, read as probes/python.sh reads them
//   r       R_HOME/library/base/DESCRIPTION (R's version is its base package's) and the DESCRIPTION
//           of every package in the libraries .libPaths() would list
//   jvm     the `release` file of JAVA_HOME or of the JDK `java` resolves to
//   env     the image config's Env (the env parser keeps the allow-list and masks secrets)
import { posix } from 'node:path';
import { exists, isDir, listDir, readFile, readText, resolvePath, type StaticFs } from './tree.js';

export type SectionTexts = Partial<Record<string, string>>;

export interface StaticContext {
  fs: StaticFs;
  /** The image config's Env (NAME=value), or the engines' default PATH where it has none. */
  env: Map<string, string>;
  /** As `uname -m` would print it. */
  arch?: string;
}

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** GOARCH (image config) → `uname -m`. */
const UNAME_M: Record<string, string> = {
  amd64: 'x86_64',
  arm64: 'aarch64',
  '386': 'i686',
  arm: 'armv7l',
  ppc64le: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
};
export const unameMachine = (goarch: string | undefined) => (goarch ? (UNAME_M[goarch] ?? goarch) : undefined);

/** ELF e_machine → `uname -m`, for a rootfs that has no image config. */
const ELF_MACHINE: Record<number, string> = {
  0x3e: 'x86_64',
  0xb7: 'aarch64',
  0x03: 'i686',
  0x28: 'armv7l',
  0x15: 'ppc64le',
  0x16: 's390x',
  0xf3: 'riscv64',
};

export function envMap(env: readonly string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of env) {
    const i = e.indexOf('=');
    if (i > 0) m.set(e.slice(0, i), e.slice(i + 1));
  }
  if (!m.has('PATH')) m.set('PATH', DEFAULT_PATH);
  return m;
}

/** `command -v NAME` in the image: the first PATH entry holding it (the unresolved path). */
export function which(ctx: StaticContext, name: string): string | undefined {
  for (const dir of (ctx.env.get('PATH') ?? DEFAULT_PATH).split(':')) {
    if (!dir.startsWith('/')) continue;
    const p = posix.join(dir, name);
    const real = resolvePath(ctx.fs, p);
    if (real !== undefined && ctx.fs.lstat(real)?.type === 'file') return p;
  }
  return undefined;
}

const LIB_DIRS = [
  '/lib/x86_64-linux-gnu',
  '/lib/aarch64-linux-gnu',
  '/usr/lib/x86_64-linux-gnu',
  '/usr/lib/aarch64-linux-gnu',
  '/lib64',
  '/usr/lib64',
  '/lib',
  '/usr/lib',
];

function glibcVersion(fs: StaticFs): string | undefined {
  for (const dir of LIB_DIRS) {
    const bytes = readFile(fs, `${dir}/libc.so.6`);
    if (bytes) {
      const m = /GNU C Library [^\n\0]*?version (\d+\.\d+(?:\.\d+)?)/.exec(bytes.toString('latin1'));
      if (m) return m[1];
    }
    // glibc before 2.34 names the file after its version: libc-2.31.so.
    const named = listDir(fs, dir)
      .map((n) => /^libc-(\d+\.\d+(?:\.\d+)?)\.so$/.exec(n)?.[1])
      .find(Boolean);
    if (named) return named;
  }
  return undefined;
}

function muslLoader(fs: StaticFs): string | undefined {
  for (const dir of ['/lib', '/usr/lib']) {
    const loader = listDir(fs, dir).find((n) => /^ld-musl-.+\.so\.1$/.test(n));
    if (loader) return `${dir}/${loader}`;
  }
  return undefined;
}

function elfArch(bytes: Buffer | undefined): string | undefined {
  if (!bytes || bytes.length < 20 || bytes.readUInt32BE(0) !== 0x7f454c46) return undefined;
  const machine = bytes[5] === 2 ? bytes.readUInt16BE(18) : bytes.readUInt16LE(18);
  return ELF_MACHINE[machine];
}

/** The architecture of a rootfs without an image config: its C library's (or shell's, or Python's) ELF header. */
export function rootfsArch(fs: StaticFs): string | undefined {
  const candidates = [...LIB_DIRS.map((d) => `${d}/libc.so.6`), muslLoader(fs), '/bin/sh', '/usr/bin/python3'];
  for (const c of candidates) {
    if (!c) continue;
    const arch = elfArch(readFile(fs, c));
    if (arch) return arch;
  }
  return undefined;
}

/** The version an apk db records for PACKAGE (`1.2.4-r2` → `1.2.4`), for musl's version. */
function apkVersion(fs: StaticFs, pkg: string): string | undefined {
  const db = readText(fs, '/lib/apk/db/installed') ?? readText(fs, '/usr/lib/apk/db/installed');
  if (!db) return undefined;
  for (const stanza of db.split(/\n\n/)) {
    if (new RegExp(`^P:${pkg}$`, 'm').test(stanza))
      return /^V:([^\n]+)$/m
        .exec(stanza)?.[1]
        ?.replace(/-r\d+$/, '')
        .replace(/_git\d+$/, '');
  }
  return undefined;
}

const RELEASE_FILES: [string, string][] = [
  ['/etc/os-release', 'os-release'],
  ['/usr/lib/os-release', 'usr-lib-os-release'],
  ['/etc/lsb-release', 'lsb-release'],
  ['/etc/alpine-release', 'alpine-release'],
  ['/etc/redhat-release', 'redhat-release'],
  ['/etc/debian_version', 'debian_version'],
];

export function osSection(ctx: StaticContext): string {
  const out = ['### uname-s', 'Linux'];
  if (ctx.arch) out.push('### uname-m', ctx.arch);
  for (const [path, name] of RELEASE_FILES) {
    const text = readText(ctx.fs, path);
    if (text !== undefined) out.push(`### ${name}`, text.split('\n').slice(0, 40).join('\n').replace(/\n$/, ''));
  }
  const glibc = glibcVersion(ctx.fs);
  if (glibc) out.push('### getconf-libc', `glibc ${glibc}`);
  const musl = muslLoader(ctx.fs);
  if (musl) {
    const v = apkVersion(ctx.fs, 'musl');
    out.push('### musl-loader', `musl libc (${ctx.arch ?? 'unknown'})`, ...(v ? [`Version ${v}`] : []));
  }
  return out.join('\n');
}

/** deb822 stanzas: field names as written, continuation lines joined. */
function debStanzas(text: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const fields: Record<string, string> = {};
    let last = '';
    for (const line of block.split('\n')) {
      if (/^\s/.test(line)) {
        if (last) fields[last] += '\n' + line.trim();
        continue;
      }
      const i = line.indexOf(':');
      if (i <= 0) continue;
      last = line.slice(0, i);
      fields[last] = line.slice(i + 1).trim();
    }
    if (fields['Package']) out.push(fields);
  }
  return out;
}

const WANT: Record<string, string> = { unknown: 'u', install: 'i', hold: 'h', deinstall: 'r', purge: 'p' };
const STATE: Record<string, string> = {
  'not-installed': 'n',
  'config-files': 'c',
  'half-installed': 'H',
  unpacked: 'U',
  'half-configured': 'F',
  'triggers-awaited': 'W',
  'triggers-pending': 't',
  installed: 'i',
};

/** `Status: install ok installed` → dpkg-query's `${db:Status-Abbrev}`, `ii `. */
function statusAbbrev(status: string | undefined): string {
  if (status === undefined) return 'ii '; // distroless status.d/ files have no Status: they are installed
  const [want = '', flag = '', state = ''] = status.split(/\s+/);
  return `${WANT[want] ?? 'u'}${STATE[state] ?? 'n'}${flag === 'reinstreq' ? 'R' : ' '}`;
}

export function systemSection(ctx: StaticContext): string {
  const fs = ctx.fs;
  const status = readText(fs, '/var/lib/dpkg/status');
  const statusD = listDir(fs, '/var/lib/dpkg/status.d')
    .filter((n) => !n.endsWith('.md5sums'))
    .map((n) => readText(fs, `/var/lib/dpkg/status.d/${n}`) ?? '');
  const stanzas = [...(status ? debStanzas(status) : []), ...statusD.flatMap(debStanzas)];
  if (stanzas.length > 0) {
    const lines = stanzas.map((s) =>
      [s['Package'], s['Version'] ?? '', s['Architecture'] ?? '', statusAbbrev(s['Status']), s['Priority'] ?? ''].join('\t'),
    );
    const out = ['### dpkg', ...lines];
    const ext = readText(fs, '/var/lib/apt/extended_states');
    if (ext !== undefined) out.push('### apt-auto', ...ext.split('\n').filter((l) => /^(Package|Architecture|Auto-Installed):/.test(l)));
    return out.join('\n');
  }
  const manifest = readText(fs, '/var/lib/rpmmanifest/container-manifest-2');
  if (manifest !== undefined) return ['### rpm', manifest.replace(/\n$/, '')].join('\n');
  const apk = readText(fs, '/lib/apk/db/installed') ?? readText(fs, '/usr/lib/apk/db/installed');
  if (apk !== undefined) return ['### apk-installed', ...apk.split('\n').filter((l) => /^([PVA]:|$)/.test(l))].join('\n');
  for (const db of ['/var/lib/rpm/rpmdb.sqlite', '/var/lib/rpm/Packages', '/usr/lib/sysimage/rpm/rpmdb.sqlite']) {
    if (exists(fs, db))
      return ['### failed', `rpm (its database ${db} is read only by rpm, which a static capture does not run)`, 'rc=1'].join('\n');
  }
  return '### absent';
}

// ---- python ---------------------------------------------------------------------------------

const ONLY_EXTRA = /\bextra\s*==/;

/** The same filter as probes/python.sh keep_requirement(). */
function keepRequirement(out: string[], req: string): void {
  const marker = req.includes(';') ? req.slice(req.indexOf(';') + 1) : '';
  if (ONLY_EXTRA.test(marker) && !/\bor\b/.test(marker) && !req.trimStart().toLowerCase().startsWith('nvidia-')) return;
  out.push(req);
}

function headers(text: string | undefined): { name?: string; version?: string; tag: string[]; requires: string[] } {
  const out: { name?: string; version?: string; tag: string[]; requires: string[] } = { tag: [], requires: [] };
  if (text === undefined) return out;
  for (const line of text.split('\n')) {
    if (line === '' || line === '\r') break;
    if (/^[ \t]/.test(line) || !line.includes(':')) continue;
    const i = line.indexOf(':');
    const k = line.slice(0, i).trim().toLowerCase();
    const v = line.slice(i + 1).trim();
    if ((k === 'name' || k === 'version') && out[k] === undefined) out[k] = v;
    else if (k === 'tag') out.tag.push(v);
    else if (k === 'requires-dist') keepRequirement(out.requires, v);
  }
  return out;
}

function eggRequires(text: string | undefined): string[] {
  const out: string[] = [];
  if (!text) return out;
  let marker: string | null = '';
  for (let line of text.split('\n')) {
    line = line.trim();
    if (!line || line.startsWith('#')) continue;
    if (line.startsWith('[')) {
      const section = line.replace(/^\[+|\]+$/g, '');
      const colon = section.indexOf(':');
      const extra = colon < 0 ? section : section.slice(0, colon);
      marker = extra.trim() ? null : section.slice(colon + 1).trim();
      continue;
    }
    if (marker === null) continue;
    keepRequirement(out, line + (marker ? '; ' + marker : ''));
  }
  return out;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const normalize = (name: string) => name.replace(/[-_.]+/g, '-').toLowerCase();

interface Dist {
  name: string;
  version: string;
  requires?: string[];
  installer?: string;
  tags?: string[];
  directUrl?: { url: string; editable?: boolean; vcs?: string };
}

function distFrom(fs: StaticFs, metaDir: string, base: string, kind: 'dist-info' | 'egg-info'): Dist | undefined {
  const dir = isDir(fs, metaDir);
  const h = headers(readText(fs, kind === 'dist-info' ? `${metaDir}/METADATA` : dir ? `${metaDir}/PKG-INFO` : metaDir));
  let { name, version } = h;
  if (!name || !version) {
    const parts = base.slice(0, base.lastIndexOf('.')).split('-');
    name = name || parts[0];
    if (!version && parts.length > 1) version = parts[1];
  }
  if (!name) return undefined;
  const d: Dist = { name, version: version ?? '' };
  if (h.requires.length) d.requires = h.requires;
  else if (kind === 'egg-info' && dir) {
    const reqs = eggRequires(readText(fs, `${metaDir}/requires.txt`));
    if (reqs.length) d.requires = reqs;
  }
  if (kind === 'dist-info') {
    const inst = readText(fs, `${metaDir}/INSTALLER`)?.trim();
    if (inst) d.installer = inst;
    const wh = headers(readText(fs, `${metaDir}/WHEEL`));
    if (wh.tag.length) d.tags = wh.tag;
    const du = readText(fs, `${metaDir}/direct_url.json`);
    if (du) {
      try {
        const j = JSON.parse(du) as { url?: string; dir_info?: { editable?: boolean }; vcs_info?: { vcs?: string } };
        d.directUrl = {
          url: j.url ?? '',
          ...(j.dir_info?.editable ? { editable: true } : {}),
          ...(j.vcs_info ? { vcs: j.vcs_info.vcs ?? '' } : {}),
        };
      } catch {
        /* as the probe: an unreadable direct_url.json is left out */
      }
    }
  }
  return d;
}

/** The PY_VERSION string ("3.11.2") in the interpreter or its libpython: the one of the expected minor that is there. */
function pythonVersion(fs: StaticFs, exe: string, minor: string): string | undefined {
  const files = [exe];
  const prefix = posix.dirname(posix.dirname(exe));
  for (const dir of [`${prefix}/lib`, `${prefix}/lib64`, ...LIB_DIRS]) {
    for (const n of listDir(fs, dir)) if (n.startsWith(`libpython${minor}`) && /\.so(\.|$)/.test(n)) files.push(`${dir}/${n}`);
  }
  const pattern = new RegExp(`(?<![0-9.])(${minor.replace('.', '\\.')}\\.\\d+(?:(?:a|b|rc)\\d+)?\\+?)\\x00`, 'g');
  for (const f of files) {
    const bytes = readFile(fs, f);
    if (!bytes) continue;
    const found = new Map<string, number>();
    for (const m of bytes.toString('latin1').matchAll(pattern)) found.set(m[1]!, (found.get(m[1]!) ?? 0) + 1);
    const best = [...found.entries()].sort((a, b) => b[1] - a[1])[0];
    if (best) return best[0];
  }
  return undefined;
}

/** The ABI tag (cp311, cp37m, cp313t) from lib-dynload's extension suffixes, as packaging.tags reads SOABI. */
function pythonAbi(fs: StaticFs, stdlib: string, minor: string): string {
  for (const n of listDir(fs, `${stdlib}/lib-dynload`)) {
    const m = /\.cpython-(\d+[a-z]*)-/.exec(n);
    if (m) return `cp${m[1]}`;
  }
  const [maj, min] = minor.split('.').map(Number) as [number, number];
  if (maj === 2) return `cp${maj}${min}mu`;
  return `cp${maj}${min}${min < 8 ? 'm' : ''}`;
}

export function pythonSection(ctx: StaticContext): string {
  const fs = ctx.fs;
  const named = which(ctx, 'python3') ?? which(ctx, 'python');
  if (!named) return '### absent';
  const exe = resolvePath(fs, named)!;
  const minor = /python(\d+\.\d+)[a-z]*$/.exec(exe)?.[1];
  if (!minor) return ['### missing', named, `its interpreter ${exe} names no version: a static capture cannot ask it`].join('\n');
  const version = pythonVersion(fs, exe, minor);
  if (!version) return ['### missing', named, `no Python ${minor} version string found in ${exe} or its libpython`].join('\n');
  const basePrefix = posix.dirname(posix.dirname(exe));
  // A venv: pyvenv.cfg beside the bin/ the PATH entry names (sys.prefix), not the resolved binary's.
  const venvPrefix = posix.dirname(posix.dirname(named));
  const pyvenv = readText(fs, `${venvPrefix}/pyvenv.cfg`);
  const prefix = pyvenv !== undefined ? venvPrefix : basePrefix;
  const systemSite = pyvenv === undefined || /^\s*include-system-site-packages\s*=\s*true\s*$/im.test(pyvenv);
  const stdlib = `${basePrefix}/lib/python${minor}`;
  const home = ctx.env.get('HOME') ?? '/root';
  const sysPath: string[] = [
    ...(ctx.env.get('PYTHONPATH') ?? '').split(':').filter((p) => p.startsWith('/')),
    stdlib,
    `${stdlib}/lib-dynload`,
    ...(pyvenv === undefined ? [`${home}/.local/lib/python${minor}/site-packages`] : []),
  ];
  if (pyvenv !== undefined) sysPath.push(`${prefix}/lib/python${minor}/site-packages`);
  if (systemSite) {
    // Debian's and Ubuntu's patched site.py: dist-packages under /usr/local and /usr.
    if (basePrefix === '/usr')
      sysPath.push(
        `/usr/local/lib/python${minor}/dist-packages`,
        '/usr/lib/python3/dist-packages',
        `/usr/lib/python${minor}/dist-packages`,
      );
    sysPath.push(`${basePrefix}/lib/python${minor}/site-packages`);
  }
  const seen = new Set<string>();
  const dists: Dist[] = [];
  const realStdlib = resolvePath(fs, stdlib);
  for (const entry of sysPath) {
    const real = resolvePath(fs, entry);
    if (real === undefined || !isDir(fs, real)) continue;
    const inStdlib = realStdlib !== undefined && (real + '/').startsWith(realStdlib + '/') && !/site-packages|dist-packages/.test(real);
    const roots: [string, string, 'dist-info' | 'egg-info'][] = [];
    for (const base of listDir(fs, real)) {
      if (base.endsWith('.dist-info')) roots.push([`${real}/${base}`, base, 'dist-info']);
      else if (base.endsWith('.egg-info')) roots.push([`${real}/${base}`, base, 'egg-info']);
    }
    roots.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [path, base, kind] of roots) {
      const d = distFrom(fs, path, base, kind);
      if (!d) continue;
      const key = normalize(d.name);
      if (inStdlib && ['python', 'wsgiref', 'argparse'].includes(key)) continue;
      if (seen.has(key)) continue;
      seen.add(key);
      d.name = key;
      dists.push(d);
    }
  }
  const condaMeta = `${prefix}/conda-meta`;
  let conda: { prefix: string; packages: { name: string; version: string; build: string; channel: string }[] } | null = null;
  if (isDir(fs, condaMeta)) {
    const packages = [];
    for (const f of listDir(fs, condaMeta).filter((n) => n.endsWith('.json'))) {
      try {
        const j = JSON.parse(readText(fs, `${condaMeta}/${f}`) ?? '') as Record<string, unknown>;
        if (typeof j['name'] === 'string') {
          packages.push({
            name: j['name'],
            version: str(j['version']),
            build: str(j['build']),
            channel: str(j['channel']),
          });
        }
      } catch {
        /* as the probe: an unreadable record is skipped */
      }
    }
    conda = { prefix: resolvePath(fs, prefix) ?? prefix, packages };
  }
  const out = {
    abi: pythonAbi(fs, stdlib, minor),
    conda,
    executable: exe,
    implementation: 'CPython',
    packages: dists,
    platform: `linux-${ctx.arch ?? 'x86_64'}`,
    version,
    virtualEnv: pyvenv !== undefined ? prefix : null,
  };
  return ['### interpreter', named, '### json', JSON.stringify(out)].join('\n');
}

// ---- r --------------------------------------------------------------------------------------

function dcf(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!text) return out;
  let last = '';
  for (const line of text.split('\n')) {
    if (/^\s/.test(line)) {
      if (last) out[last] += ' ' + line.trim();
      continue;
    }
    const i = line.indexOf(':');
    if (i <= 0) continue;
    last = line.slice(0, i);
    out[last] = line.slice(i + 1).trim();
  }
  return out;
}

const R_HOMES = ['/usr/lib/R', '/usr/local/lib/R', '/usr/lib64/R', '/opt/R/current/lib/R'];

export function rSection(ctx: StaticContext): string {
  const fs = ctx.fs;
  const rscript = which(ctx, 'Rscript');
  if (!rscript) return '### absent';
  const home = [ctx.env.get('R_HOME'), ...R_HOMES].find((h) => h && exists(ctx.fs, `${h}/library/base/DESCRIPTION`));
  if (!home) return ['### rscript', rscript].join('\n');
  const base = dcf(readText(fs, `${home}/library/base/DESCRIPTION`));
  // R.version$platform: base is built platform-free (`Built: R 4.2.2; ; …`); stats, with compiled
  // code, names it, and so does Renviron's R_PLATFORM.
  const platform =
    (dcf(readText(fs, `${home}/library/stats/DESCRIPTION`))['Built'] ?? '').split(';')[1]?.trim() ||
    /^R_PLATFORM=\$\{R_PLATFORM-'([^']+)'\}/m.exec(readText(fs, `${home}/etc/Renviron`) ?? '')?.[1] ||
    '';
  const clean = (s: string | undefined) => (s ?? '').replace(/[\t\r\n]+/g, ' ');
  // .libPaths(): R_LIBS, R_LIBS_USER, R_LIBS_SITE, then the default site libraries and R_HOME/library (Debian's Renviron).
  const libs = [
    ...(ctx.env.get('R_LIBS') ?? '').split(':'),
    ...(ctx.env.get('R_LIBS_USER') ?? '').split(':'),
    ...(ctx.env.get('R_LIBS_SITE') ?? '').split(':'),
    '/usr/local/lib/R/site-library',
    `${home}/site-library`,
    `${home}/library`,
  ].filter((p) => p.startsWith('/') && isDir(fs, p));
  const seen = new Set<string>();
  const rows: string[] = [];
  for (const lib of [...new Set(libs)]) {
    for (const pkg of listDir(fs, lib)) {
      const d = dcf(readText(fs, `${lib}/${pkg}/DESCRIPTION`));
      const name = d['Package'];
      // installed.packages() lists only installed packages: R's translations/ has a DESCRIPTION but no Meta/.
      if (!name || !d['Version'] || seen.has(name) || !exists(fs, `${lib}/${pkg}/Meta/package.rds`)) continue;
      seen.add(name);
      const dep = clean(d['Depends']);
      const rdep = /(?:^|,)\s*R\s*\(([^)]*)\)/.exec(dep)?.[1]?.replace(/\s+/g, ' ').trim() ?? '';
      const builtR = /^R\s+([^;]+)/.exec(d['Built'] ?? '')?.[1]?.trim() ?? '';
      rows.push(
        [
          name,
          d['Version'],
          d['Priority'],
          d['Repository'],
          d['RemoteType'],
          d['GithubRepo'],
          d['biocViews']?.trim() ? 'yes' : '',
          builtR,
          rdep,
        ]
          .map(clean)
          .join('\t'),
      );
    }
  }
  return [
    '### rscript',
    rscript,
    '### r',
    `version=${base['Version'] ?? ''}`,
    `platform=${platform}`,
    `home=${home}`,
    '### packages',
    ...rows,
  ].join('\n');
}

// ---- jvm ------------------------------------------------------------------------------------

export function jvmSection(ctx: StaticContext): string {
  const fs = ctx.fs;
  const out: string[] = [];
  let jhome: string | undefined;
  const javaHome = ctx.env.get('JAVA_HOME');
  if (javaHome && exists(fs, `${javaHome}/bin/java`)) jhome = javaHome;
  else {
    const java = which(ctx, 'java');
    if (java) jhome = posix.dirname(posix.dirname(resolvePath(fs, java)!));
  }
  if (jhome) {
    for (const r of [`${jhome}/release`, posix.normalize(`${jhome}/../release`)]) {
      const text = readText(fs, r);
      if (text !== undefined && /^JAVA_VERSION=/m.test(text)) {
        out.push(
          '### java-release',
          `home=${jhome}`,
          ...text.split('\n').filter((l) => /^(JAVA_VERSION|JAVA_RUNTIME_VERSION|IMPLEMENTOR|IMPLEMENTOR_VERSION)=/.test(l)),
        );
        break;
      }
    }
  }
  // Scala: the library jars where launchers and distributions keep them, as probes/jvm.sh looks.
  const scala = which(ctx, 'scala');
  const dirs = [
    ...(ctx.env.get('SCALA_HOME') ? [`${ctx.env.get('SCALA_HOME')}/lib`] : []),
    ...(scala ? [`${posix.dirname(posix.dirname(resolvePath(fs, scala)!))}/lib`] : []),
    '/usr/share/scala/lib',
    '/usr/share/java',
  ];
  for (const d of dirs) {
    const jars = listDir(fs, d).filter((n) => /^scala-library.*\.jar$/.test(n) || /^scala3-library_3-.*\.jar$/.test(n));
    if (jars.length > 0) {
      out.push('### scala-jars', ...jars.map((j) => resolvePath(fs, `${d}/${j}`) ?? `${d}/${j}`));
      break;
    }
  }
  return out.join('\n');
}

// ---- env ------------------------------------------------------------------------------------

export function envSection(ctx: StaticContext): string {
  const names = [...ctx.env.keys()].filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n)).sort();
  return ['### vars', ...names.map((n) => `hex ${n} ${Buffer.from(ctx.env.get(n)!, 'utf8').toString('hex')}`)].join('\n');
}

/** Which files of an image a static capture reads: the only ones whose bytes are kept from its layers. */
export function keepForStaticCapture(path: string, size: number): boolean {
  const base = posix.basename(path);
  if (size > 64 * 1024 * 1024) return false;
  if (/^\/(etc|usr\/lib)\/(os-release|lsb-release|alpine-release|redhat-release|debian_version)$/.test(path)) return true;
  if (path === '/var/lib/dpkg/status' || path.startsWith('/var/lib/dpkg/status.d/') || path === '/var/lib/apt/extended_states') return true;
  if (/^\/(usr\/)?lib\/apk\/db\/installed$/.test(path) || path === '/var/lib/rpmmanifest/container-manifest-2') return true;
  if (base === 'libc.so.6' || /^ld-musl-.*\.so\.1$/.test(base)) return true;
  if (/\/bin\/python\d+\.\d+[a-z]*$/.test(path) || /^libpython\d/.test(base)) return true;
  if (base === 'pyvenv.cfg' || /\/conda-meta\/[^/]+\.json$/.test(path)) return true;
  if (/\.(dist|egg)-info(\/(METADATA|WHEEL|INSTALLER|direct_url\.json|PKG-INFO|requires\.txt))?$/.test(path)) return true;
  if (base === 'DESCRIPTION' && /\/(library|site-library)\/[^/]+\/DESCRIPTION$/.test(path)) return true;
  if (/\/R\/etc\/Renviron$/.test(path)) return true;
  if (base === 'release' && /\/(jvm|java|jdk|openjdk)[^/]*\/(?:[^/]+\/)?release$/.test(path)) return true;
  return false;
}
