// THE one decision "is this a CUDA build, which CUDA, and what says so", for the rules
// (src/rules/cross-facet/cuda-stack.ts) and the Dockerfile's base image (src/dockerfile/base.ts)
// alike, so that findings and the generated image never disagree about one fingerprint.
//
// Evidence, most specific first:
//   1. a PEP 440 local label of PyTorch's indexes: torch 2.3.1+cu121 → 12.1 (torch wins over others)
//   2. the CUDA runtime wheel, whose version is the toolkit's: nvidia-cuda-runtime-cu12 12.4.127 → 12.4
//      (from CUDA 13 on without the suffix: nvidia-cuda-runtime 13.0.96)
//   3. conda's CUDA packages: conda-forge's cuda-version, defaults' cudatoolkit, cuda-cudart
//   4. a wheel built for a CUDA major line: nvidia-cublas-cu12, cupy-cuda12x, jax-cuda12-plugin → 12
//      (cupy-cuda117 → 11.7: the old per-minor packages)
//   5. nvcc on PATH, when asked for: the toolkit a user builds extensions with
import { cudaFromTorchLabel } from '../data/accelerator-labels.js';
import { majorMinor } from '../data/cuda-driver-floors.js';
import type { Fingerprint } from '../facets/index.js';
import type { PythonFacet } from '../facets/python/types.js';

export type CudaEvidence = 'local-label' | 'runtime-wheel' | 'conda' | 'major-wheel' | 'nvcc';

export interface CudaBuild {
  /** "12.1", or just "12" when only the major line is known (cupy-cuda12x, jax-cuda12-plugin). */
  cuda: string;
  /** Which kind of evidence decided. */
  source: CudaEvidence;
  /** The package that says so (none for nvcc). */
  package?: { name: string; version: string };
  /** What says so, for messages: "torch 2.1.2+cu121", "conda cuda-version 12.1", "nvcc 12.2.140". */
  evidence: string;
  /** Every installed package that is a CUDA build, for messages (empty for nvcc alone). */
  packages: string[];
}

const CUDA_WHEEL = /^(?:nvidia-.+-cu(\d+)|cupy-cuda(\d+)x?|jax-cuda(\d+)-(?:plugin|pjrt)|tensorflow-gpu)$/;
/** NVIDIA's CUDA runtime wheel: `nvidia-cuda-runtime-cu12` up to CUDA 12, `nvidia-cuda-runtime` from 13. */
const RUNTIME_WHEEL = /^nvidia-cuda-runtime(?:-cu\d+)?$/;

type Found = Omit<CudaBuild, 'packages'>;

function fromPackage(source: CudaEvidence, cuda: string, p: { name: string; version: string }): Found {
  return { cuda, source, package: { name: p.name, version: p.version }, evidence: `${p.name} ${p.version}` };
}

/**
 * Is this Python package a CUDA build (evidence 1, 2 and 4 above, and jaxlib's `+cuda12…` labels)?
 * The causality pass (src/rules/causality.ts) files findings about such packages under a target
 * without a GPU.
 */
export function isCudaBuildPackage(name: string, version: string): boolean {
  return cudaFromTorchLabel(version) !== undefined || CUDA_WHEEL.test(name) || RUNTIME_WHEEL.test(name) || /\+cuda\d/.test(version);
}

/** The CUDA the fingerprint's Python stack was built for (and, with `withNvcc`, its nvcc), or undefined. */
export function findCudaBuild(fp: Fingerprint, withNvcc = true): CudaBuild | undefined {
  const python: PythonFacet | undefined = fp.facets.python?.status === 'ok' ? fp.facets.python : undefined;
  const cudaPackages: string[] = [];
  let fromLabel: Found | undefined;
  let fromRuntime: Found | undefined;
  let fromMajor: Found | undefined;
  for (const p of python?.packages ?? []) {
    if (!isCudaBuildPackage(p.name, p.version)) continue;
    const labelled = cudaFromTorchLabel(p.version);
    const wheel = CUDA_WHEEL.exec(p.name);
    const runtime = RUNTIME_WHEEL.test(p.name);
    cudaPackages.push(`${p.name} ${p.version}`);
    if (labelled !== undefined && (fromLabel === undefined || p.name === 'torch')) fromLabel = fromPackage('local-label', labelled, p);
    if (runtime) {
      // Packages are sorted: with runtimes of two CUDA lines installed, the newest decides.
      const mm = majorMinor(p.version);
      if (mm !== undefined) fromRuntime = fromPackage('runtime-wheel', mm, p);
    }
    const major = wheel?.[1] ?? wheel?.[2] ?? wheel?.[3];
    if (major !== undefined && fromMajor === undefined) {
      const cuda = major.length >= 3 ? `${Number(major.slice(0, -1))}.${major.slice(-1)}` : major;
      fromMajor = fromPackage('major-wheel', cuda, p);
    }
  }
  const found = fromLabel ?? fromRuntime ?? condaCudaBuild(python) ?? fromMajor;
  if (found !== undefined) return { ...found, packages: cudaPackages.length > 0 ? cudaPackages : [found.evidence] };
  if (!withNvcc) return undefined;
  const gpu = fp.facets.gpu;
  const nvcc = gpu?.status === 'ok' ? gpu.toolkit?.nvcc : undefined;
  const mm = nvcc === undefined ? undefined : majorMinor(nvcc);
  return mm === undefined ? undefined : { cuda: mm, source: 'nvcc', evidence: `nvcc ${nvcc}`, packages: [] };
}

/** conda-forge's `cuda-version` pins the CUDA line; defaults' `cudatoolkit` carries it as its version. */
function condaCudaBuild(python: PythonFacet | undefined): Found | undefined {
  for (const name of ['cuda-version', 'cudatoolkit', 'cuda-cudart']) {
    const p = python?.conda?.packages.find((c) => c.name === name);
    const mm = p === undefined ? undefined : majorMinor(p.version);
    if (p !== undefined && mm !== undefined) return { cuda: mm, source: 'conda', evidence: `conda ${p.name} ${p.version}` };
  }
  return undefined;
}

/**
 * pip-installed CUDA builds, which need a CUDA userspace from the image: evidence 1, 2 and 4.
 * A conda environment brings its own CUDA runtime in its packages; nvcc alone installs nothing.
 */
export function needsCudaImage(build: CudaBuild | undefined): build is CudaBuild & { package: { name: string; version: string } } {
  return build !== undefined && build.package !== undefined && build.source !== 'conda';
}

/**
 * The CUDA major line each installed CUDA build belongs to (torch +cu121 → 12, nvidia-cublas-cu12
 * → 12, cupy-cuda11x → 11, nvidia-cuda-runtime 13.0.96 → 13), for telling when one environment
 * mixes CUDA runtimes of several majors. Packages in `packages` order.
 */
export function cudaMajorsOf(python: PythonFacet | undefined): Map<number, string[]> {
  const majors = new Map<number, string[]>();
  const add = (major: number, p: { name: string; version: string }) =>
    majors.set(major, [...(majors.get(major) ?? []), `${p.name} ${p.version}`]);
  for (const p of python?.packages ?? []) {
    const labelled = cudaFromTorchLabel(p.version);
    if (labelled !== undefined) {
      add(Number.parseInt(labelled, 10), p);
      continue;
    }
    if (RUNTIME_WHEEL.test(p.name)) {
      const major = Number.parseInt(p.version, 10);
      if (Number.isFinite(major)) add(major, p);
      continue;
    }
    const wheel = CUDA_WHEEL.exec(p.name);
    const digits = wheel?.[1] ?? wheel?.[2] ?? wheel?.[3];
    // cupy-cuda117 (the old per-minor packages) is CUDA 11; cu12 is 12.
    if (digits !== undefined) add(Number(digits.length >= 3 ? digits.slice(0, -1) : digits), p);
  }
  return majors;
}
