// Debian/Ubuntu packages: the ones the user installed (apt-mark showmanual) and that the base
// image does not already bring (priority required/important come with every Debian image), pinned
// `name=version`. Pins only hold on the release the source ran: another release's archive has
// other versions, so on a different base they are listed, not installed.
// Exact pins also expire when the archive drops superseded versions
// (https://github.com/KatherLab/MediSwarm/issues/395): where the capture recorded each package's
// apt origin, the sources come from src/facets/system/dockerfile-apt.ts (the archive's snapshot
// or a mirror, and the vendor repositories of kept vendor packages); what no configured source
// can offer is left out by name with its origin.
import { printable } from '../../core/text.js';
import { PLATFORM_DPKG_ARCH } from '../../data/base-images.js';
import type { Fingerprint } from '../fingerprint.js';
import {
  argLines,
  byName,
  DEFAULT_FILE_NAMES,
  runChain,
  wrapComment,
  type AptNeed,
  type BasePlan,
  type Block,
  type DockerfileOptions,
  type DockerfilePart,
  type Omission,
  type SideFile,
} from '../shared/dockerfile-part.js';
import { UNSAFE_WHY, isDebName, isDebVersion } from '../shared/dockerfile-safe.js';
import { distroArchive, KEYRING_DIR, planAptSources, usableSource, vendorSourceOf, type AptSourcesOptions } from './dockerfile-apt.js';
import type { AptSource, SystemPackage } from './types.js';

/** Packages that belong to the host, not to a container: kernel, boot, firmware, GPU driver, desktop. */
export const HOST_ONLY_DEB: readonly { pattern: RegExp; why: string }[] = [
  { pattern: /^linux-(image|headers|modules)(-|$)/, why: 'the kernel is the host’s' },
  { pattern: /^(grub|shim|efibootmgr|os-prober|initramfs-tools|dracut)/, why: 'boot loader: the host’s' },
  { pattern: /^(firmware-|.*-microcode$)/, why: 'firmware: the host’s' },
  // The driver (libcuda) comes from the host through the container toolkit (nvidia-docker#671).
  {
    pattern: /^(nvidia-driver|nvidia-kernel|libnvidia-|nvidia-dkms|xserver-xorg-video-nvidia)/,
    why: 'the NVIDIA driver is mounted from the host',
  },
  {
    pattern: /^(task-|xserver-|gdm3|lightdm|sddm|network-manager|wpasupplicant|cloud-init|openssh-server|systemd-sysv)/,
    why: 'desktop or machine service, not part of an image',
  },
];

/**
 * For fingerprints without origins only (older captures, apt's lists cleaned away): version strings
 * that show the package came from an apt source other than the release archive. With origins
 * recorded, where a package came from is apt's data, never a guess from its name or version.
 */
export const OTHER_SOURCE: readonly { pattern: RegExp; why: string }[] = [
  { pattern: /~bpo\d+|\+bpo\d+/, why: 'from backports: add the backports source first' },
  { pattern: /nodesource/, why: 'from the NodeSource repository' },
];

export function hostOnlyReason(name: string): string | undefined {
  return HOST_ONLY_DEB.find((r) => r.pattern.test(name))?.why;
}

/** The manual, non-base packages of the source, split into what can be installed and what cannot. */
export function userPackages(fp: Fingerprint): SystemPackage[] {
  const sys = fp.facets.system;
  if (sys.status !== 'ok' || sys.manager !== 'dpkg') return [];
  const pkgs = sys.packages ?? [];
  // Without apt's extended_states (debootstrap, images built without apt) nothing says what was
  // asked for and `manual` is unset: then every package the base image does not bring is taken,
  // which pins the dependencies too.
  const marksKnown = pkgs.some((p) => p.manual !== undefined);
  return pkgs.filter((p) => (marksKnown ? p.manual === true : true) && p.priority !== 'required' && p.priority !== 'important');
}

/** Why a package with a recorded origin cannot be installed from the sources the image configures, or undefined. */
function originLeftOut(
  fp: Fingerprint,
  p: SystemPackage,
  opts: AptSourcesOptions,
): { why: string; group: string; vendor?: AptSource } | undefined {
  const o = p.origin!;
  if (o.kind === 'local') {
    return {
      why: 'no apt source of the source machine offers this version (a .deb installed by hand, or a repository removed since)',
      group: 'offered by no apt source',
    };
  }
  const distro = o.uri !== undefined && distroArchive(fp, o.uri) !== undefined;
  if (distro) {
    if (o.kind === 'archive') return undefined;
    // superseded: the archive replaced it; a snapshot or a mirror still has it.
    if (opts.mirror !== undefined || opts.snapshot !== 'off') return undefined;
    return {
      why: `the archive replaced ${p.version} with ${o.newer ?? 'a newer version'}; --apt-snapshot auto installs it from the snapshot of when it was current`,
      group: 'replaced in the archive (--apt-snapshot off)',
    };
  }
  const where = `${o.uri ?? 'an unknown source'}${o.dist ? ` ${o.dist}` : ''}`;
  if (o.kind === 'superseded') {
    return {
      why: `${where} no longer offers ${p.version} (now ${o.newer ?? 'another version'})`,
      group: 'replaced in a vendor repository',
    };
  }
  const vendor = vendorSourceOf(fp, o);
  if (!vendor) return { why: `from ${where}, a source the capture did not record`, group: 'vendor source not recorded' };
  if (!usableSource(vendor)) {
    return {
      why: `from ${where}, whose source line needs credentials or characters a sources file cannot hold`,
      group: 'vendor source not reproducible',
    };
  }
  return { why: '', group: '', vendor };
}

export function systemBlock(
  fp: Fingerprint,
  plan: BasePlan,
  opts: DockerfileOptions,
  needs: readonly AptNeed[],
  omissions: Omission[],
): { block: Block | null; files: SideFile[]; kept: number; contextFiles: string[] } {
  const sys = fp.facets.system;
  const nativeArch = PLATFORM_DPKG_ARCH[plan.platform] ?? 'amd64';
  const captured = new Map((sys.status === 'ok' ? (sys.packages ?? []) : []).map((p) => [p.name, p] as const));
  const pins = new Map<string, string>();
  const comments: string[] = [];
  const unpinned: string[] = [];
  const aptOpts: AptSourcesOptions = { snapshot: opts.aptSnapshot ?? 'auto', mirror: opts.aptMirror, mirrorKey: opts.aptMirrorKey };
  // Origins recorded (a capture by this probe with apt's lists at hand): decide by them, not by names.
  const originsKnown = sys.status === 'ok' && (sys.packages ?? []).some((p) => p.origin !== undefined);
  const keptPackages: SystemPackage[] = [];
  const vendors = new Map<AptSource, true>();

  const user = userPackages(fp);
  if (user.length > 0 && !plan.sameDistro) {
    const src = fp.facets.os.distro;
    const names = user.map((p) => p.name);
    comments.push(
      ...wrapComment(
        `Not installed: ${names.length} packages installed by hand on the source (${src?.prettyName ?? src?.id ?? 'another system'}), whose versions only exist on that release: ${names.join(', ')}.`,
      ),
    );
    for (const p of user)
      omissions.push({
        facet: 'system',
        subject: printable(p.name),
        why: 'pinned for another distro release than the base image',
        group: 'another distro release',
      });
  } else {
    // Left out, by reason: one comment per reason, naming each package (with its version).
    const skipped = new Map<string, string[]>();
    const skip = (p: SystemPackage, label: string, why: string, group: string) => {
      skipped.set(why, [...(skipped.get(why) ?? []), printable(label)]);
      omissions.push({ facet: 'system', subject: printable(p.name), why, group });
    };
    for (const p of user) {
      // `name=version` goes into a RUN line: only what Debian policy allows gets there.
      if (!isDebName(p.name) || !isDebVersion(p.version)) {
        skip(p, `${p.name} ${p.version}`, UNSAFE_WHY, 'unsafe name or version');
        continue;
      }
      const host = hostOnlyReason(p.name);
      if (host) {
        skip(p, p.name, host, 'belongs to the host');
        continue;
      }
      if (p.arch && p.arch !== 'all' && p.arch !== nativeArch) {
        skip(p, `${p.name}:${p.arch}`, `foreign architecture ${p.arch}`, 'foreign architecture');
        continue;
      }
      if (originsKnown && p.origin) {
        const out = originLeftOut(fp, p, aptOpts);
        if (out?.vendor) vendors.set(out.vendor, true);
        else if (out) {
          skip(p, `${p.name} ${p.version}`, out.why, out.group);
          continue;
        }
      } else if (!originsKnown) {
        // A fingerprint without origins (an older capture, or apt's lists cleaned away): versions
        // that name another apt source (backports) cannot come from the release archive.
        const source = OTHER_SOURCE.find((o) => o.pattern.test(p.version));
        if (source) {
          skip(p, p.name, source.why, 'another apt source');
          continue;
        }
      }
      pins.set(p.name, p.version);
      keptPackages.push(p);
    }
    for (const [why, labels] of skipped) comments.push(...wrapComment(`Left out (${why}): ${labels.join(', ')}.`));
  }
  const userPinned = pins.size;
  // A pinned version depends on exact versions of its siblings (curl 7.88.1-10+deb12u14 on libcurl4
  // (= 7.88.1-10+deb12u14), libpq-dev on libpq5 (= …), perl on perl-base (= …)), and apt resolves a
  // dependency to its candidate, the newest version offered, not the one that fits: every package of
  // the source whose version is not apt's candidate (replaced, or a newer one offered beside it) is
  // pinned as well, base packages included (the base image's newer ones would not fit).
  const depPins: string[] = [];
  if (originsKnown && plan.sameDistro && pins.size > 0) {
    for (const p of sys.status === 'ok' ? (sys.packages ?? []) : []) {
      if (pins.has(p.name) || p.manual === true || p.origin?.kind === 'local' || !p.origin?.newer) continue;
      if (!p.origin.uri || distroArchive(fp, p.origin.uri) === undefined) continue;
      if (!isDebName(p.name) || !isDebVersion(p.version) || (p.arch && p.arch !== 'all' && p.arch !== nativeArch)) continue;
      if (originLeftOut(fp, p, aptOpts)) continue;
      pins.set(p.name, p.version);
      keptPackages.push(p);
      depPins.push(p.name);
    }
  }
  const extraWhy: string[] = [];
  for (const need of needs) {
    if (pins.has(need.name)) continue;
    const seen = plan.sameDistro ? captured.get(need.name) : undefined;
    // With origins, a need is pinned only where the configured sources still offer its version.
    const reachable = seen && (!originsKnown || !seen.origin || originLeftOut(fp, seen, aptOpts) === undefined);
    const known = seen && reachable && isDebVersion(seen.version) ? seen : undefined;
    if (known) pins.set(need.name, known.version);
    else unpinned.push(need.name);
    extraWhy.push(`${need.name} (${need.why})`);
  }
  const sources =
    originsKnown && plan.sameDistro && pins.size > 0 ? planAptSources(fp, aptOpts, keptPackages, [...vendors.keys()]) : undefined;
  const files: SideFile[] = [];
  const contextFiles: string[] = [];
  if (pins.size === 0 && unpinned.length === 0)
    return { block: comments.length ? { comments, lines: [] } : null, files, kept: 0, contextFiles };
  if (plan.sameDistro && user.length > 0 && !originsKnown) {
    comments.push('# Packages from other apt sources (vendor repositories) need those sources added before this step.');
  }
  if (userPinned > 0 && !sources?.replacesArchive) {
    // Exact pins expire (KatherLab/MediSwarm#395); a dated snapshot keeps them.
    const snapshot = plan.distro?.id === 'ubuntu' ? 'snapshot.ubuntu.com' : 'snapshot.debian.org';
    comments.push(
      ...wrapComment(
        originsKnown
          ? `Exact pins stop installing once the archive drops superseded versions: --apt-snapshot auto points apt at ${snapshot} for the dates the source's lists record.`
          : `Exact pins stop installing once the archive drops superseded versions: for a later rebuild, point apt at ${snapshot} for a date when these versions were current (the fingerprint does not record which snapshot the source used).`,
      ),
    );
  }

  const head: string[] = [];
  head.push(
    userPinned > 0
      ? `# System packages installed by hand on the source, pinned to its versions (${printable(fp.facets.os.distro?.prettyName ?? 'same release')}).`
      : '# System packages the image needs.',
  );
  if (depPins.length)
    head.push(
      ...wrapComment(
        `Pinned too, as the source has them (installed versions apt would not choose by itself, which pinned packages may depend on exactly): ${depPins.join(', ')}.`,
      ),
    );
  if (extraWhy.length) head.push(...wrapComment(`Also needed here: ${extraWhy.join(', ')}.`));
  if (unpinned.length) head.push(...wrapComment(`Unpinned (the source has no version of them for this release): ${unpinned.join(', ')}.`));
  const args = [
    ...[...pins].map(([name, version]) => ({ name, arg: `${name}=${version}` })),
    ...unpinned.map((name) => ({ name, arg: name })),
  ]
    .sort(byName)
    .map((a) => a.arg);
  const lines: string[] = [];
  const commands: string[] = [];
  if (sources?.content) {
    const names = { ...DEFAULT_FILE_NAMES, ...opts.fileNames };
    files.push({ kind: 'apt-sources', path: names['apt-sources'], content: sources.content });
    head.push(...wrapComment(`apt sources (${names['apt-sources']}): ${sources.notes.join('; ')}.`));
    const bring = sources.keys.filter((k) => k.from !== opts.aptMirrorKey).map((k) => k.from);
    if (bring.length) {
      head.push(
        ...wrapComment(
          `Keyrings: put ${bring.join(', ')} in the build context, copied from the source machine (the Signed-By files its sources name); envdiff never downloads a key.`,
        ),
      );
    }
    contextFiles.push(...sources.keys.map((k) => k.from));
    lines.push(`COPY ${names['apt-sources']} /etc/apt/sources.list.d/envdiff.sources`);
    for (const k of sources.keys) lines.push(`COPY ${k.from} ${KEYRING_DIR}/${k.name}`);
    if (sources.replacesArchive)
      commands.push('rm -f /etc/apt/sources.list /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list.d/ubuntu.sources');
  }
  // Exact pins may sit below what the base image brings (an older security release): allowed, on purpose.
  const install = originsKnown
    ? 'apt-get install -y --no-install-recommends --allow-downgrades'
    : 'apt-get install -y --no-install-recommends';
  commands.push('apt-get update', argLines(install, args), 'rm -rf /var/lib/apt/lists/*');
  lines.push(...runChain(commands));
  return { block: { comments: [...head, ...comments], lines }, files, kept: userPinned, contextFiles };
}

/** The system part: the apt packages the user installed, pinned, plus what the other parts need. */
export const systemDockerfile: DockerfilePart = {
  order: 0,
  installsNeeds: true,
  build: ({ fp, plan, opts, needs, omissions }) => {
    const { block, files, kept, contextFiles } = systemBlock(fp, plan, opts, needs, omissions);
    return { blocks: block ? [block] : [], files, kept: { apt: kept }, contextFiles };
  },
};
