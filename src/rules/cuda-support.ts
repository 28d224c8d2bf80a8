// Will a CUDA build run on a GPU and its driver? The one judgment behind `compare`'s cuda-stack rule
// (the baseline's build on the target's GPU: src/rules/cross-facet/cuda-stack.ts) and `check`'s
// gpu-stack rule (this machine's build on its own GPU: src/rules/consistency/gpu-stack.ts), with
// NVIDIA's driver floors and compute capabilities (src/data/cuda-driver-floors.ts,
// src/data/compute-capability.ts).
import { defineRules, finding, type Finding } from '../core/findings.js';
import { computeCapabilityOf, findComputeCapability } from '../data/compute-capability.js';
import { cudaDriverFloor, cudaMinorCompatFloor, majorMinor, type DriverOs } from '../data/cuda-driver-floors.js';
import { withCuda } from '../facets/gpu/rules.js';
import type { GpuDevice, GpuFacet } from '../facets/gpu/types.js';
import { loose as looseScheme } from '../versioning/loose/index.js';
import { nvidiaDriver } from '../versioning/nvidia-driver/index.js';
import type { CudaBuild } from './cuda-build.js';
import type { Where } from './where.js';

const READS = ['python', 'gpu', 'os'];

export const CUDA_STACK_RULES = defineRules('gpu', {
  'cuda-build-without-gpu': {
    severity: 'error',
    title: 'CUDA builds ran on a GPU on the baseline, and the target has no GPU',
    help: 'torch +cu121, nvidia-*-cu12 wheels and the like fall back to the CPU or fail to import. Run the target on a GPU node (and a container with --gpus or the NVIDIA runtime), or install CPU builds.',
    reads: READS,
  },
  'driver-too-old': {
    severity: 'error',
    title: 'NVIDIA driver too old for the CUDA build in use',
    help: 'Below the CUDA release’s minimum driver (NVIDIA CUDA Toolkit Release Notes, Table 3) and outside minor-version compatibility: torch.cuda.is_available() is False or kernels fail with "CUDA driver version is insufficient". Upgrade the driver, or install builds for an older CUDA.',
    reads: READS,
    source: 'https://docs.nvidia.com/cuda/cuda-toolkit-release-notes/index.html (Table 3)',
  },
  'driver-minor-compat': {
    severity: 'warning',
    title: 'NVIDIA driver runs the CUDA build only through minor-version compatibility',
    help: 'Below the toolkit’s own driver floor but at or above its major line’s (Table 2): it runs, but kernels shipped only as newer PTX fail to JIT. Upgrade the driver, or install the cuda-compat package on datacenter GPUs.',
    reads: READS,
    source: 'https://docs.nvidia.com/deploy/cuda-compatibility/minor-version-compatibility.html',
  },
  'compute-capability-unsupported': {
    severity: 'error',
    title: 'GPU not supported by the CUDA build in use',
    help: 'The GPU’s compute capability is newer than the CUDA release supports, or that release dropped it: kernels fail with "no kernel image is available". A warning where the table row is not verified.',
    reads: READS,
    source: 'src/data/compute-capability.ts (NVIDIA release notes, CMake select_compute_arch)',
  },
});

/**
 * A GPU is there when devices were listed, or when the NVIDIA driver answered with its version
 * even though the device query failed (`status: ok`, no devices): nvidia-smi only prints a driver
 * version when it reached a GPU. Saying "no GPU" there would send the user the wrong way.
 */
export function hasGpu(gpu: GpuFacet): boolean {
  if ((gpu.devices ?? []).length > 0) return true;
  return gpu.driver?.vendor === 'nvidia' && gpu.driver.version !== undefined;
}

/** "install builds for CUDA ≤ 12.2, the newest this driver runs (e.g. torch +cu121)" when the driver says. */
function olderBuildHint(gpu: GpuFacet): string {
  const supports = gpu.cudaDriverVersion === undefined ? undefined : majorMinor(gpu.cudaDriverVersion);
  if (supports === undefined) return 'install builds for an older CUDA (e.g. torch +cu118)';
  return `install builds for CUDA ≤ ${supports}, the newest this driver runs (nvidia-smi's "CUDA Version")`;
}

/**
 * NVIDIA Release Notes Table 3 / Table 2 (src/data/cuda-driver-floors.ts): at or above the
 * toolkit's floor is fine; between the major line's minor-compat floor and that is "minor version
 * compatibility" (runs, but PTX JIT of newer PTX fails) → warning; below → error.
 */
export function checkDriver(need: CudaBuild, gpu: GpuFacet, os: DriverOs, where: Where): Finding | undefined {
  const driver = gpu.driver?.vendor === undefined || gpu.driver.vendor === 'nvidia' ? gpu.driver?.version : undefined;
  const scheme = nvidiaDriver;
  const base = {
    subject: 'driver',
    baseline: `CUDA ${need.cuda} (${need.evidence})`,
  };
  // A major-only need ("12" from cupy-cuda12x) has no Table 3 row: only the Table 2 floor applies.
  const floor = /^\d+\.\d+$/.test(need.cuda) ? cudaDriverFloor(need.cuda, os) : undefined;
  const compat = cudaMinorCompatFloor(need.cuda, os);
  if (driver !== undefined) {
    if (floor !== undefined && scheme.compare(driver, floor) >= 0) return undefined;
    if (compat !== undefined && scheme.compare(driver, compat) >= 0) {
      if (floor === undefined) return undefined; // only the major line is known, and the driver runs all of it
      return finding(CUDA_STACK_RULES['driver-minor-compat'], {
        ...base,
        target: withCuda(driver, gpu.cudaDriverVersion),
        message: `driver ${driver} is below ${floor}, the driver of CUDA ${need.cuda}, but within CUDA ${need.cuda.split('.')[0]}.x minor-version compatibility: it runs, but kernels shipped only as newer PTX fail to JIT`,
        hint: `upgrade ${where.machines} NVIDIA driver to ≥ ${floor}, or install the cuda-compat package on datacenter GPUs`,
      });
    }
    if (floor === undefined && compat === undefined) return undefined; // a CUDA line the tables do not know
    const wanted = floor ?? compat ?? '';
    return finding(CUDA_STACK_RULES['driver-too-old'], {
      ...base,
      target: withCuda(driver, gpu.cudaDriverVersion),
      message: `driver ${driver} is too old for CUDA ${need.cuda} (needs ≥ ${wanted}): torch.cuda.is_available() is False or kernels fail with "CUDA driver version is insufficient"`,
      hint: `upgrade ${where.machines} NVIDIA driver to ≥ ${wanted}, or ${olderBuildHint(gpu)}`,
    });
  }
  // No driver version captured: the driver's own CUDA version is the next best fact.
  const supports = gpu.cudaDriverVersion === undefined ? undefined : majorMinor(gpu.cudaDriverVersion);
  const wantedLine = majorMinor(need.cuda);
  if (supports === undefined || wantedLine === undefined) return undefined;
  if (looseScheme.compare(supports, wantedLine) >= 0) return undefined;
  const sameMajor = supports.split('.')[0] === wantedLine.split('.')[0];
  return finding(sameMajor ? CUDA_STACK_RULES['driver-minor-compat'] : CUDA_STACK_RULES['driver-too-old'], {
    ...base,
    target: `driver supports CUDA ${gpu.cudaDriverVersion}`,
    message: `${where.machines} driver supports CUDA up to ${gpu.cudaDriverVersion}, older than the CUDA ${need.cuda} build in use${sameMajor ? ' (same major: minor-version compatibility, reduced features)' : ''}`,
    hint: `upgrade ${where.machines} NVIDIA driver, or ${olderBuildHint(gpu)}`,
  });
}

/** src/data/compute-capability.ts: a GPU newer than the CUDA build, or one that CUDA release dropped. */
export function checkComputeCapability(need: CudaBuild, devices: readonly GpuDevice[]): Finding[] {
  const loose = looseScheme;
  const majorOnly = /^\d+$/.test(need.cuda);
  const cuda = majorOnly ? `${need.cuda}.0` : need.cuda;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const d of devices) {
    // As captured, or as NVIDIA's table says for the GPU's name (older drivers do not tell).
    const capability = computeCapabilityOf(d);
    if (capability === undefined) continue;
    const key = `${d.name}\0${capability}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const row = findComputeCapability(capability);
    if (row === undefined) continue;
    const severity = row.verified ? 'error' : 'warning';
    const sm = `sm_${row.cc.replace('.', '')}`;
    const common = {
      subject: d.name,
      baseline: `CUDA ${need.cuda} (${need.evidence})`,
      target: `${d.name} (${sm})`,
    };
    // Any 12.x is ≥ 12.0, so a removal is certain even when only the major line is known.
    if (row.removedIn !== undefined && loose.compare(cuda, row.removedIn) >= 0) {
      findings.push(
        finding(CUDA_STACK_RULES['compute-capability-unsupported'], {
          ...common,
          severity,
          message: `${d.name} (${row.arch}, ${sm}) is not supported by CUDA ${need.cuda}: support ended in CUDA ${row.removedIn}, so kernels fail with "no kernel image is available"`,
          hint: `install builds for CUDA < ${row.removedIn} on this GPU, or use a newer GPU`,
        }),
      );
    } else if (!majorOnly && row.minCuda !== undefined && loose.compare(cuda, row.minCuda) < 0) {
      findings.push(
        finding(CUDA_STACK_RULES['compute-capability-unsupported'], {
          ...common,
          severity,
          message: `${d.name} (${row.arch}, ${sm}) needs CUDA ≥ ${row.minCuda}, but the build in use is CUDA ${need.cuda}: kernels fail with "no kernel image is available"`,
          hint: `install builds for CUDA ≥ ${row.minCuda} (e.g. torch +cu${row.minCuda.replace('.', '')}) and a driver that supports it`,
        }),
      );
    }
  }
  return findings;
}
