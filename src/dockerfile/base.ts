// Chooses the base image and where each runtime comes from, from the fingerprint alone.
// Order (first match wins), so that the runtime that drives the environment decides:
//   1. CUDA builds on the dev side (torch +cuXXX, nvidia-*-cuNN wheels) → nvidia/cuda runtime.
//   2. conda environment → micromamba image (the conda spec rebuilds it).
//   3. the distro's own Python (/usr/bin/python3.X) → that distro's image, Python from apt.
//   4. any other CPython (pyenv, python.org, Homebrew) → python:X.Y.Z-slim-<codename>.
//   5. R → rocker/r-ver:X.Y.Z.   6. Java → eclipse-temurin:<major>.   7. the source's distro.
import type { Fingerprint, PythonPackage } from '../core/types.js';
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
import { isReleaseVersion } from './safe.js';
import type { BasePlan, DockerfileOptions, RuntimeSource } from './types.js';

export function minorOf(version: string | undefined): string | undefined {
  const m = /^(\d+)\.(\d+)/.exec(version ?? '');
  return m ? `${m[1]}.${m[2]}` : undefined;
}

/** The source's Debian/Ubuntu release, when it is one the table knows. */
export function sourceDistro(fp: Fingerprint): DistroImage | null {
  const os = fp.facets.os;
  if (os.status !== 'ok' || os.name !== 'linux' || !os.distro) return null;
  const { id, versionId, codename } = os.distro;
  return (
    DISTRO_IMAGES.find((d) => d.id === id && (d.versionId === versionId || (codename !== undefined && d.codename === codename))) ??
    null
  );
}

/** The CUDA userspace the dev side's Python packages were built for, with the package that says so. */
export function detectCuda(packages: readonly PythonPackage[]): { cuda: string; evidence: string } | undefined {
  // A PyTorch local label names it exactly (+cu121 → 12.1); prefer it over the runtime wheels.
  for (const p of packages) {
    const m = /\+cu(\d+)(\d)$/.exec(p.version);
    if (m && /^(torch|torchvision|torchaudio)$/.test(p.name)) return { cuda: `${m[1]}.${m[2]}`, evidence: `${p.name}==${p.version}` };
  }
  // nvidia-cuda-runtime-cu12 12.1.105 → CUDA 12.1 (the wheel's version is the toolkit component's).
  const rt = packages.find((p) => /^nvidia-cuda-runtime-cu\d+$/.test(p.name));
  const v = rt && minorOf(rt.version);
  if (rt && v) return { cuda: v, evidence: `${rt.name}==${rt.version}` };
  const any = packages.find((p) => /^nvidia-[a-z0-9-]+-cu(\d+)$/.test(p.name));
  if (any) {
    const major = /-cu(\d+)$/.exec(any.name)![1]!;
    return { cuda: `${major}.0`, evidence: `${any.name}==${any.version}` };
  }
  return undefined;
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

  const cudaSeen = py ? detectCuda(py.packages ?? []) : undefined;
  const cudaTableRow = cudaSeen ? cudaRow(cudaSeen.cuda) : undefined;
  const distroPython =
    py !== undefined && src !== null && (py.executable ?? '').startsWith('/usr/bin/') && pyMinor === src.python3;

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
    const codename =
      src?.id === 'debian' && PYTHON_IMAGE_CODENAMES.includes(src.codename) ? src.codename : PYTHON_IMAGE_CODENAMES[0]!;
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

/** "17.0.9" → "17", "1.8.0_392" → "8". */
export function javaMajorOf(version: string): string | undefined {
  const m = /^(\d+)(?:\.(\d+))?/.exec(version);
  if (!m) return undefined;
  return m[1] === '1' && m[2] ? m[2] : m[1];
}
