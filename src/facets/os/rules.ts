// OS rules: architecture, C library, distro release. (The installed wheels' libc needs read the
// python facet too: src/rules/cross-facet/wheels-vs-libc.ts.)
import { defineRules, finding, type Finding } from '../../core/findings.js';
import { normalizeArch } from '../../data/arch.js';
import { getScheme } from '../../versioning/index.js';
import type { CompareContext } from '../types.js';
import type { OsFacet } from './types.js';

// The rules this facet reports, declared once (id, default severity, title, help): the
// catalog (src/rules/catalog.ts) reads them from the facet module.
export const OS_RULES = defineRules('os', {
  arch: {
    severity: 'error',
    title: 'CPU architecture differs',
    help: 'Compiled wheels, conda packages and shared libraries are built for one architecture (x86_64, arm64): an environment copied from an arm64 laptop to an x86_64 server needs every compiled package reinstalled for the target.',
  },
  platform: {
    severity: 'error',
    title: 'Operating system differs',
    help: 'Binary packages, paths and line endings differ between Linux, macOS and Windows. Reproduce the environment on the target from a lock file instead of copying it.',
  },
  'libc-family': {
    severity: 'error',
    title: 'C library family differs (glibc vs musl)',
    help: 'manylinux wheels need glibc and musllinux wheels need musl (PEP 600, PEP 656): on Alpine (musl) pip falls back to slow source builds or fails. Use a glibc base such as Debian or Ubuntu.',
  },
  'libc-version': {
    severity: 'warning',
    title: 'C library version differs',
    help: 'Binaries built against a newer glibc fail on an older one with "version `GLIBC_2.xx` not found". A warning when the target is older, info when it is newer (older binaries keep working).',
  },
  distro: {
    severity: 'warning',
    title: 'Distribution release differs',
    help: 'Another release brings other versions of OpenSSL, libstdc++, BLAS and every other system library. Use the baseline’s release on the target, for example the base image of the generated Dockerfile.',
  },
  'distro-point-release': {
    severity: 'info',
    title: 'Distribution point release differs',
    help: 'Same release line (Debian 12.4 and 12.5): security and bug fixes only.',
  },
});

export function compareOs(baseline: OsFacet, target: OsFacet, _ctx: CompareContext): Finding[] {
  const findings: Finding[] = [];
  const archA = normalizeArch(baseline.arch);
  const archB = normalizeArch(target.arch);
  if (archA !== undefined && archB !== undefined && archA !== archB) {
    findings.push(
      finding(OS_RULES.arch, {
        subject: 'arch',
        baseline: baseline.arch,
        target: target.arch,
        message: `CPU architecture differs: ${baseline.arch} here, ${target.arch} there; compiled wheels and libraries built for one do not run on the other`,
        hint: `rebuild the environment for ${target.arch} (reinstall packages there), or run the target on ${baseline.arch}`,
      }),
    );
  }

  if (baseline.name !== undefined && target.name !== undefined && baseline.name !== target.name) {
    findings.push(
      finding(OS_RULES.platform, {
        subject: 'os',
        baseline: baseline.name,
        target: target.name,
        message: `operating system differs: ${baseline.name} here, ${target.name} there; binary packages and paths differ between them`,
        hint: `reproduce the environment on ${target.name} from a lock file rather than copying it`,
      }),
    );
  } else {
    findings.push(...compareLibc(baseline, target));
  }

  findings.push(...compareDistro(baseline, target));
  return findings;
}

function describeLibc(os: OsFacet): string | undefined {
  if (os.libc === undefined) return undefined;
  return os.libc.version === undefined ? os.libc.family : `${os.libc.family} ${os.libc.version}`;
}

function compareLibc(baseline: OsFacet, target: OsFacet): Finding[] {
  const a = baseline.libc;
  const b = target.libc;
  if (a === undefined || b === undefined || a.family === 'unknown' || b.family === 'unknown') return [];
  if (a.family !== b.family) {
    return [
      finding(OS_RULES['libc-family'], {
        subject: 'libc',
        baseline: describeLibc(baseline),
        target: describeLibc(target),
        message: `C library differs: ${a.family} here, ${b.family} there; manylinux wheels need glibc and musllinux wheels need musl`,
        hint:
          b.family === 'musl' ? 'use a glibc base image (Debian/Ubuntu) instead of Alpine' : `use a ${a.family}-based image on the target`,
      }),
    ];
  }
  if (a.version === undefined || b.version === undefined || a.version === b.version) return [];
  const older = getScheme('loose').compare(b.version, a.version) < 0;
  return [
    finding(OS_RULES['libc-version'], {
      severity: older ? 'warning' : 'info',
      subject: 'libc',
      baseline: describeLibc(baseline),
      target: describeLibc(target),
      message: older
        ? `the target's ${b.family} ${b.version} is older than ${a.version} here: binaries built here may fail with "version GLIBC_… not found"`
        : `${a.family} is newer on the target (${b.version}) than here (${a.version}); older binaries keep working`,
      hint: older ? `use a target base with ${a.family} ≥ ${a.version}, or build on the oldest glibc you deploy to` : 'nothing to do',
    }),
  ];
}

/**
 * How many leading VERSION_ID parts name a release line: Ubuntu 22.04 and 22.10 are different
 * releases and Alpine 3.18/3.19 too, while Debian 12.4 → 12.5 is a point release of "12".
 */
const RELEASE_PARTS: Readonly<Record<string, number>> = {
  ubuntu: 2,
  alpine: 2,
  'opensuse-leap': 2,
  sles: 1,
  linuxmint: 1,
};

function releaseLine(id: string, versionId: string): string {
  return versionId
    .split('.')
    .slice(0, RELEASE_PARTS[id] ?? 1)
    .join('.');
}

function compareDistro(baseline: OsFacet, target: OsFacet): Finding[] {
  const a = baseline.distro;
  const b = target.distro;
  if (a === undefined || b === undefined) return [];
  const va = a.versionId ?? '';
  const vb = b.versionId ?? '';
  const labelA = a.prettyName ?? `${a.id} ${va}`.trim();
  const labelB = b.prettyName ?? `${b.id} ${vb}`.trim();
  if (a.id !== b.id || releaseLine(a.id, va) !== releaseLine(b.id, vb)) {
    return [
      finding(OS_RULES.distro, {
        subject: 'distro',
        baseline: `${a.id} ${va}`.trim(),
        target: `${b.id} ${vb}`.trim(),
        message: `distribution release differs: ${labelA} here, ${labelB} there; system libraries (OpenSSL, libstdc++, BLAS) differ in version`,
        hint: `use the same base (${a.id} ${va}) on the target, e.g. the base image of the generated Dockerfile`,
      }),
    ];
  }
  if (va === vb) return [];
  return [
    finding(OS_RULES['distro-point-release'], {
      subject: 'distro',
      baseline: `${a.id} ${va}`,
      target: `${b.id} ${vb}`,
      message: `point release differs: ${a.id} ${va} here, ${vb} there (same release line, security and bug fixes only)`,
      hint: 'nothing to do unless a system package fix matters to you',
    }),
  ];
}
