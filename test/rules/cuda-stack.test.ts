import { describe, expect, it } from 'vitest';
import { compareFingerprints } from '../../src/compare/engine.js';
import type { GpuFacet } from '../../src/facets/gpu/types.js';
import type { PythonFacet } from '../../src/facets/python/types.js';
import type { Facets } from '../../src/facets/index.js';
import { compareCudaStack, cudaStack } from '../../src/rules/cross-facet/cuda-stack.js';
import { compareGpu } from '../../src/facets/gpu/rules.js';
import { findCudaBuild } from '../../src/rules/cuda-build.js';
import { context, fingerprint, ruleIds } from '../helpers/fingerprint.js';

// GPU/driver pairs as PyTorch's collect_env printed them in public bug reports ("GPU 0: NVIDIA
// A100-SXM4-40GB … Nvidia driver version: 470.57.02"; "NVIDIA GeForce RTX 5090 D … 570.133.07",
// cf. pytorch/pytorch#150733; "2x Tesla P40 … 570.172.08"). Compute capabilities are NVIDIA's.
function gpu(name: string, cc: string, driver: string, cudaDriverVersion?: string, memoryMiB?: number): GpuFacet {
  return {
    status: 'ok',
    driver: { vendor: 'nvidia', version: driver },
    ...(cudaDriverVersion === undefined ? {} : { cudaDriverVersion }),
    devices: [{ index: 0, name, computeCapability: cc, ...(memoryMiB === undefined ? {} : { memoryMiB }) }],
  };
}

const devH100 = gpu('NVIDIA H100 80GB HBM3', '9.0', '550.54.15', '12.4', 81559);

// torch 2.3.1 from the cu121 index pulls these wheels (versions as pip lists them).
const cu121Python: PythonFacet = {
  status: 'ok',
  version: '3.11.7',
  implementation: 'CPython',
  abi: 'cp311',
  packages: [
    { name: 'nvidia-cublas-cu12', version: '12.1.3.1' },
    { name: 'nvidia-cuda-runtime-cu12', version: '12.1.105' },
    { name: 'torch', version: '2.3.1+cu121' },
  ],
};

describe('findCudaBuild', () => {
  it('prefers the torch local label, then the runtime wheel, then nvcc', () => {
    expect(findCudaBuild(fingerprint('a', { python: cu121Python }))?.cuda).toBe('12.1');
    const noLabel: PythonFacet = {
      ...cu121Python,
      packages: [
        { name: 'nvidia-cuda-runtime-cu12', version: '12.4.127' },
        { name: 'torch', version: '2.4.0' },
      ],
    };
    expect(findCudaBuild(fingerprint('a', { python: noLabel }))).toMatchObject({
      cuda: '12.4',
      evidence: 'nvidia-cuda-runtime-cu12 12.4.127',
    });
    const cupy: PythonFacet = { ...cu121Python, packages: [{ name: 'cupy-cuda12x', version: '13.3.0' }] };
    expect(findCudaBuild(fingerprint('a', { python: cupy }))?.cuda).toBe('12');
    const nvccOnly = fingerprint('a', { gpu: { ...devH100, toolkit: { nvcc: '12.2.140' } } });
    expect(findCudaBuild(nvccOnly)).toMatchObject({ cuda: '12.2', evidence: 'nvcc 12.2.140', packages: [] });
    expect(
      findCudaBuild(fingerprint('a', { python: { ...cu121Python, packages: [{ name: 'torch', version: '2.3.1+cpu' }] } })),
    ).toBeUndefined();
  });

  it('reads +cu118 as 11.8 and +cu130 as 13.0', () => {
    const py = (v: string): PythonFacet => ({ ...cu121Python, packages: [{ name: 'torch', version: v }] });
    expect(findCudaBuild(fingerprint('a', { python: py('2.0.1+cu118') }))?.cuda).toBe('11.8');
    expect(findCudaBuild(fingerprint('a', { python: py('2.9.0+cu130') }))?.cuda).toBe('13.0');
  });
});

describe('gpu workload rules', () => {
  const baseline = { gpu: devH100, python: cu121Python };

  it('errors when the baseline ran CUDA builds on a GPU and the target has none', () => {
    const f = cudaStack.run(context(baseline, { gpu: { status: 'absent', reason: 'no nvidia-smi' }, python: cu121Python }));
    const nogpu = f.find((x) => x.ruleId === 'gpu/cuda-build-without-gpu');
    expect(nogpu).toMatchObject({ severity: 'error', facet: 'gpu', target: 'no GPU' });
    expect(nogpu?.message).toContain('torch 2.3.1+cu121');
  });

  it('stays quiet when the baseline had no GPU either (a CUDA wheel on a CPU laptop runs on the CPU)', () => {
    const f = compareCudaStack(context({ python: cu121Python, gpu: { status: 'absent' } }, { gpu: { status: 'absent' } }));
    expect(f).toEqual([]);
  });

  it('errors when the driver is below every CUDA 12 floor (A100 on 470.57.02 with +cu121)', () => {
    const f = compareCudaStack(context(baseline, { gpu: gpu('NVIDIA A100-SXM4-40GB', '8.0', '470.57.02', '11.4') }));
    expect(ruleIds(f)).toEqual(['gpu/driver-too-old']);
    expect(f[0]).toMatchObject({ severity: 'error', baseline: 'CUDA 12.1 (torch 2.3.1+cu121)', target: '470.57.02 (CUDA 11.4)' });
    expect(f[0]?.message).toContain('≥ 530.30.02');
  });

  it('warns within minor-version compatibility (A100 on 525.105.17 with +cu121: ≥ 525.60.13, < 530.30.02)', () => {
    const f = compareCudaStack(context(baseline, { gpu: gpu('NVIDIA A100-SXM4-40GB', '8.0', '525.105.17', '12.0') }));
    expect(ruleIds(f)).toEqual(['gpu/driver-minor-compat']);
    expect(f[0]?.severity).toBe('warning');
  });

  it('passes a driver at or above the Table 3 floor', () => {
    expect(compareCudaStack(context(baseline, { gpu: gpu('NVIDIA A100-SXM4-40GB', '8.0', '530.30.02') }))).toEqual([]);
    expect(compareCudaStack(context(baseline, { gpu: gpu('NVIDIA L4', '8.9', '570.124.06', '12.8') }))).toEqual([]);
  });

  it('errors when the GPU is newer than the CUDA build (RTX 5090 sm_120 with +cu121)', () => {
    const f = compareCudaStack(context(baseline, { gpu: gpu('NVIDIA GeForce RTX 5090 D', '12.0', '570.133.07', '12.8') }));
    expect(ruleIds(f)).toEqual(['gpu/compute-capability-unsupported']);
    expect(f[0]).toMatchObject({ severity: 'error', subject: 'NVIDIA GeForce RTX 5090 D', target: 'NVIDIA GeForce RTX 5090 D (sm_120)' });
    expect(f[0]?.message).toContain('needs CUDA ≥ 12.8');
  });

  it('errors when CUDA dropped the GPU (K80 sm_37 with CUDA 12; P40 sm_61 with CUDA 13 and a 570 driver)', () => {
    const k80 = compareCudaStack(context(baseline, { gpu: gpu('Tesla K80', '3.7', '535.104.05') }));
    expect(ruleIds(k80)).toEqual(['gpu/compute-capability-unsupported']);
    expect(k80[0]?.message).toContain('support ended in CUDA 12.0');

    const cu130: PythonFacet = { ...cu121Python, packages: [{ name: 'torch', version: '2.9.0+cu130' }] };
    const p40 = compareCudaStack(context({ gpu: devH100, python: cu130 }, { gpu: gpu('Tesla P40', '6.1', '570.172.08') }));
    expect(ruleIds(p40)).toEqual(['gpu/compute-capability-unsupported', 'gpu/driver-too-old']);
    expect(p40.find((x) => x.ruleId === 'gpu/driver-too-old')?.message).toContain('≥ 580.65.06');
  });

  it('only warns on unverified compute capability rows', () => {
    const cu92: PythonFacet = { ...cu121Python, packages: [{ name: 'torch', version: '2.0.0+cu92' }] };
    // sm_75 → min CUDA 10.0 is "well known" but has a single source (src/data/compute-capability.ts: unverified).
    const f = compareCudaStack(context({ gpu: devH100, python: cu92 }, { gpu: gpu('Tesla T4', '7.5', '535.104.05') }));
    expect(f.find((x) => x.ruleId === 'gpu/compute-capability-unsupported')?.severity).toBe('warning');
  });

  it('runs once per comparison (from the engine), with or without Python on the target', () => {
    const old = gpu('NVIDIA A100-SXM4-40GB', '8.0', '470.57.02');
    const count = (target: Partial<Facets>) =>
      compareFingerprints(fingerprint('dev', baseline), fingerprint('qa', target)).filter((x) => x.ruleId === 'gpu/driver-too-old').length;
    // A bare GPU host with no Python yet is still checked against the dev build.
    expect(count({ gpu: old, python: { status: 'absent', reason: 'python3 not found' } })).toBe(1);
    expect(count({ gpu: old, python: cu121Python })).toBe(1);
    // Neither a GPU nor Python on the target: gpu/ and python/absent-on-target say what matters.
    const none = compareFingerprints(fingerprint('dev', baseline), fingerprint('qa', {}));
    expect(ruleIds(none)).toEqual(['gpu/absent-on-target', 'python/absent-on-target']);
  });

  it('uses the CUDA version the driver reports when no driver version was captured', () => {
    const noDriver: GpuFacet = {
      status: 'ok',
      driver: { vendor: 'nvidia' },
      cudaDriverVersion: '11.4',
      devices: [{ index: 0, name: 'NVIDIA A100-SXM4-40GB', computeCapability: '8.0' }],
    };
    const f = compareCudaStack(context(baseline, { gpu: noDriver }));
    expect(f[0]).toMatchObject({ ruleId: 'gpu/driver-too-old', severity: 'error' });
  });
});

describe('gpu facet differences', () => {
  it('reports driver and model differences as info and smaller memory as a warning', () => {
    const a100 = gpu('NVIDIA A100-SXM4-40GB', '8.0', '535.104.05', '12.2', 40960);
    const f = compareGpu(devH100, a100, context({ gpu: devH100 }, { gpu: a100 }));
    expect(ruleIds(f)).toEqual(['gpu/devices', 'gpu/driver-version', 'gpu/less-memory']);
    expect(f.find((x) => x.ruleId === 'gpu/devices')).toMatchObject({
      severity: 'info',
      baseline: 'NVIDIA H100 80GB HBM3',
      target: 'NVIDIA A100-SXM4-40GB',
    });
    expect(f.find((x) => x.ruleId === 'gpu/driver-version')?.baseline).toBe('550.54.15 (CUDA 12.4)');
    expect(f.find((x) => x.ruleId === 'gpu/less-memory')?.severity).toBe('warning');
  });

  it('groups identical devices and finds nothing between identical facets', () => {
    const two: GpuFacet = {
      ...devH100,
      devices: [
        { index: 1, name: 'NVIDIA H100 80GB HBM3', computeCapability: '9.0' },
        { index: 0, name: 'NVIDIA H100 80GB HBM3', computeCapability: '9.0' },
      ],
    };
    const f = compareGpu(devH100, two, context({ gpu: devH100 }, { gpu: two }));
    expect(f.find((x) => x.ruleId === 'gpu/devices')?.target).toBe('NVIDIA H100 80GB HBM3 ×2');
    expect(compareGpu(devH100, devH100, context({ gpu: devH100 }, { gpu: devH100 }))).toEqual([]);
  });
});

describe('through the compare engine', () => {
  it('reports the driver floor exactly once, whichever Python facets are present', () => {
    const old = gpu('NVIDIA A100-SXM4-40GB', '8.0', '470.57.02');
    const dev = fingerprint('dev', { gpu: devH100, python: cu121Python });
    for (const targetPython of [cu121Python, { status: 'absent' as const }]) {
      const qa = fingerprint('qa', { gpu: old, python: targetPython });
      const f = compareFingerprints(dev, qa);
      expect(f.filter((x) => x.ruleId === 'gpu/driver-too-old')).toHaveLength(1);
    }
  });
});

describe('the CUDA build that runs on the target', () => {
  it("checks the target's own CUDA build against its driver when it has one", () => {
    const cu118: PythonFacet = { ...cu121Python, packages: [{ name: 'torch', version: '2.0.1+cu118' }] };
    const v100 = gpu('Tesla V100-SXM2-32GB', '7.0', '520.61.05');
    // 520.61.05 is the CUDA 11.8 floor: fine for +cu118, too old for +cu121.
    expect(compareCudaStack(context({ gpu: devH100, python: cu121Python }, { gpu: v100, python: cu118 }))).toEqual([]);
    expect(ruleIds(compareCudaStack(context({ gpu: devH100, python: cu121Python }, { gpu: v100 })))).toEqual(['gpu/driver-too-old']);
  });
});

describe('a driver that answered but listed no devices (the device query failed)', () => {
  const baseline = { gpu: devH100, python: cu121Python };
  // nvidia-smi printed its banner (driver 470.57.02, CUDA 11.4) but --query-gpu failed: the
  // parser keeps status ok with no devices. There is a GPU; only the list is unknown.
  const answered: GpuFacet = { status: 'ok', driver: { vendor: 'nvidia', version: '470.57.02' }, cudaDriverVersion: '11.4', devices: [] };

  it('is not "no GPU": the driver floor is still checked', () => {
    const f = compareCudaStack(context(baseline, { gpu: answered }));
    expect(ruleIds(f)).toEqual(['gpu/driver-too-old']);
  });

  it('counts as a GPU on the baseline too', () => {
    const f = compareCudaStack(context({ gpu: { ...devH100, devices: [] }, python: cu121Python }, { gpu: { status: 'absent' } }));
    expect(ruleIds(f)).toEqual(['gpu/cuda-build-without-gpu']);
  });
});

describe('driver hints name what the target driver can run', () => {
  it('suggests builds for the CUDA the target driver reports', () => {
    const f = compareCudaStack(
      context({ gpu: devH100, python: cu121Python }, { gpu: gpu('NVIDIA A100-SXM4-40GB', '8.0', '470.57.02', '11.4') }),
    );
    expect(f[0]?.hint).toBe(
      'upgrade the target\'s NVIDIA driver to ≥ 530.30.02, or install builds for CUDA ≤ 11.4, the newest this driver runs (nvidia-smi\'s "CUDA Version")',
    );
  });
});
