// GPU rules: vendor, driver, devices, nvcc and cuDNN of the two machines. "CUDA version" means
// three things, kept apart: the driver's `cudaDriverVersion` is the newest CUDA it can run,
// `toolkit.nvcc` is the compiler on PATH, and the CUDA a framework was built with (torch
// `+cu121`, nvidia-cuda-runtime-cu12 wheels) is what actually needs the driver. That last check
// reads the python facet too and lives in src/rules/cross-facet/cuda-stack.ts.
import { defineRules, finding, type Finding, type RuleDef } from '../../core/findings.js';
import type { CompareContext } from '../types.js';
import type { GpuDevice, GpuFacet } from './types.js';

// The rules this facet reports, declared once (id, default severity, title, help): the
// catalog (src/rules/catalog.ts) reads them from the facet module.
export const GPU_RULES = defineRules('gpu', {
  vendor: {
    severity: 'warning',
    title: 'GPU vendor differs',
    help: 'Code that names a device ("cuda", "mps") must pick the other backend: select the device at run time (torch.cuda.is_available(), torch.backends.mps.is_available()).',
  },
  'driver-version': {
    severity: 'info',
    title: 'GPU driver version differs',
    help: 'NVIDIA drivers are backward compatible. gpu/driver-too-old reports a driver too old for the CUDA build in use.',
  },
  devices: {
    severity: 'info',
    title: 'GPU models or count differ',
    help: 'Speed changes, and for multi-GPU jobs the device count (DDP world size) does. Check batch sizes and world size for the target GPUs.',
  },
  'less-memory': {
    severity: 'warning',
    title: 'Target GPU has less memory',
    help: 'A batch that fits on the baseline’s largest GPU may fail with "CUDA out of memory" on the target. Lower the batch size, or use gradient accumulation or mixed precision.',
  },
  'devices-not-captured': {
    severity: 'error',
    title: 'The GPUs of one side could not be listed',
    help: 'The driver answered on that side but `nvidia-smi --query-gpu` and `nvidia-smi -q -x` could not list its devices (the reason says why), while the other side listed its GPUs: which GPUs it has, their memory and compute capability cannot be told. Fix nvidia-smi there and capture again; a policy may lower this rule.',
  },
  mig: {
    severity: 'warning',
    title: 'MIG partitioning differs',
    help: 'With MIG enabled a process sees one instance (a slice of the GPU’s memory and SMs), not the whole GPU: batch sizes and throughput tuned on one layout do not carry over. Use the same MIG profile, or test on the target’s.',
  },
  'nvcc-version': {
    severity: 'info',
    title: 'CUDA compiler (nvcc) differs',
    help: 'nvcc matters when packages compile CUDA code at install time (flash-attn, apex, custom ops); it is not what a prebuilt framework needs at run time.',
  },
  'cudnn-version': {
    severity: 'info',
    title: 'cuDNN version differs',
    help: 'cuDNN selects different convolution algorithms per version: results may differ in the last bits.',
  },
});

export function compareGpu(baseline: GpuFacet, target: GpuFacet, _ctx: CompareContext): Finding[] {
  const findings: Finding[] = [];
  const vendorA = baseline.driver?.vendor;
  const vendorB = target.driver?.vendor;
  if (vendorA !== undefined && vendorB !== undefined && vendorA !== vendorB) {
    findings.push(
      finding(GPU_RULES.vendor, {
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
      finding(GPU_RULES['driver-version'], {
        subject: 'driver',
        baseline: withCuda(driverA, baseline.cudaDriverVersion),
        target: withCuda(driverB, target.cudaDriverVersion),
        message: `GPU driver differs: ${withCuda(driverA, baseline.cudaDriverVersion)} here, ${withCuda(driverB, target.cudaDriverVersion)} there`,
        hint: 'drivers are backward compatible; gpu/driver-too-old reports a driver too old for the CUDA build in use',
      }),
    );
  }
  const unlisted = devicesNotCaptured(baseline, target);
  if (unlisted) findings.push(unlisted);
  findings.push(...compareDevices(baseline.devices ?? [], target.devices ?? []));
  const mig = compareMig(baseline.devices ?? [], target.devices ?? []);
  if (mig) findings.push(mig);
  findings.push(
    ...compareOptional(
      GPU_RULES['nvcc-version'],
      'nvcc',
      baseline.toolkit?.nvcc,
      target.toolkit?.nvcc,
      'the CUDA compiler matters when packages build CUDA extensions at install time (flash-attn, apex, custom ops)',
    ),
  );
  findings.push(
    ...compareOptional(
      GPU_RULES['cudnn-version'],
      'cudnn',
      baseline.cudnn,
      target.cudnn,
      'cuDNN selects different convolution algorithms per version: results may differ in the last bits',
    ),
  );

  return findings;
}

export function withCuda(driver: string, cuda: string | undefined): string {
  return cuda === undefined ? driver : `${driver} (CUDA ${cuda})`;
}

/** "NVIDIA A100-SXM4-80GB ×2, NVIDIA T4": devices grouped by model, in index order. */
function describeDevices(devices: readonly GpuDevice[]): string {
  const counts = new Map<string, number>();
  for (const d of [...devices].sort((x, y) => x.index - y.index)) counts.set(d.name, (counts.get(d.name) ?? 0) + 1);
  return [...counts].map(([name, n]) => (n === 1 ? name : `${name} ×${n}`)).join(', ');
}

/** Devices unknown on one side (the driver answered, the list failed) while the other has some. */
function devicesNotCaptured(a: GpuFacet, b: GpuFacet): Finding | undefined {
  const side = b.devicesError !== undefined ? 'target' : a.devicesError !== undefined ? 'baseline' : undefined;
  if (!side) return undefined;
  const broken = side === 'target' ? b : a;
  const other = side === 'target' ? a : b;
  if ((other.devices ?? []).length === 0) return undefined;
  return finding(GPU_RULES['devices-not-captured'], {
    subject: 'devices',
    baseline: side === 'baseline' ? `unknown: ${broken.devicesError}` : describeDevices(other.devices ?? []),
    target: side === 'target' ? `unknown: ${broken.devicesError}` : describeDevices(other.devices ?? []),
    message: `the ${side}'s GPUs could not be listed (${broken.devicesError}) while the ${side === 'target' ? 'baseline' : 'target'} has ${describeDevices(other.devices ?? [])}: their models, memory and compute capability cannot be compared`,
    hint: `fix nvidia-smi on the ${side} and capture again`,
  });
}

/** What a process sees of each GPU: the whole card, or with MIG one of its instances. */
function describeMig(devices: readonly GpuDevice[]): string {
  return [...devices]
    .sort((x, y) => x.index - y.index)
    .map((d) => {
      if (d.migMode !== 'enabled') return `${d.name}: whole GPU`;
      const parts = (d.migDevices ?? []).map((m) => `${m.memoryMiB ?? '?'} MiB/${m.multiprocessorCount ?? '?'} SMs`);
      return `${d.name}: MIG ${parts.length ? `${parts.length} instances (${[...new Set(parts)].join(', ')})` : 'enabled, instances not listed'}`;
    })
    .join('; ');
}

function compareMig(a: readonly GpuDevice[], b: readonly GpuDevice[]): Finding | undefined {
  if (a.length === 0 || b.length === 0) return undefined;
  if (!a.some((d) => d.migMode === 'enabled') && !b.some((d) => d.migMode === 'enabled')) return undefined;
  const da = describeMig(a);
  const db = describeMig(b);
  if (da === db) return undefined;
  return finding(GPU_RULES.mig, {
    subject: 'mig',
    baseline: da,
    target: db,
    message: `GPU partitioning differs: ${da} here, ${db} there; a process sees one MIG instance, not the whole GPU`,
    hint: 'use the same MIG profile on the target, or size batches for its instances',
  });
}

/** The memory one process can use on a device: a MIG instance's when MIG is on. */
function usableMemory(d: GpuDevice): number {
  if (d.migMode === 'enabled' && d.migDevices?.length) return Math.max(...d.migDevices.map((m) => m.memoryMiB ?? 0));
  return d.memoryMiB ?? 0;
}

function compareDevices(a: readonly GpuDevice[], b: readonly GpuDevice[]): Finding[] {
  if (a.length === 0 || b.length === 0) return [];
  const findings: Finding[] = [];
  const da = describeDevices(a);
  const db = describeDevices(b);
  if (da !== db) {
    findings.push(
      finding(GPU_RULES.devices, {
        subject: 'devices',
        baseline: da,
        target: db,
        message: `GPUs differ: ${da} here, ${db} there; speed, and for multi-GPU jobs the device count, change`,
        hint: 'check batch sizes and world size (DDP) for the target GPUs',
      }),
    );
  }
  const memA = Math.max(...a.map(usableMemory));
  const memB = Math.max(...b.map(usableMemory));
  if (memA > 0 && memB > 0 && memB < memA) {
    findings.push(
      finding(GPU_RULES['less-memory'], {
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

function compareOptional(rule: RuleDef, subject: string, a: string | undefined, b: string | undefined, why: string): Finding[] {
  if (a === b || (a === undefined && b === undefined)) return [];
  const va = a ?? 'none';
  const vb = b ?? 'none';
  return [
    finding(rule, {
      subject,
      baseline: a,
      target: b,
      message: `${subject} differs: ${va} here, ${vb} there; ${why}`,
      hint:
        b === undefined ? `install ${subject} ${va} on the target if packages are built there` : 'nothing to do unless you build CUDA code',
    }),
  ];
}
