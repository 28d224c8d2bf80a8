// The GPU stack of one machine: the CUDA its Python packages were built for (decided once, in
// src/rules/cuda-build.ts) against its own GPU, driver, compute capabilities, nvcc and cuDNN.
// Driver floors and compute capabilities are judged by src/rules/cuda-support.ts, as `compare`
// judges them; what only one machine can tell (the arch list of its torch wheel, nvcc against the
// build, cuDNN, runtimes of several CUDA majors side by side) is here.
import { defineRules, finding, type Finding } from '../../core/findings.js';
import { listSome } from '../../core/text.js';
import { computeCapabilityOf } from '../../data/compute-capability.js';
import { majorMinor } from '../../data/cuda-driver-floors.js';
import { archListRuns, PYTORCH_CUDA_ARCHS, type PytorchArchRow } from '../../data/pytorch-cuda-archs.js';
import type { GpuFacet } from '../../facets/gpu/types.js';
import type { Fingerprint } from '../../facets/index.js';
import { parseRequirement } from '../../facets/python/lockfiles/pep508.js';
import type { PythonFacet } from '../../facets/python/types.js';
import { pep440 } from '../../versioning/pep440/index.js';
import { cudaMajorsOf, findCudaBuild, type CudaBuild } from '../cuda-build.js';
import { checkComputeCapability, checkDriver, hasGpu } from '../cuda-support.js';
import { HERE } from '../where.js';
import type { ConsistencyRule } from './types.js';
import { pushAll } from '../../core/arrays.js';

const READS = ['python', 'gpu', 'os'];

export const GPU_CHECK_RULES = defineRules('gpu', {
  'cuda-build-no-gpu': {
    severity: 'warning',
    title: 'CUDA builds are installed and the machine has no usable NVIDIA GPU',
    help: 'torch +cu121 and the like run on the CPU only; cupy, the JAX CUDA plugins and TensorFlow’s GPU kernels fail or fall back. An error when nvidia-smi is there but cannot reach the driver (not loaded, or a driver/library version mismatch after an upgrade): reboot or reinstall the driver. Otherwise run on a GPU node, or install CPU builds.',
    reads: READS,
    source: 'https://docs.nvidia.com/deploy/nvidia-smi/index.html',
  },
  'arch-not-in-build': {
    severity: 'error',
    title: 'The GPU’s architecture is not among those the torch wheel was compiled for',
    help: 'Each PyTorch CUDA wheel carries machine code for a list of compute capabilities (TORCH_CUDA_ARCH_LIST); a GPU none of them runs fails with "no kernel image is available for execution on the device" although driver and CUDA are fine (cu128 builds of 2.8 dropped Maxwell and Pascal). Install the wheel of another CUDA label that lists the GPU (src/data/pytorch-cuda-archs.ts). A warning where the table row has one source.',
    reads: READS,
    source: 'https://github.com/pytorch/pytorch/issues/157517',
  },
  'nvcc-major-mismatch': {
    severity: 'error',
    title: 'nvcc’s CUDA major differs from the one the framework was built with',
    help: 'Building CUDA extensions (torch.utils.cpp_extension, pip installs of packages with CUDA code) with this nvcc fails: PyTorch refuses "The detected CUDA version mismatches the version that was used to compile PyTorch" across majors. Put the toolkit of the framework’s CUDA major first on PATH (CUDA_HOME), or install the framework built for this toolkit.',
    reads: READS,
    source: 'https://github.com/pytorch/pytorch/blob/main/torch/utils/cpp_extension.py (_check_cuda_version)',
  },
  'cudnn-mismatch': {
    severity: 'error',
    title: 'The cuDNN found is not the one the framework was built with',
    help: 'A framework needs the cuDNN major it was built with and at least its minor (TensorFlow refuses: "CuDNN library needs to have matching major version and equal or higher minor version"). What it was built with is its own Requires-Dist on nvidia-cudnn-cuXX; what is found is that wheel, else the system’s libcudnn. Install the cuDNN it names. A warning when no cuDNN is found at all (the framework runs without its GPU kernels).',
    reads: READS,
    source: 'https://docs.nvidia.com/deeplearning/cudnn/backend/latest/reference/support-matrix.html',
  },
  'cuda-majors-mixed': {
    severity: 'warning',
    title: 'CUDA builds of several CUDA majors are installed side by side',
    help: 'nvidia-*-cu11 next to nvidia-*-cu12 wheels (or torch +cu118 with cupy-cuda12x): each framework loads the libraries of its own major, but whichever is imported first may load the other’s (libcublas, libcudnn), and the driver must support the newest. Install builds of one CUDA major.',
    reads: READS,
    source: 'https://docs.nvidia.com/cuda/cuda-toolkit-release-notes/index.html',
  },
});

/** An NVIDIA driver that nvidia-smi could not reach: the reason is nvidia-smi's own error. */
function brokenDriver(gpu: GpuFacet | undefined): string | undefined {
  return gpu?.status === 'error' && gpu.reason?.startsWith('nvidia-smi') === true ? gpu.reason : undefined;
}

function noGpu(build: CudaBuild, gpu: GpuFacet | undefined): Finding | undefined {
  if (build.packages.length === 0) return undefined;
  const broken = brokenDriver(gpu);
  if (broken === undefined && gpu?.status === 'error') return undefined; // could not tell
  if (broken === undefined && gpu?.status === 'ok' && hasGpu(gpu)) return undefined;
  return finding(GPU_CHECK_RULES['cuda-build-no-gpu'], {
    severity: broken === undefined ? 'warning' : 'error',
    subject: 'cuda',
    baseline: `CUDA ${build.cuda} (${build.evidence})`,
    target: broken === undefined ? 'no GPU' : 'driver not answering',
    message:
      broken === undefined
        ? `CUDA builds are installed (${listSome(build.packages)}) but this machine has no NVIDIA GPU${gpu?.reason ? ` (${gpu.reason})` : ''}: they run on the CPU only, or fail`
        : `CUDA builds are installed (${listSome(build.packages)}) but the NVIDIA driver does not answer: ${broken}`,
    hint:
      broken === undefined
        ? 'run on a GPU node (in a container: --gpus all / the NVIDIA runtime), or install CPU builds (torch +cpu)'
        : 'load or reinstall the NVIDIA driver (a reboot after a driver upgrade fixes a version mismatch), then check nvidia-smi',
  });
}

/** The PyTorch build's arch list row: the torch release and its +cuXXX label. */
function archRow(python: PythonFacet): { row: PytorchArchRow; torch: string } | undefined {
  const torch = python.packages?.find((p) => p.name === 'torch');
  const label = torch === undefined ? undefined : /\+(cu\d+)$/.exec(torch.version)?.[1];
  if (torch === undefined || label === undefined) return undefined;
  const row = PYTORCH_CUDA_ARCHS.find((r) => r.label === label && pep440.matches(torch.version.replace(/\+.*$/, ''), r.torch) === true);
  return row === undefined ? undefined : { row, torch: torch.version };
}

function checkArchList(python: PythonFacet, gpu: GpuFacet, flagged: ReadonlySet<string>): Finding[] {
  const found = archRow(python);
  if (found === undefined) return [];
  const { row, torch } = found;
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const d of gpu.devices ?? []) {
    const cc = computeCapabilityOf(d);
    if (cc === undefined || flagged.has(d.name) || seen.has(`${d.name}\0${cc}`)) continue;
    seen.add(`${d.name}\0${cc}`);
    if (archListRuns(row, cc)) continue;
    const list = [...row.sass.map((a) => `sm_${a.replace('.', '')}`), ...(row.ptx ? [`compute_${row.ptx.replace('.', '')} (PTX)`] : [])];
    const fits = PYTORCH_CUDA_ARCHS.filter((r) => r.torch === row.torch && archListRuns(r, cc)).map((r) => `+${r.label}`);
    out.push(
      finding(GPU_CHECK_RULES['arch-not-in-build'], {
        severity: row.verified ? 'error' : 'warning',
        subject: d.name,
        baseline: `torch ${torch}: ${list.join(' ')}`,
        target: `${d.name} (sm_${cc.replace('.', '')})`,
        message: `torch ${torch} is compiled for ${list.join(', ')}, none of which runs on ${d.name} (compute capability ${cc}): CUDA calls fail with "no kernel image is available for execution on the device"`,
        hint:
          fits.length > 0
            ? `install torch ${torch.replace(/\+.*$/, '')}${fits[0]} (${fits.join(', ')} list this GPU)`
            : 'install a torch build that lists this GPU’s architecture, or use a newer GPU',
      }),
    );
  }
  return out;
}

function checkNvcc(build: CudaBuild, gpu: GpuFacet | undefined): Finding | undefined {
  const nvcc = gpu?.toolkit?.nvcc;
  if (nvcc === undefined || build.source === 'nvcc') return undefined;
  const toolkit = Number.parseInt(nvcc, 10);
  const framework = Number.parseInt(build.cuda, 10);
  if (!Number.isFinite(toolkit) || !Number.isFinite(framework) || toolkit === framework) return undefined;
  return finding(GPU_CHECK_RULES['nvcc-major-mismatch'], {
    subject: 'nvcc',
    baseline: `CUDA ${build.cuda} (${build.evidence})`,
    target: `nvcc ${nvcc}`,
    message: `nvcc on this machine is CUDA ${majorMinor(nvcc) ?? nvcc}, the installed CUDA builds are CUDA ${build.cuda} (${build.evidence}): CUDA extensions built here fail ("The detected CUDA version (${majorMinor(nvcc) ?? nvcc}) mismatches the version that was used to compile PyTorch (${build.cuda})")`,
    hint: `put a CUDA ${framework}.x toolkit first on PATH (and CUDA_HOME), or install builds for CUDA ${toolkit}`,
  });
}

/** cuDNN need: the framework's own requirement on NVIDIA's cuDNN wheel, markers of extras included (tensorflow[and-cuda]). */
function cudnnNeeds(python: PythonFacet): { pkg: string; wheel: string; spec: string; viaExtra: boolean }[] {
  const needs: { pkg: string; wheel: string; spec: string; viaExtra: boolean }[] = [];
  for (const p of python.packages ?? []) {
    // CPU-only builds (tensorflow-cpu) carry their GPU sibling's [and-cuda] extra but never load cuDNN.
    if (p.name.endsWith('-cpu')) continue;
    for (const text of p.requires ?? []) {
      const req = parseRequirement(text);
      if (typeof req === 'string' || !/^nvidia-cudnn-cu\d+$/i.test(req.name) || req.specifier === '') continue;
      needs.push({
        pkg: `${p.name} ${p.version}`,
        wheel: req.name.toLowerCase(),
        spec: req.specifier,
        viaExtra: /\bextra\s*==/.test(req.marker ?? ''),
      });
    }
  }
  return needs;
}

/** The lowest version a range admits, as major.minor: `>=9.3.0.75,<10` and `==9.1.0.70` → [9, 3], [9, 1]. */
function floorOf(spec: string): [number, number] | undefined {
  const m = /(?:^|,)(?:>=|==|~=)\s*(\d+)\.(\d+)/.exec(spec);
  return m === null ? undefined : [Number(m[1]), Number(m[2])];
}

function checkCudnn(python: PythonFacet, gpu: GpuFacet): Finding[] {
  const out: Finding[] = [];
  const installed = new Map((python.packages ?? []).map((p) => [p.name, p.version]));
  for (const need of cudnnNeeds(python)) {
    const wheel = installed.get(need.wheel);
    // A wheel a plain requirement names is pip check's business (python/requirement-*).
    if (wheel !== undefined && !need.viaExtra) continue;
    const found = wheel ?? gpu.cudnn;
    const where = wheel !== undefined ? `the ${need.wheel} wheel` : 'the system’s libcudnn';
    const floor = floorOf(need.spec);
    if (found === undefined) {
      if (!need.viaExtra) continue; // the missing wheel is python/requirement-missing
      out.push(
        finding(GPU_CHECK_RULES['cudnn-mismatch'], {
          severity: 'warning',
          subject: 'cudnn',
          baseline: `${need.pkg}: cuDNN ${need.spec}`,
          target: 'no cuDNN',
          message: `${need.pkg} was built with cuDNN ${need.spec} (${need.wheel}), and this machine has neither that wheel nor a system libcudnn: it runs without its GPU kernels`,
          hint: `install it: pip install "${need.wheel}${need.spec}" (or the framework's [and-cuda] extra)`,
        }),
      );
      continue;
    }
    if (floor === undefined) continue;
    const [maj = 0, min = 0] = found.split('.').map(Number);
    const ok = wheel !== undefined ? pep440.matches(wheel, need.spec) !== false : maj === floor[0] && min >= floor[1];
    if (ok) continue;
    out.push(
      finding(GPU_CHECK_RULES['cudnn-mismatch'], {
        subject: 'cudnn',
        baseline: `${need.pkg}: cuDNN ${need.spec}`,
        target: `cuDNN ${found} (${where})`,
        message: `${need.pkg} was built with cuDNN ${need.spec}, and ${where} is ${found}: ${maj !== floor[0] ? 'another major, which it cannot load' : 'an older minor than it needs'} ("CuDNN library needs to have matching major version and equal or higher minor version")`,
        hint: `install cuDNN ${floor[0]}.${floor[1]} or a newer ${floor[0]}.x: pip install "${need.wheel}${need.spec}"`,
      }),
    );
  }
  return out;
}

function checkMixedMajors(python: PythonFacet | undefined): Finding | undefined {
  const majors = cudaMajorsOf(python);
  if (majors.size < 2) return undefined;
  const lines = [...majors.entries()].sort((a, b) => a[0] - b[0]).map(([m, pkgs]) => `CUDA ${m}: ${listSome(pkgs)}`);
  return finding(GPU_CHECK_RULES['cuda-majors-mixed'], {
    subject: 'cuda',
    baseline: [...majors.keys()]
      .sort((a, b) => a - b)
      .map((m) => `CUDA ${m}`)
      .join(' + '),
    target: null,
    message: `CUDA builds of ${majors.size} CUDA majors are installed together — ${lines.join('; ')}`,
    hint: 'install every CUDA build for one CUDA major (e.g. all nvidia-*-cu12 and torch +cu12x)',
  });
}

export function checkGpuStack(fp: Fingerprint): Finding[] {
  const python = fp.facets.python?.status === 'ok' ? fp.facets.python : undefined;
  const gpu = fp.facets.gpu;
  const usable = gpu?.status === 'ok' && hasGpu(gpu) ? gpu : undefined;
  const out: Finding[] = [];
  const mixed = checkMixedMajors(python);
  if (mixed !== undefined) out.push(mixed);
  // cuDNN matters wherever a GPU runs a framework, CUDA build or not (TensorFlow finds the system's CUDA).
  if (python !== undefined && usable !== undefined) pushAll(out, checkCudnn(python, usable));
  const build = findCudaBuild(fp, false);
  if (build === undefined) return out;
  const nvcc = checkNvcc(build, gpu);
  if (nvcc !== undefined) out.push(nvcc);
  if (usable === undefined) {
    const none = noGpu(build, gpu);
    return none === undefined ? out : [...out, none];
  }
  const os = fp.facets.os?.status === 'ok' && fp.facets.os.name === 'windows' ? 'windows' : 'linux';
  const driver = checkDriver(build, usable, os, HERE);
  if (driver !== undefined) out.push(driver);
  const cc = checkComputeCapability(build, usable.devices ?? []);
  pushAll(out, cc);
  if (python !== undefined) pushAll(out, checkArchList(python, usable, new Set(cc.map((f) => f.subject))));
  return out;
}

export const gpuStack: ConsistencyRule = {
  name: 'gpu-stack',
  catalog: Object.values(GPU_CHECK_RULES),
  run: checkGpuStack,
};
