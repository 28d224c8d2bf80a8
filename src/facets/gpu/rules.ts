// GPU rules. "CUDA version" means different things (compat-facts.md §5): the driver's
// `cudaDriverVersion` is the newest CUDA it can run, `toolkit.nvcc` is the compiler on PATH, and
// the CUDA a framework was built with (torch `+cu121`, nvidia-cuda-runtime-cu12 wheels) is what
// actually needs the driver. These rules keep the three apart.
import type { Fingerprint, Finding, GpuDevice, GpuFacet, PythonFacet } from '../../core/types.js';
import { findComputeCapability } from '../../data/compute-capability.js';
import { cudaDriverFloor, cudaMinorCompatFloor, majorMinor, type DriverOs } from '../../data/cuda-driver-floors.js';
import { getScheme } from '../../versioning/index.js';
import { listSome, makeFinding } from '../rule-helpers.js';
import type { CompareContext } from '../types.js';

export function compareGpu(baseline: GpuFacet, target: GpuFacet, ctx: CompareContext): Finding[] {
  const findings: Finding[] = [];
  const vendorA = baseline.driver?.vendor;
  const vendorB = target.driver?.vendor;
  if (vendorA !== undefined && vendorB !== undefined && vendorA !== vendorB) {
    findings.push(
      makeFinding({
        ruleId: 'gpu/vendor',
        severity: 'warning',
        facet: 'gpu',
        subject: 'gpu vendor',
        baseline: vendorA,
        target: vendorB,
        message: `GPU vendor differs: ${vendorA} here, ${vendorB} there; code that selects a device ("cuda", "mps") must pick the other backend`,
        hint: 'select the device at run time (torch.cuda.is_available() / torch.backends.mps.is_available())',
      }),
    );
  }
  const driverA = baseline.driver?.version;
  const driverB = target.driver?.version;
  if (driverA !== undefined && driverB !== undefined && driverA !== driverB) {
    findings.push(
      makeFinding({
        ruleId: 'gpu/driver-version',
        severity: 'info',
        facet: 'gpu',
        subject: 'driver',
        baseline: withCuda(driverA, baseline.cudaDriverVersion),
        target: withCuda(driverB, target.cudaDriverVersion),
        message: `GPU driver differs: ${withCuda(driverA, baseline.cudaDriverVersion)} here, ${withCuda(driverB, target.cudaDriverVersion)} there`,
        hint: 'drivers are backward compatible; gpu/driver-too-old reports a driver too old for the CUDA build in use',
      }),
    );
  }
  findings.push(...compareDevices(baseline.devices ?? [], target.devices ?? []));
  findings.push(...compareOptional('gpu/nvcc-version', 'nvcc', baseline.toolkit?.nvcc, target.toolkit?.nvcc,
    'the CUDA compiler matters when packages build CUDA extensions at install time (flash-attn, apex, custom ops)'));
  findings.push(...compareOptional('gpu/cudnn-version', 'cudnn', baseline.cudnn, target.cudnn,
    'cuDNN selects different convolution algorithms per version: results may differ in the last bits'));

  // Both Python facets ok: comparePython runs the CUDA workload rules. Otherwise they run here, so
  // that a bare GPU host (no Python captured yet) is still checked against the dev build.
  if (!(ctx.baseline.facets.python?.status === 'ok' && ctx.target.facets.python?.status === 'ok')) {
    findings.push(...compareCudaWorkload(ctx));
  }
  return findings;
}

function withCuda(driver: string, cuda: string | undefined): string {
  return cuda === undefined ? driver : `${driver} (CUDA ${cuda})`;
}

/** "NVIDIA A100-SXM4-80GB ×2, NVIDIA T4": devices grouped by model, in index order. */
function describeDevices(devices: readonly GpuDevice[]): string {
  const counts = new Map<string, number>();
  for (const d of [...devices].sort((x, y) => x.index - y.index)) counts.set(d.name, (counts.get(d.name) ?? 0) + 1);
  return [...counts].map(([name, n]) => (n === 1 ? name : `${name} ×${n}`)).join(', ');
}

function compareDevices(a: readonly GpuDevice[], b: readonly GpuDevice[]): Finding[] {
  if (a.length === 0 || b.length === 0) return [];
  const findings: Finding[] = [];
  const da = describeDevices(a);
  const db = describeDevices(b);
  if (da !== db) {
    findings.push(
      makeFinding({
        ruleId: 'gpu/devices',
        severity: 'info',
        facet: 'gpu',
        subject: 'devices',
        baseline: da,
        target: db,
        message: `GPUs differ: ${da} here, ${db} there; speed, and for multi-GPU jobs the device count, change`,
        hint: 'check batch sizes and world size (DDP) for the target GPUs',
      }),
    );
  }
  const memA = Math.max(...a.map((d) => d.memoryMiB ?? 0));
  const memB = Math.max(...b.map((d) => d.memoryMiB ?? 0));
  if (memA > 0 && memB > 0 && memB < memA) {
    findings.push(
      makeFinding({
        ruleId: 'gpu/less-memory',
        severity: 'warning',
        facet: 'gpu',
        subject: 'gpu memory',
        baseline: `${memA} MiB`,
        target: `${memB} MiB`,
        message: `the target's largest GPU has ${memB} MiB, less than ${memA} MiB here: a batch that fits here may run out of memory there`,
        hint: 'lower the batch size or use gradient accumulation / mixed precision on the target',
      }),
    );
  }
  return findings;
}

function compareOptional(ruleId: string, subject: string, a: string | undefined, b: string | undefined, why: string): Finding[] {
  if (a === b || (a === undefined && b === undefined)) return [];
  const va = a ?? 'none';
  const vb = b ?? 'none';
  return [
    makeFinding({
      ruleId,
      severity: 'info',
      facet: 'gpu',
      subject,
      baseline: a,
      target: b,
      message: `${subject} differs: ${va} here, ${vb} there; ${why}`,
      hint: b === undefined ? `install ${subject} ${va} on the target if packages are built there` : 'nothing to do unless you build CUDA code',
    }),
  ];
}

/** The CUDA a workload was built for, and the evidence for it. */
export interface CudaNeed {
  /** "12.1", or just "12" when only the major line is known (cupy-cuda12x, jax-cuda12-plugin). */
  cuda: string;
  /** What says so: "torch 2.1.2+cu121", "nvidia-cuda-runtime-cu12 12.4.127", "nvcc 12.2". */
  evidence: string;
  /** Every installed package that is a CUDA build, for messages. */
  packages: string[];
}

/** `+cu121` → 12.1, `+cu92` → 9.2, `+cu130` → 13.0: the last digit is the minor (PyTorch's index names). */
function cudaFromTorchLabel(version: string): string | undefined {
  const m = /\+cu(\d{2,3})$/.exec(version);
  if (m?.[1] === undefined) return undefined;
  return `${Number(m[1].slice(0, -1))}.${m[1].slice(-1)}`;
}

const CUDA_WHEEL = /^(?:nvidia-.+-cu(\d+)|cupy-cuda(\d+)x?|jax-cuda(\d+)-(?:plugin|pjrt)|tensorflow-gpu)$/;

/**
 * The CUDA the baseline's Python stack was built for, most specific evidence first: the torch
 * local label, then the CUDA runtime wheel (its version is the toolkit's), then conda's CUDA
 * packages, then any CUDA-major-only wheel, then nvcc on PATH.
 */
export function findCudaNeed(fp: Fingerprint, withNvcc = true): CudaNeed | undefined {
  const python: PythonFacet | undefined = fp.facets.python?.status === 'ok' ? fp.facets.python : undefined;
  const pkgs = python?.packages ?? [];
  const cudaPackages: string[] = [];
  let fromLabel: CudaNeed | undefined;
  let fromRuntime: CudaNeed | undefined;
  let fromMajor: CudaNeed | undefined;
  for (const p of pkgs) {
    const labelled = cudaFromTorchLabel(p.version);
    const wheel = CUDA_WHEEL.exec(p.name);
    if (labelled === undefined && wheel === null && !/\+cuda\d/.test(p.version)) continue;
    cudaPackages.push(`${p.name} ${p.version}`);
    if (labelled !== undefined && (fromLabel === undefined || p.name === 'torch')) {
      fromLabel = { cuda: labelled, evidence: `${p.name} ${p.version}`, packages: [] };
    }
    if (/^nvidia-cuda-runtime-cu\d+$/.test(p.name)) {
      const mm = majorMinor(p.version);
      if (mm !== undefined) fromRuntime = { cuda: mm, evidence: `${p.name} ${p.version}`, packages: [] };
    }
    const major = wheel?.[1] ?? wheel?.[2] ?? wheel?.[3];
    if (major !== undefined && fromMajor === undefined) {
      // cupy-cuda12x → 12; cupy-cuda117 → 11.7 (the old per-minor packages).
      const cuda = major.length >= 3 ? `${Number(major.slice(0, -1))}.${major.slice(-1)}` : major;
      fromMajor = { cuda, evidence: `${p.name} ${p.version}`, packages: [] };
    }
  }
  const fromConda = condaCudaNeed(python);
  const found = fromLabel ?? fromRuntime ?? fromConda ?? fromMajor;
  if (found !== undefined) return { ...found, packages: cudaPackages.length > 0 ? cudaPackages : [found.evidence] };
  if (!withNvcc) return undefined;
  const gpu = fp.facets.gpu;
  const nvcc = gpu?.status === 'ok' ? gpu.toolkit?.nvcc : undefined;
  const mm = nvcc === undefined ? undefined : majorMinor(nvcc);
  return mm === undefined ? undefined : { cuda: mm, evidence: `nvcc ${nvcc}`, packages: [] };
}

/** conda-forge's `cuda-version` pins the CUDA line; defaults' `cudatoolkit` carries it as its version. */
function condaCudaNeed(python: PythonFacet | undefined): CudaNeed | undefined {
  for (const name of ['cuda-version', 'cudatoolkit', 'cuda-cudart']) {
    const p = python?.conda?.packages.find((c) => c.name === name);
    const mm = p === undefined ? undefined : majorMinor(p.version);
    if (p !== undefined && mm !== undefined) return { cuda: mm, evidence: `conda ${p.name} ${p.version}`, packages: [] };
  }
  return undefined;
}

/**
 * Rules across facets: the baseline's CUDA build (python packages or nvcc) against the target's
 * GPU and driver. Only when the baseline really ran on a GPU: a CUDA build of torch on a CPU-only
 * laptop runs on the CPU, and will do the same on a CPU-only target.
 */
export function compareCudaWorkload(ctx: CompareContext): Finding[] {
  const gpuA = ctx.baseline.facets.gpu;
  if (gpuA?.status !== 'ok' || !hasGpu(gpuA)) return [];
  const need = findCudaNeed(ctx.baseline);
  if (need === undefined) return [];
  const gpuB = ctx.target.facets.gpu;
  if (gpuB === undefined || gpuB.status === 'error') return []; // could not tell: the engine says so
  const devicesB = gpuB.status === 'ok' ? (gpuB.devices ?? []) : [];
  if (gpuB.status !== 'ok' || !hasGpu(gpuB)) {
    if (need.packages.length === 0) return []; // nvcc alone: gpu/absent-on-target already says enough
    return [
      makeFinding({
        ruleId: 'gpu/cuda-build-without-gpu',
        severity: 'error',
        facet: 'gpu',
        subject: 'cuda',
        baseline: `CUDA ${need.cuda} (${need.evidence})`,
        target: 'no GPU',
        message: `CUDA builds are installed and ran on a GPU here (${listSome(need.packages)}), but the target has no GPU: they fall back to the CPU or fail`,
        hint: 'run the target on a GPU node (and a container with --gpus / the NVIDIA runtime), or install CPU builds (torch +cpu)',
      }),
    ];
  }
  // What will run there: the target's own CUDA build when it has one (a +cu118 build chosen for
  // an older driver is fine; the package rules report that it differs), else the baseline's.
  const own = findCudaNeed(ctx.target, false);
  const runs = own === undefined ? need : { ...own, evidence: `${own.evidence} on the target` };
  const findings: Finding[] = [];
  const driverFinding = checkDriver(runs, gpuB, ctx.target.facets.os?.status === 'ok' && ctx.target.facets.os.name === 'windows' ? 'windows' : 'linux');
  if (driverFinding !== undefined) findings.push(driverFinding);
  findings.push(...checkComputeCapability(runs, devicesB));
  return findings;
}

/**
 * A GPU is there when devices were listed, or when the NVIDIA driver answered with its version
 * even though the device query failed (`status: ok`, no devices): nvidia-smi only prints a driver
 * version when it reached a GPU. Saying "no GPU" there would send the user the wrong way.
 */
function hasGpu(gpu: GpuFacet): boolean {
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
function checkDriver(need: CudaNeed, gpu: GpuFacet, os: DriverOs): Finding | undefined {
  const driver = gpu.driver?.vendor === undefined || gpu.driver.vendor === 'nvidia' ? gpu.driver?.version : undefined;
  const scheme = getScheme('nvidia-driver');
  const base = {
    facet: 'gpu' as const,
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
      return makeFinding({
        ...base,
        ruleId: 'gpu/driver-minor-compat',
        severity: 'warning',
        target: withCuda(driver, gpu.cudaDriverVersion),
        message: `driver ${driver} is below ${floor}, the driver of CUDA ${need.cuda}, but within CUDA ${need.cuda.split('.')[0]}.x minor-version compatibility: it runs, but kernels shipped only as newer PTX fail to JIT`,
        hint: `upgrade the target's NVIDIA driver to ≥ ${floor}, or install the cuda-compat package on datacenter GPUs`,
      });
    }
    if (floor === undefined && compat === undefined) return undefined; // a CUDA line the tables do not know
    const wanted = floor ?? compat ?? '';
    return makeFinding({
      ...base,
      ruleId: 'gpu/driver-too-old',
      severity: 'error',
      target: withCuda(driver, gpu.cudaDriverVersion),
      message: `driver ${driver} is too old for CUDA ${need.cuda} (needs ≥ ${wanted}): torch.cuda.is_available() is False or kernels fail with "CUDA driver version is insufficient"`,
      hint: `upgrade the target's NVIDIA driver to ≥ ${wanted}, or ${olderBuildHint(gpu)}`,
    });
  }
  // No driver version captured: the driver's own CUDA version is the next best fact.
  const supports = gpu.cudaDriverVersion === undefined ? undefined : majorMinor(gpu.cudaDriverVersion);
  const wantedLine = majorMinor(need.cuda);
  if (supports === undefined || wantedLine === undefined) return undefined;
  if (getScheme('loose').compare(supports, wantedLine) >= 0) return undefined;
  const sameMajor = supports.split('.')[0] === wantedLine.split('.')[0];
  return makeFinding({
    ...base,
    ruleId: sameMajor ? 'gpu/driver-minor-compat' : 'gpu/driver-too-old',
    severity: sameMajor ? 'warning' : 'error',
    target: `driver supports CUDA ${gpu.cudaDriverVersion}`,
    message: `the target driver supports CUDA up to ${gpu.cudaDriverVersion}, older than the CUDA ${need.cuda} build in use${sameMajor ? ' (same major: minor-version compatibility, reduced features)' : ''}`,
    hint: `upgrade the target's NVIDIA driver, or ${olderBuildHint(gpu)}`,
  });
}

/** src/data/compute-capability.ts: a GPU newer than the CUDA build, or one that CUDA release dropped. */
function checkComputeCapability(need: CudaNeed, devices: readonly GpuDevice[]): Finding[] {
  const loose = getScheme('loose');
  const majorOnly = /^\d+$/.test(need.cuda);
  const cuda = majorOnly ? `${need.cuda}.0` : need.cuda;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const d of devices) {
    if (d.computeCapability === undefined) continue;
    const key = `${d.name}\0${d.computeCapability}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const row = findComputeCapability(d.computeCapability);
    if (row === undefined) continue;
    const severity = row.verified ? 'error' : 'warning';
    const sm = `sm_${row.cc.replace('.', '')}`;
    const common = {
      facet: 'gpu' as const,
      subject: d.name,
      baseline: `CUDA ${need.cuda} (${need.evidence})`,
      target: `${d.name} (${sm})`,
    };
    // Any 12.x is ≥ 12.0, so a removal is certain even when only the major line is known.
    if (row.removedIn !== undefined && loose.compare(cuda, row.removedIn) >= 0) {
      findings.push(
        makeFinding({
          ...common,
          ruleId: 'gpu/compute-capability-unsupported',
          severity,
          message: `${d.name} (${row.arch}, ${sm}) is not supported by CUDA ${need.cuda}: support ended in CUDA ${row.removedIn}, so kernels fail with "no kernel image is available"`,
          hint: `install builds for CUDA < ${row.removedIn} on this GPU, or use a newer GPU`,
        }),
      );
    } else if (!majorOnly && row.minCuda !== undefined && loose.compare(cuda, row.minCuda) < 0) {
      findings.push(
        makeFinding({
          ...common,
          ruleId: 'gpu/compute-capability-unsupported',
          severity,
          message: `${d.name} (${row.arch}, ${sm}) needs CUDA ≥ ${row.minCuda}, but the build in use is CUDA ${need.cuda}: kernels fail with "no kernel image is available"`,
          hint: `install builds for CUDA ≥ ${row.minCuda} (e.g. torch +cu${row.minCuda.replace('.', '')}) and a driver that supports it`,
        }),
      );
    }
  }
  return findings;
}
