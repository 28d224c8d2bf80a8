// OS rules: architecture, C library, distro release, and the installed wheels' libc needs.
import type { Finding, OsFacet, PythonPackage } from '../../core/types.js';
import { wheelLibcNeed, type WheelLibcNeed } from '../../data/manylinux.js';
import { getScheme } from '../../versioning/index.js';
import { listSome, makeFinding, normalizeArch } from '../rule-helpers.js';
import type { CompareContext } from '../types.js';

export function compareOs(baseline: OsFacet, target: OsFacet, ctx: CompareContext): Finding[] {
  const findings: Finding[] = [];
  const archA = normalizeArch(baseline.arch);
  const archB = normalizeArch(target.arch);
  if (archA !== undefined && archB !== undefined && archA !== archB) {
    findings.push(
      makeFinding({
        ruleId: 'os/arch',
        severity: 'error',
        facet: 'os',
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
      makeFinding({
        ruleId: 'os/platform',
        severity: 'error',
        facet: 'os',
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
  findings.push(...compareWheelLibc(target, ctx));
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
      makeFinding({
        ruleId: 'os/libc-family',
        severity: 'error',
        facet: 'os',
        subject: 'libc',
        baseline: describeLibc(baseline),
        target: describeLibc(target),
        message: `C library differs: ${a.family} here, ${b.family} there; manylinux wheels need glibc and musllinux wheels need musl`,
        hint: b.family === 'musl' ? 'use a glibc base image (Debian/Ubuntu) instead of Alpine' : `use a ${a.family}-based image on the target`,
      }),
    ];
  }
  if (a.version === undefined || b.version === undefined || a.version === b.version) return [];
  const older = getScheme('loose').compare(b.version, a.version) < 0;
  return [
    makeFinding({
      ruleId: 'os/libc-version',
      severity: older ? 'warning' : 'info',
      facet: 'os',
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
  return versionId.split('.').slice(0, RELEASE_PARTS[id] ?? 1).join('.');
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
      makeFinding({
        ruleId: 'os/distro',
        severity: 'warning',
        facet: 'os',
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
    makeFinding({
      ruleId: 'os/distro-point-release',
      severity: 'info',
      facet: 'os',
      subject: 'distro',
      baseline: `${a.id} ${va}`,
      target: `${b.id} ${vb}`,
      message: `point release differs: ${a.id} ${va} here, ${vb} there (same release line, security and bug fixes only)`,
      hint: 'nothing to do unless a system package fix matters to you',
    }),
  ];
}

/**
 * PEP 600 / PEP 656: an installed `manylinux_X_Y` wheel needs glibc ≥ X.Y, a `musllinux_X_Y` wheel
 * needs musl ≥ X.Y, and neither runs on the other libc. Reinstalling the same versions on the
 * target will fail or pick other builds.
 */
function compareWheelLibc(target: OsFacet, ctx: CompareContext): Finding[] {
  const python = ctx.baseline.facets.python;
  const libc = target.libc;
  if (python?.status !== 'ok' || libc === undefined) return [];
  if (libc.family !== 'glibc' && libc.family !== 'musl') return [];
  const tooOld: { pkg: PythonPackage; need: WheelLibcNeed }[] = [];
  const wrongLibc: { pkg: PythonPackage; need: WheelLibcNeed }[] = [];
  const loose = getScheme('loose');
  for (const pkg of python.packages ?? []) {
    const need = packageLibcNeed(pkg);
    if (need === undefined) continue;
    if (need.family !== libc.family) wrongLibc.push({ pkg, need });
    else if (libc.version !== undefined && loose.compare(libc.version, need.version) < 0) tooOld.push({ pkg, need });
  }
  const findings: Finding[] = [];
  const targetLibc = libc.version === undefined ? libc.family : `${libc.family} ${libc.version}`;
  if (tooOld.length > 0) {
    // Name the most demanding wheels first: they tell the user how new the target must be.
    tooOld.sort((x, y) => loose.compare(y.need.version, x.need.version) || (x.pkg.name < y.pkg.name ? -1 : 1));
    const highest = tooOld[0]?.need.version ?? '';
    const names = tooOld.map(({ pkg, need }) => `${pkg.name} ${pkg.version} (${need.family} ≥ ${need.version})`);
    findings.push(
      makeFinding({
        ruleId: 'os/glibc-too-old-for-wheels',
        severity: 'error',
        facet: 'os',
        subject: 'python wheels',
        baseline: `${libc.family} ≥ ${highest}`,
        target: targetLibc,
        message: `${tooOld.length} installed wheel(s) need a newer ${libc.family} than the target's ${libc.version}: ${listSome(names)}`,
        hint: `use a target base with ${libc.family} ≥ ${highest}, or pin versions that publish wheels for ${libc.family} ${libc.version}`,
      }),
    );
  }
  if (wrongLibc.length > 0) {
    const names = wrongLibc.map(({ pkg, need }) => `${pkg.name} ${pkg.version} (${need.platform})`);
    const needed = wrongLibc[0]?.need.family ?? '';
    findings.push(
      makeFinding({
        ruleId: 'os/wheel-libc-mismatch',
        severity: 'error',
        facet: 'os',
        subject: 'python wheels',
        baseline: needed,
        target: targetLibc,
        message: `${wrongLibc.length} installed wheel(s) are built for ${needed} but the target uses ${libc.family}: ${listSome(names)}`,
        hint: libc.family === 'musl'
          ? 'use a glibc base image (e.g. python:3.x-slim) instead of Alpine, or expect slow source builds'
          : 'reinstall these packages on the target so that pip picks manylinux wheels',
      }),
    );
  }
  return findings;
}

/** A wheel carrying several tags runs wherever any of them does: its need is the weakest one. */
function packageLibcNeed(pkg: PythonPackage): WheelLibcNeed | undefined {
  let best: WheelLibcNeed | undefined;
  for (const tag of pkg.tags ?? []) {
    const need = wheelLibcNeed(tag);
    if (need === undefined) continue;
    if (best === undefined) best = need;
    else if (need.family === best.family && getScheme('loose').compare(need.version, best.version) < 0) best = need;
  }
  return best;
}
