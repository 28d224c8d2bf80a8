// Does an installed wheel run here? The one judgment of wheel tags against an interpreter and a
// machine, for `compare` (the baseline's wheels on the target's C library:
// src/rules/cross-facet/wheels-vs-libc.ts) and `check` (this machine's wheels on itself:
// src/rules/consistency/wheel-tags.ts).
//
// A tag is `python-abi-platform` (PEP 425, https://packaging.python.org/en/latest/specifications/platform-compatibility-tags/);
// a wheel runs when any of its tags is one the interpreter supports. Which tags an interpreter
// supports follows pypa/packaging's `tags.sys_tags()` (cpython_tags, compatible_tags, the
// platform tags of PEP 600, PEP 656 and macOS), the code pip uses for `pip install` and, since
// pip 24.1, for `pip check`'s "is not supported on this platform".
import { defineRules, finding, type Finding } from '../core/findings.js';
import { listSome } from '../core/text.js';
import { normalizeArch } from '../data/arch.js';
import { compareLibc, wheelLibcNeed, type WheelLibcNeed } from '../data/manylinux.js';
import type { OsFacet } from '../facets/os/types.js';
import type { PythonFacet, PythonPackage } from '../facets/python/types.js';
import type { Where } from './where.js';

export const WHEEL_RULES = defineRules('os', {
  'glibc-too-old-for-wheels': {
    severity: 'error',
    title: 'Installed wheels need a newer C library than the machine has',
    help: 'A manylinux_X_Y wheel needs glibc ≥ X.Y (PEP 600) and a musllinux_X_Y wheel musl ≥ X.Y (PEP 656): in `compare`, reinstalling the same versions on the target fails or picks other builds; in `check`, the extension modules fail to load. Use a base with a newer libc, or pin versions that publish wheels for the older one.',
    reads: ['python', 'os'],
    source: 'https://peps.python.org/pep-0600/, https://peps.python.org/pep-0656/',
  },
  'wheel-libc-mismatch': {
    severity: 'error',
    title: 'Installed wheels are built for the other C library',
    help: 'manylinux wheels do not run on musl (Alpine) and musllinux wheels do not run on glibc. Use a glibc base image, or reinstall the packages so that pip picks matching wheels.',
    reads: ['python', 'os'],
    source: 'https://peps.python.org/pep-0656/',
  },
});

/** A wheel carrying several tags runs wherever any of them does: its need is the weakest one. */
export function packageLibcNeed(pkg: PythonPackage): WheelLibcNeed | undefined {
  let best: WheelLibcNeed | undefined;
  for (const tag of pkg.tags ?? []) {
    const need = wheelLibcNeed(tag);
    if (need === undefined) continue;
    if (best === undefined) best = need;
    else if (need.family === best.family && compareLibc(need.version, best.version) < 0) best = need;
  }
  return best;
}

export interface LibcVerdict {
  pkg: PythonPackage;
  need: WheelLibcNeed;
}

/**
 * The two libc findings, one each for all the wheels concerned: wheels that need a newer libc of
 * the machine's family, and wheels built for the other family.
 */
export function libcFindings(
  tooOld: readonly LibcVerdict[],
  wrongLibc: readonly LibcVerdict[],
  libc: NonNullable<OsFacet['libc']>,
  where: Where,
): Finding[] {
  const findings: Finding[] = [];
  const machineLibc = libc.version === undefined ? libc.family : `${libc.family} ${libc.version}`;
  if (tooOld.length > 0) {
    // Name the most demanding wheels first: they tell the user how new the machine must be.
    const sorted = [...tooOld].sort((x, y) => compareLibc(y.need.version, x.need.version) || (x.pkg.name < y.pkg.name ? -1 : 1));
    const highest = sorted[0]?.need.version ?? '';
    const names = sorted.map(({ pkg, need }) => `${pkg.name} ${pkg.version} (${need.family} ≥ ${need.version})`);
    findings.push(
      finding(WHEEL_RULES['glibc-too-old-for-wheels'], {
        subject: 'python wheels',
        baseline: `${libc.family} ≥ ${highest}`,
        target: machineLibc,
        message: `${sorted.length} installed wheel(s) need a newer ${libc.family} than ${where.machines} ${libc.version}: ${listSome(names)}`,
        hint: `use a base with ${libc.family} ≥ ${highest}, or pin versions that publish wheels for ${libc.family} ${libc.version}`,
      }),
    );
  }
  if (wrongLibc.length > 0) {
    const names = wrongLibc.map(({ pkg, need }) => `${pkg.name} ${pkg.version} (${need.platform})`);
    const needed = wrongLibc[0]?.need.family ?? '';
    findings.push(
      finding(WHEEL_RULES['wheel-libc-mismatch'], {
        subject: 'python wheels',
        baseline: needed,
        target: machineLibc,
        message: `${wrongLibc.length} installed wheel(s) are built for ${needed} but ${where.machine} uses ${libc.family}: ${listSome(names)}`,
        hint:
          libc.family === 'musl'
            ? 'use a glibc base image (e.g. python:3.x-slim) instead of Alpine, or expect slow source builds'
            : `reinstall these packages on ${where.machine} so that pip picks manylinux wheels`,
      }),
    );
  }
  return findings;
}

/** The interpreter a tag is judged against, from the python facet. */
export interface Interpreter {
  /** cp (CPython), pp (PyPy), or the implementation's name in lower case. */
  impl: string;
  major: number;
  minor: number;
  /** The ABI tag: cp311, cp37m, cp27mu, cp313t, pp73. */
  abi?: string;
}

/** The machine a platform tag is judged against, from the os facet. */
export interface Machine {
  os: string;
  /** Normalized (src/data/arch.ts): x86_64, arm64, x86, armv7, ppc64le … */
  arch: string;
  libc?: NonNullable<OsFacet['libc']>;
}

export function interpreterOf(py: PythonFacet): Interpreter | undefined {
  const m = /^(\d+)\.(\d+)/.exec(py.version ?? '');
  if (m === null) return undefined;
  const name = (py.implementation ?? 'CPython').toLowerCase();
  const impl = name === 'cpython' ? 'cp' : name === 'pypy' ? 'pp' : name;
  return { impl, major: Number(m[1]), minor: Number(m[2]), ...(py.abi === undefined ? {} : { abi: py.abi }) };
}

export function machineOf(os: OsFacet | undefined): Machine | undefined {
  if (os?.status !== 'ok' || os.name === undefined || os.arch === undefined) return undefined;
  const arch = normalizeArch(os.arch);
  if (arch === undefined) return undefined;
  return { os: os.name.toLowerCase(), arch, ...(os.libc === undefined ? {} : { libc: os.libc }) };
}

export type TagProblem =
  | { kind: 'python'; why: string }
  | { kind: 'libc-version'; why: string; need: WheelLibcNeed }
  | { kind: 'libc-family'; why: string; need: WheelLibcNeed }
  | { kind: 'platform'; why: string };

/** `cp311` → [3, 11]; `py3` → [3]; `py2` → [2]. */
function versionOfTag(tag: string): { impl: string; major: number; minor?: number } | undefined {
  const m = /^([a-z]+?)(\d)(\d*)$/.exec(tag);
  if (m === null) return undefined;
  return { impl: m[1]!, major: Number(m[2]), ...(m[3] === '' ? {} : { minor: Number(m[3]) }) };
}

/** Why the interpreter does not support `python-abi`, or undefined when it does (packaging's cpython_tags + compatible_tags). */
export function interpreterProblem(pyTag: string, abiTag: string, it: Interpreter): string | undefined {
  const v = versionOfTag(pyTag);
  if (v === undefined) return `unknown Python tag ${pyTag}`;
  const here = `${it.impl === 'cp' ? 'CPython' : it.impl === 'pp' ? 'PyPy' : it.impl} ${it.major}.${it.minor}`;
  const freeThreaded = it.abi?.endsWith('t') === true && it.impl === 'cp';
  if (abiTag === 'abi3') {
    // The stable ABI (PEP 384): a cp3Y-abi3 wheel runs on CPython 3.Y and newer, not on free-threaded builds.
    if (v.impl !== 'cp' || it.impl !== 'cp') return `${pyTag}-abi3 is CPython's stable ABI, this is ${here}`;
    if (freeThreaded) return `the free-threaded ${here} has no stable ABI (abi3)`;
    if (v.major !== it.major || (v.minor ?? 0) > it.minor)
      return `built for the stable ABI of CPython ≥ ${v.major}.${v.minor ?? 0}, this is ${here}`;
    return undefined;
  }
  if (abiTag === 'none') {
    if (v.impl === 'py') {
      if (v.major !== it.major) return `a Python ${v.major} wheel (${pyTag}), this is ${here}`;
      if (v.minor !== undefined && v.minor > it.minor) return `a wheel for Python ≥ ${v.major}.${v.minor} (${pyTag}), this is ${here}`;
      return undefined;
    }
    if (v.impl === it.impl && v.major === it.major && v.minor === it.minor) return undefined;
    return `built for ${pyTag}, this is ${here}`;
  }
  // A specific ABI: only that interpreter's own (cp311 on 3.11, cp37m on 3.7, pypy310_pp73 on PyPy 3.10).
  if (v.impl !== it.impl || v.major !== it.major || v.minor !== it.minor) return `built for ${pyTag} (ABI ${abiTag}), this is ${here}`;
  if (it.abi !== undefined && abiTag !== it.abi && !abiTag.endsWith(`_${it.abi}`))
    return `built for the ${abiTag} ABI, this interpreter's is ${it.abi}`;
  return undefined;
}

/** macOS binary formats each machine runs (packaging's `_mac_binary_formats`). */
const MAC_FORMATS: Readonly<Record<string, readonly string[]>> = {
  arm64: ['arm64', 'universal2'],
  x86_64: ['x86_64', 'intel', 'fat64', 'fat32', 'fat3', 'universal', 'universal2'],
  x86: ['i386', 'intel', 'fat', 'fat3', 'fat32', 'universal'],
};

const WINDOWS_ARCH: Readonly<Record<string, string>> = { win32: 'x86', win_amd64: 'x86_64', win_arm64: 'arm64' };

/** Why the machine does not run `platform`, or undefined when it does (or the facts to tell are missing). */
export function platformProblem(platform: string, machine: Machine): TagProblem | undefined {
  if (platform === 'any') return undefined;
  const here = `${machine.os} ${machine.arch}`;
  const linux = /^(?:manylinux\d*(?:_\d+_\d+)?|musllinux_\d+_\d+|linux)_(.+)$/.exec(platform);
  if (linux !== null) {
    if (machine.os !== 'linux') return { kind: 'platform', why: `a Linux wheel (${platform}), this is ${here}` };
    const arch = normalizeArch(linux[1]);
    if (arch !== machine.arch) return { kind: 'platform', why: `built for ${linux[1]} (${platform}), this machine is ${machine.arch}` };
    const need = wheelLibcNeed(platform);
    const libc = machine.libc;
    if (need === undefined || libc === undefined || (libc.family !== 'glibc' && libc.family !== 'musl')) return undefined;
    if (need.family !== libc.family)
      return { kind: 'libc-family', why: `built for ${need.family} (${platform}), this machine uses ${libc.family}`, need };
    if (libc.version !== undefined && compareLibc(libc.version, need.version) < 0) {
      return { kind: 'libc-version', why: `needs ${need.family} ≥ ${need.version} (${platform}), this machine has ${libc.version}`, need };
    }
    return undefined;
  }
  const mac = /^macosx_(\d+)_(\d+)_(.+)$/.exec(platform);
  if (mac !== null) {
    if (machine.os !== 'darwin') return { kind: 'platform', why: `a macOS wheel (${platform}), this is ${here}` };
    const formats = MAC_FORMATS[machine.arch] ?? [machine.arch];
    if (!formats.includes(mac[3]!)) return { kind: 'platform', why: `built for ${mac[3]} Macs (${platform}), this Mac is ${machine.arch}` };
    const version = machine.libc?.family === 'darwin' ? machine.libc.version : undefined;
    if (version === undefined) return undefined;
    const [maj = 0, min = 0] = version.split('.').map(Number);
    const need = [Number(mac[1]), Number(mac[2])] as const;
    // From macOS 11 on, only the major version counts (packaging's mac_platforms).
    const older = need[0] >= 11 ? maj < need[0] : maj < 10 || (maj === 10 && min < need[1]);
    if (older) return { kind: 'platform', why: `needs macOS ≥ ${need[0]}.${need[1]} (${platform}), this Mac runs ${version}` };
    return undefined;
  }
  const win = WINDOWS_ARCH[platform];
  if (win !== undefined) {
    if (machine.os !== 'windows') return { kind: 'platform', why: `a Windows wheel (${platform}), this is ${here}` };
    if (win !== machine.arch)
      return { kind: 'platform', why: `built for Windows on ${win} (${platform}), this machine is ${machine.arch}` };
    return undefined;
  }
  // iOS, Android, Emscripten, … : a wheel for another kind of platform altogether.
  return { kind: 'platform', why: `built for ${platform}, this is ${here}` };
}

/** Every `python-abi-platform` triple of a tag, compressed sets expanded (`py2.py3-none-any`). */
export function expandTag(tag: string): [string, string, string][] {
  const parts = tag.split('-');
  if (parts.length !== 3) return [];
  const out: [string, string, string][] = [];
  for (const py of parts[0]!.split('.'))
    for (const abi of parts[1]!.split('.')) for (const plat of parts[2]!.split('.')) out.push([py, abi, plat]);
  return out;
}

/**
 * Why a wheel (all of its tags) does not run on this interpreter and machine, or undefined when
 * one of its tags does. When none does, the closest miss is reported: a tag whose platform fits
 * says the interpreter is wrong; one whose interpreter fits says what about the platform is.
 */
export function wheelProblem(tags: readonly string[], it: Interpreter, machine: Machine | undefined): TagProblem | undefined {
  const triples = tags.flatMap(expandTag);
  if (triples.length === 0) return undefined;
  let pythonMiss: TagProblem | undefined;
  const platformMisses: TagProblem[] = [];
  let bothMiss: TagProblem | undefined;
  for (const [py, abi, plat] of triples) {
    // Tags with an ABI are platform-specific: packaging yields no `cp311-cp311-any` or `cp38-abi3-any`.
    const ip = plat === 'any' && abi !== 'none' ? `${py}-${abi}-any names an ABI but no platform` : interpreterProblem(py, abi, it);
    const pp = machine === undefined ? undefined : platformProblem(plat, machine);
    if (ip === undefined && pp === undefined) return undefined;
    if (ip !== undefined && pp === undefined) pythonMiss ??= { kind: 'python', why: ip };
    else if (ip === undefined && pp !== undefined) platformMisses.push(pp);
    else bothMiss ??= pp;
  }
  if (pythonMiss !== undefined) return pythonMiss;
  const rank = (p: TagProblem) => (p.kind === 'libc-version' ? 0 : p.kind === 'libc-family' ? 1 : 2);
  platformMisses.sort((a, b) => rank(a) - rank(b));
  return platformMisses[0] ?? bothMiss;
}
