// Base images the Dockerfile generator picks from, as data: updating a tag is an edit here.
// Each table names where its rows come from; a row nobody could confirm is marked unverified.

/** A distro release: its official image and the Python its apt archive ships as `python3`. */
export interface DistroImage {
  id: 'debian' | 'ubuntu';
  versionId: string;
  codename: string;
  image: string;
  /** major.minor of the release's `python3` package. */
  python3: string;
  /** glibc of the release (https://github.com/mayeut/pep600_compliance README, "Distro compatibility"). */
  glibc: string;
}

// Images: the Docker Official Images `debian` (the -slim variants drop docs and man pages) and
// `ubuntu` (tags are the release numbers). python3 per release: Debian and Ubuntu package pages
// (packages.debian.org / packages.ubuntu.com, package `python3`): buster 3.7, bullseye 3.9,
// bookworm 3.11, trixie 3.13; focal 3.8, jammy 3.10, noble 3.12. bookworm's is confirmed on this
// machine (/usr/bin/python3 3.11.2).
export const DISTRO_IMAGES: readonly DistroImage[] = [
  { id: 'debian', versionId: '10', codename: 'buster', image: 'debian:buster-slim', python3: '3.7', glibc: '2.28' },
  { id: 'debian', versionId: '11', codename: 'bullseye', image: 'debian:bullseye-slim', python3: '3.9', glibc: '2.31' },
  { id: 'debian', versionId: '12', codename: 'bookworm', image: 'debian:bookworm-slim', python3: '3.11', glibc: '2.36' },
  { id: 'debian', versionId: '13', codename: 'trixie', image: 'debian:trixie-slim', python3: '3.13', glibc: '2.41' },
  { id: 'ubuntu', versionId: '20.04', codename: 'focal', image: 'ubuntu:20.04', python3: '3.8', glibc: '2.31' },
  { id: 'ubuntu', versionId: '22.04', codename: 'jammy', image: 'ubuntu:22.04', python3: '3.10', glibc: '2.35' },
  { id: 'ubuntu', versionId: '24.04', codename: 'noble', image: 'ubuntu:24.04', python3: '3.12', glibc: '2.39' },
];

/** Used when the source is not Debian or Ubuntu (macOS, Fedora, Alpine…): the current Debian stable the project tests on. */
export const DEFAULT_DISTRO: DistroImage = DISTRO_IMAGES.find((d) => d.codename === 'bookworm')!;

/**
 * The Docker Official Image `python` publishes `X.Y.Z-slim-<codename>` for the Debian releases
 * current while X.Y.Z was supported (docker-library/python: bookworm and bullseye variants; trixie
 * from mid-2025). These are the codenames the generator will name, newest first; a source on
 * another Debian release falls back to the first.
 */
export const PYTHON_IMAGE_CODENAMES: readonly string[] = ['bookworm', 'bullseye', 'trixie'];

export function pythonImage(version: string, codename: string): string {
  return `python:${version}-slim-${codename}`;
}

/**
 * rocker/r-ver:X.Y.Z builds R X.Y.Z from source on Ubuntu LTS and points CRAN at a dated package
 * manager snapshot for non-latest versions (rocker-org/rocker-versioned2 README, "Overview").
 * Tags exist from 4.0.0 (older R: the rocker-versioned repository).
 */
export function rImage(version: string): string {
  return `rocker/r-ver:${version}`;
}

/** eclipse-temurin:<major> is the Adoptium JDK on Ubuntu (Docker Official Image `eclipse-temurin`). */
export function jvmImage(javaMajor: string): string {
  return `eclipse-temurin:${javaMajor}`;
}

/** One CUDA userspace the dev side built against, and the runtime image that carries it with cuDNN. */
export interface CudaImage {
  /** CUDA major.minor as in the PyTorch local label: cu121 → 12.1. */
  cuda: string;
  /** Full image tag version (the last update release of that minor). */
  version: string;
  /** cudnn8 before 12.4; the images dropped the cuDNN major from the tag afterwards. */
  cudnnTag: 'cudnn8' | 'cudnn';
  /** Ubuntu releases the tag exists for, preferred first. */
  ubuntu: readonly string[];
}

// Tags from NVIDIA's supported/unsupported tag lists (gitlab.com/nvidia/container-images/cuda
// doc/supported-tags.md and doc/unsupported-tags.md, copies seen in taehun-kmu/FMCL-Docker) and
// their use in public Dockerfiles (e.g. `FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04`,
// `12.1.1-cudnn8-runtime-ubuntu22.04`, `12.8.1-cudnn-runtime-ubuntu24.04`,
// `13.0.1-cudnn-runtime-ubuntu24.04`). The PyTorch wheel labels (cu118 … cu130) are the PyTorch
// indexes at https://download.pytorch.org/whl/<label> (uv PyTorch guide).
export const CUDA_IMAGES: readonly CudaImage[] = [
  { cuda: '11.8', version: '11.8.0', cudnnTag: 'cudnn8', ubuntu: ['22.04', '20.04'] },
  { cuda: '12.1', version: '12.1.1', cudnnTag: 'cudnn8', ubuntu: ['22.04', '20.04'] },
  { cuda: '12.2', version: '12.2.2', cudnnTag: 'cudnn8', ubuntu: ['22.04', '20.04'] },
  { cuda: '12.4', version: '12.4.1', cudnnTag: 'cudnn', ubuntu: ['22.04', '20.04'] },
  { cuda: '12.6', version: '12.6.3', cudnnTag: 'cudnn', ubuntu: ['24.04', '22.04'] },
  { cuda: '12.8', version: '12.8.1', cudnnTag: 'cudnn', ubuntu: ['24.04', '22.04'] },
  { cuda: '12.9', version: '12.9.1', cudnnTag: 'cudnn', ubuntu: ['24.04', '22.04'] },
  { cuda: '13.0', version: '13.0.1', cudnnTag: 'cudnn', ubuntu: ['24.04', '22.04'] },
];

export function cudaImage(row: CudaImage, ubuntu: string): string {
  return `nvidia/cuda:${row.version}-${row.cudnnTag}-runtime-ubuntu${ubuntu}`;
}

/** The PyTorch wheel index for a local version label (+cu121, +cpu, +rocm6.2). */
export function pytorchIndexUrl(label: string): string {
  return `https://download.pytorch.org/whl/${label}`;
}

/** `uname -m` (and macOS's names) → the OCI platform an image for it is built for. */
export const ARCH_PLATFORMS: Readonly<Record<string, string>> = {
  x86_64: 'linux/amd64',
  amd64: 'linux/amd64',
  aarch64: 'linux/arm64',
  arm64: 'linux/arm64',
  armv7l: 'linux/arm/v7',
  ppc64le: 'linux/ppc64le',
  s390x: 'linux/s390x',
  riscv64: 'linux/riscv64',
};

/** The Debian/Ubuntu package architecture of each OCI platform (dpkg --print-architecture). */
export const PLATFORM_DPKG_ARCH: Readonly<Record<string, string>> = {
  'linux/amd64': 'amd64',
  'linux/arm64': 'arm64',
  'linux/arm/v7': 'armhf',
  'linux/ppc64le': 'ppc64el',
  'linux/s390x': 's390x',
  'linux/riscv64': 'riscv64',
};

/**
 * Conda environments are rebuilt with micromamba on its official image, which sets
 * MAMBA_ROOT_PREFIX=/opt/conda and a non-root `mambauser` (mamba-org/micromamba-docker README).
 * Tag as used by public Dockerfiles, e.g. `FROM mambaorg/micromamba:1.5.10-bookworm-slim`.
 */
export const MICROMAMBA_IMAGE = 'mambaorg/micromamba:1.5.10-bookworm-slim';
