// Debian/Ubuntu packages: the ones the user installed (apt-mark showmanual) and that the base
// image does not already bring (priority required/important come with every Debian image), pinned
// `name=version`. Pins only hold on the release the source ran: another release's archive has
// other versions, so on a different base they are listed, not installed.
// Exact pins also expire when the archive drops superseded versions
// (https://github.com/KatherLab/MediSwarm/issues/395): point apt at snapshot.debian.org for
// long-lived rebuilds.
import { printable } from '../../core/text.js';
import { PLATFORM_DPKG_ARCH } from '../../data/base-images.js';
import type { Fingerprint } from '../fingerprint.js';
import {
  argLines,
  byName,
  runChain,
  wrapComment,
  type AptNeed,
  type BasePlan,
  type Block,
  type DockerfilePart,
  type Omission,
} from '../shared/dockerfile-part.js';
import { UNSAFE_WHY, isDebName, isDebVersion } from '../shared/dockerfile-safe.js';
import type { SystemPackage } from './types.js';

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

/** Version strings that show the package came from an apt source other than the release archive. */
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

export function systemBlock(fp: Fingerprint, plan: BasePlan, needs: readonly AptNeed[], omissions: Omission[]): Block | null {
  const sys = fp.facets.system;
  const nativeArch = PLATFORM_DPKG_ARCH[plan.platform] ?? 'amd64';
  const captured = new Map((sys.status === 'ok' ? (sys.packages ?? []) : []).map((p) => [p.name, p] as const));
  const pins = new Map<string, string>();
  const comments: string[] = [];
  const unpinned: string[] = [];

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
      omissions.push({ facet: 'system', subject: printable(p.name), why: 'pinned for another distro release than the base image' });
  } else {
    const skipped: string[] = [];
    for (const p of user) {
      // `name=version` goes into a RUN line: only what Debian policy allows gets there.
      if (!isDebName(p.name) || !isDebVersion(p.version)) {
        skipped.push(`${p.name} ${p.version} (${UNSAFE_WHY})`);
        omissions.push({ facet: 'system', subject: printable(p.name), why: UNSAFE_WHY });
        continue;
      }
      const host = hostOnlyReason(p.name);
      if (host) {
        skipped.push(`${p.name} (${host})`);
        omissions.push({ facet: 'system', subject: p.name, why: host });
        continue;
      }
      // Versions that name another apt source (backports, a vendor repository such as NodeSource)
      // cannot come from the release archive the base image is configured for.
      const source = OTHER_SOURCE.find((o) => o.pattern.test(p.version));
      if (source) {
        skipped.push(`${p.name} (${source.why})`);
        omissions.push({ facet: 'system', subject: p.name, why: source.why });
        continue;
      }
      if (p.arch && p.arch !== 'all' && p.arch !== nativeArch) {
        skipped.push(`${p.name}:${p.arch} (foreign architecture)`);
        omissions.push({ facet: 'system', subject: p.name, why: `foreign architecture ${p.arch}` });
        continue;
      }
      pins.set(p.name, p.version);
    }
    if (skipped.length > 0) comments.push(...wrapComment(`Left out: ${skipped.join(', ')}.`));
  }
  const userPinned = pins.size;
  const extraWhy: string[] = [];
  for (const need of needs) {
    if (pins.has(need.name)) continue;
    const seen = plan.sameDistro ? captured.get(need.name) : undefined;
    const known = seen && isDebVersion(seen.version) ? seen : undefined;
    if (known) pins.set(need.name, known.version);
    else unpinned.push(need.name);
    extraWhy.push(`${need.name} (${need.why})`);
  }
  if (pins.size === 0 && unpinned.length === 0) return comments.length ? { comments, lines: [] } : null;
  if (plan.sameDistro && user.length > 0) {
    comments.push('# Packages from other apt sources (vendor repositories) need those sources added before this step.');
  }
  if (userPinned > 0) {
    // Exact pins expire (KatherLab/MediSwarm#395); a dated snapshot keeps them.
    const snapshot = plan.distro?.id === 'ubuntu' ? 'snapshot.ubuntu.com' : 'snapshot.debian.org';
    comments.push(
      ...wrapComment(
        `Exact pins stop installing once the archive drops superseded versions: for a later rebuild, point apt at ${snapshot} for a date when these versions were current (the fingerprint does not record which snapshot the source used).`,
      ),
    );
  }

  const head: string[] = [];
  head.push(
    userPinned > 0
      ? `# System packages installed by hand on the source, pinned to its versions (${printable(fp.facets.os.distro?.prettyName ?? 'same release')}).`
      : '# System packages the image needs.',
  );
  if (extraWhy.length) head.push(...wrapComment(`Also needed here: ${extraWhy.join(', ')}.`));
  if (unpinned.length) head.push(...wrapComment(`Unpinned (the source has no version of them for this release): ${unpinned.join(', ')}.`));
  const args = [
    ...[...pins].map(([name, version]) => ({ name, arg: `${name}=${version}` })),
    ...unpinned.map((name) => ({ name, arg: name })),
  ]
    .sort(byName)
    .map((a) => a.arg);
  const lines = runChain(['apt-get update', argLines('apt-get install -y --no-install-recommends', args), 'rm -rf /var/lib/apt/lists/*']);
  return { comments: [...head, ...comments], lines };
}

/** The system part: the apt packages the user installed, pinned, plus what the other parts need. */
export const systemDockerfile: DockerfilePart = {
  order: 0,
  installsNeeds: true,
  build: ({ fp, plan, needs, omissions }) => {
    const block = systemBlock(fp, plan, needs, omissions);
    return { blocks: block ? [block] : [] };
  },
};
