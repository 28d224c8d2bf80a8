// Chooses the base image and where each runtime comes from, from the fingerprint alone.
// Order (first match wins), so that the runtime that drives the environment decides:
//   1. pip-installed CUDA builds on the dev side (src/rules/cuda-build.ts decides) → nvidia/cuda runtime.
//   2. conda environment → micromamba image (the conda spec rebuilds it).
//   3. the distro's own Python (/usr/bin/python3.X) → that distro's image, Python from apt.
//   4. any other CPython (pyenv, python.org, Homebrew) → python:X.Y.Z-slim-<codename>.
//   5. R → rocker/r-ver:X.Y.Z.   6. Java → eclipse-temurin:<major>.   7. the source's distro.
import {
  ARCH_PLATFORMS,
  CUDA_IMAGES,
  DEFAULT_DISTRO,
  DISTRO_IMAGES,
  MICROMAMBA_IMAGE,
  PYTHON_IMAGE_CODENAMES,
  cudaImage,
  jvmImage,
  pythonImage,
  rImage,
  type CudaImage,
  type DistroImage,
} from '../data/base-images.js';
import type { Fingerprint } from '../facets/index.js';
import { javaMajorOf } from '../facets/jvm/versions.js';
import { minorOf, type BasePlan, type DockerfileOptions, type RuntimeSource } from '../facets/shared/dockerfile-part.js';
import { isReleaseVersion } from '../facets/shared/dockerfile-safe.js';
import { findCudaBuild, needsCudaImage } from '../rules/cuda-build.js';

/** The source's Debian/Ubuntu release, when it is one the table knows. */
export function sourceDistro(fp: Fingerprint): DistroImage | null {
  const os = fp.facets.os;
  if (os.status !== 'ok' || os.name !== 'linux' || !os.distro) return null;
  const { id, versionId, codename } = os.distro;
  return (
    DISTRO_IMAGES.find((d) => d.id === id && (d.versionId === versionId || (codename !== undefined && d.codename === codename))) ?? null
  );
}

/**
 * The CUDA userspace the image needs, with the package that says so (as `name==version`): the one
 * decision of src/rules/cuda-build.ts, for pip-installed CUDA builds. A major-only build
 * (nvidia-cublas-cu12) asks for the first release of its line.
 */
export function detectCuda(fp: Fingerprint): { cuda: string; evidence: string } | undefined {
  const build = findCudaBuild(fp, false);
  if (!needsCudaImage(build)) return undefined;
  const cuda = build.cuda.includes('.') ? build.cuda : `${build.cuda}.0`;
  return { cuda, evidence: `${build.package.name}==${build.package.version}` };
}

/** The table row for a CUDA minor: exact, else the next newer minor of the same major, else the newest of that major. */
export function cudaRow(cuda: string): CudaImage | undefined {
  const [maj, min] = cuda.split('.').map(Number) as [number, number];
  const same = CUDA_IMAGES.filter((r) => Number(r.cuda.split('.')[0]) === maj);
  const minor = (r: CudaImage) => Number(r.cuda.split('.')[1]);
  return same.find((r) => minor(r) === min) ?? same.find((r) => minor(r) > min) ?? same[same.length - 1];
}

export function platformFor(fp: Fingerprint): { platform: string; note?: string } {
  const os = fp.facets.os;
  const arch = os.arch ?? 'x86_64';
  const platform = ARCH_PLATFORMS[arch] ?? 'linux/amd64';
  if (os.name === 'darwin') {
    return {
      platform,
      note:
        platform === 'linux/arm64'
          ? 'The source is an Apple Silicon Mac: linux/arm64 runs natively there, but an x86-64 server needs emulation or a rebuild with --platform linux/amd64; Linux aarch64 wheels replace the macOS ones (same versions, different binaries).'
          : 'The source is an Intel Mac: Linux x86-64 wheels replace the macOS ones (same versions, different binaries).',
    };
  }
  if (os.name === 'windows') return { platform, note: 'The source is Windows: Linux wheels replace the Windows ones.' };
  if (!ARCH_PLATFORMS[arch]) return { platform, note: `Architecture ${arch} has no known OCI platform; linux/amd64 assumed.` };
  return { platform };
}

function distroByCodename(codename: string): DistroImage {
  return DISTRO_IMAGES.find((d) => d.codename === codename) ?? DEFAULT_DISTRO;
}

function hasSystemPackage(fp: Fingerprint, test: (name: string) => boolean): boolean {
  const sys = fp.facets.system;
  return sys.status === 'ok' && (sys.packages ?? []).some((p) => test(p.name));
}

export function planBase(fp: Fingerprint, opts: DockerfileOptions = {}): BasePlan {
  const src = sourceDistro(fp);
  const py = fp.facets.python.status === 'ok' ? fp.facets.python : undefined;
  // Versions that become image tags (python:X.Y.Z-…, rocker/r-ver:X.Y.Z) must be plain release numbers.
  const r = fp.facets.r.status === 'ok' && fp.facets.r.version && isReleaseVersion(fp.facets.r.version) ? fp.facets.r : undefined;
  const jvm = fp.facets.jvm.status === 'ok' ? fp.facets.jvm : undefined;
  const javaMajor = jvm?.java ? javaMajorOf(jvm.java.version) : undefined;
  const { platform, note } = platformFor(fp);
  const pyMinor = minorOf(py?.version);

  let image: string;
  let why: string;
  let distro: DistroImage | null;
  let python: RuntimeSource = py ? 'image' : 'none';
  let rSource: RuntimeSource = 'none';
  let java: RuntimeSource = 'none';
  let cuda: BasePlan['cuda'];

  const cudaSeen = py ? detectCuda(fp) : undefined;
  const cudaTableRow = cudaSeen ? cudaRow(cudaSeen.cuda) : undefined;
  const distroPython = py !== undefined && src !== null && (py.executable ?? '').startsWith('/usr/bin/') && pyMinor === src.python3;

  if (cudaSeen && cudaTableRow) {
    const ubuntu = src?.id === 'ubuntu' && cudaTableRow.ubuntu.includes(src.versionId) ? src.versionId : pickUbuntu(cudaTableRow, pyMinor);
    image = cudaImage(cudaTableRow, ubuntu);
    distro = DISTRO_IMAGES.find((d) => d.id === 'ubuntu' && d.versionId === ubuntu) ?? null;
    why = `the source used CUDA ${cudaTableRow.cuda} builds (${cudaSeen.evidence})`;
    python = distro && pyMinor === distro.python3 ? 'apt' : 'deadsnakes';
    cuda = { row: cudaTableRow, evidence: cudaSeen.evidence };
  } else if (py?.conda) {
    image = MICROMAMBA_IMAGE;
    distro = distroByCodename('bookworm');
    why = `the source Python ${py.version} lives in a conda environment (${py.conda.packages.length} conda packages)`;
    python = 'conda';
  } else if (py && distroPython && src) {
    image = src.image;
    distro = src;
    why = `the source runs ${src.id} ${src.versionId} and its own Python ${py.version} (${py.executable})`;
    python = 'apt';
  } else if (py && py.version && isReleaseVersion(py.version) && (py.implementation ?? 'CPython') === 'CPython') {
    const codename = src?.id === 'debian' && PYTHON_IMAGE_CODENAMES.includes(src.codename) ? src.codename : PYTHON_IMAGE_CODENAMES[0]!;
    image = pythonImage(py.version, codename);
    distro = distroByCodename(codename);
    why = `the source runs CPython ${py.version} not from its distro (${py.executable ?? 'unknown path'})`;
  } else if (r) {
    image = rImage(r.version!);
    distro = null;
    why = `the source runs R ${r.version}`;
    rSource = 'image';
  } else if (javaMajor) {
    image = jvmImage(javaMajor);
    distro = null;
    why = `the source runs Java ${jvm!.java!.version}`;
    java = 'image';
  } else {
    distro = src ?? DEFAULT_DISTRO;
    image = distro.image;
    why = src ? `the source runs ${src.id} ${src.versionId}` : `the source's OS has no Debian/Ubuntu match; ${distro.image} is the default`;
  }

  const sameDistro = distro !== null && src !== null && distro.id === src.id && distro.versionId === src.versionId;
  // Secondary runtimes come from the apt step when the base runs the source's release and the
  // source had them from apt; otherwise they are not reproduced (a comment says how to get them).
  if (r && rSource === 'none' && sameDistro && hasSystemPackage(fp, (n) => n === 'r-base-core')) rSource = 'apt';
  if (javaMajor && java === 'none') {
    if (sameDistro && hasSystemPackage(fp, (n) => n.startsWith(`openjdk-${javaMajor}-`))) java = 'apt';
  }

  const overridden = opts.base !== undefined && opts.base !== '';
  return {
    image: overridden ? opts.base! : image,
    why: overridden ? `--base ${opts.base} (envdiff would pick ${image}: ${why})` : why,
    overridden,
    distro,
    sameDistro,
    platform: opts.platform ?? platform,
    ...(note && !opts.platform ? { platformNote: note } : {}),
    python,
    r: rSource,
    java,
    ...(cuda ? { cuda } : {}),
  };
}

/** Prefer the Ubuntu whose own python3 is the source's minor (no extra archive); else the newest the tag has. */
function pickUbuntu(row: CudaImage, pyMinor: string | undefined): string {
  const match = row.ubuntu.find((u) => DISTRO_IMAGES.some((d) => d.id === 'ubuntu' && d.versionId === u && d.python3 === pyMinor));
  return match ?? row.ubuntu[0]!;
}
