import { describe, expect, it } from 'vitest';
import { COMPUTE_CAPABILITIES, findComputeCapability, normalizeComputeCapability } from '../../src/data/compute-capability.js';
import { CUDA_DRIVER_FLOORS, cudaDriverFloor, cudaMinorCompatFloor } from '../../src/data/cuda-driver-floors.js';
import { ISA_REQUIREMENTS } from '../../src/data/isa-requirements.js';
import { wheelLibcNeed } from '../../src/data/manylinux.js';
import { getScheme } from '../../src/versioning/index.js';

const driver = getScheme('nvidia-driver');
const loose = getScheme('loose');

describe('CUDA driver floors (Table 3 / Table 2)', () => {
  it('keeps rows newest first, and every driver valid for the nvidia-driver scheme', () => {
    for (let i = 1; i < CUDA_DRIVER_FLOORS.length; i++) {
      const prev = CUDA_DRIVER_FLOORS[i - 1]!;
      const row = CUDA_DRIVER_FLOORS[i]!;
      expect(loose.compare(prev.cuda, row.cuda), `${prev.cuda} before ${row.cuda}`).toBeGreaterThanOrEqual(0);
      expect(driver.compare(prev.linux, row.linux), `${prev.cuda} ${prev.release}`).toBeGreaterThanOrEqual(0);
      expect(driver.isValid(row.linux)).toBe(true);
    }
  });

  it('answers the GA floor of a CUDA line', () => {
    expect(cudaDriverFloor('12.1', 'linux')).toBe('530.30.02');
    expect(cudaDriverFloor('12.4.127', 'linux')).toBe('550.54.14');
    expect(cudaDriverFloor('12.8', 'windows')).toBe('570.65');
    expect(cudaDriverFloor('13.0', 'windows')).toBeUndefined();
    expect(cudaDriverFloor('12.7', 'linux')).toBeUndefined(); // there was no CUDA 12.7
  });

  it('gives the minor-version compatibility floor per major, comparable with real drivers', () => {
    expect(cudaMinorCompatFloor('12.1', 'linux')).toBe('525.60.13');
    expect(cudaMinorCompatFloor('11.8', 'windows')).toBe('452.39');
    const f13 = cudaMinorCompatFloor('13.0', 'linux')!;
    expect(driver.compare('575.57.08', f13)).toBeLessThan(0);
    expect(driver.compare('580.65.06', f13)).toBeGreaterThan(0);
    expect(cudaMinorCompatFloor('10.2', 'linux')).toBeUndefined(); // no minor-version compatibility before 11
  });
});

describe('compute capabilities', () => {
  it('normalizes the spellings nvidia-smi, nvcc and torch use', () => {
    expect(normalizeComputeCapability('8.6')).toBe('8.6');
    expect(normalizeComputeCapability('sm_86')).toBe('8.6');
    expect(normalizeComputeCapability('sm_90a')).toBe('9.0');
    expect(normalizeComputeCapability('120')).toBe('12.0');
    expect(normalizeComputeCapability('gpu')).toBeUndefined();
    expect(findComputeCapability('sm_120')?.minCuda).toBe('12.8');
  });

  it('has one row per capability, each with a source', () => {
    const ccs = COMPUTE_CAPABILITIES.map((r) => r.cc);
    expect(new Set(ccs).size).toBe(ccs.length);
    for (const row of COMPUTE_CAPABILITIES) expect(row.source).not.toBe('');
  });
});

describe('wheel libc needs (PEP 600 / PEP 656)', () => {
  it('reads modern, legacy, compressed and musl tags', () => {
    expect(wheelLibcNeed('cp311-cp311-manylinux_2_28_x86_64')).toMatchObject({ family: 'glibc', version: '2.28' });
    expect(wheelLibcNeed('cp36-cp36m-manylinux2010_x86_64')).toMatchObject({ family: 'glibc', version: '2.12' });
    expect(wheelLibcNeed('cp311-cp311-manylinux_2_17_aarch64.manylinux2014_aarch64')).toMatchObject({ version: '2.17' });
    // polars 0.13.12's wheel name in pola-rs/polars#2922: the weaker of the two tags wins.
    expect(wheelLibcNeed('cp37-abi3-manylinux_2_12_x86_64.manylinux2010_x86_64')).toMatchObject({ version: '2.12' });
    expect(wheelLibcNeed('cp312-cp312-musllinux_1_2_x86_64')).toMatchObject({ family: 'musl', version: '1.2' });
    expect(wheelLibcNeed('py3-none-any')).toBeUndefined();
    expect(wheelLibcNeed('cp311-cp311-macosx_11_0_arm64')).toBeUndefined();
    expect(wheelLibcNeed('cp311-cp311-linux_x86_64')).toBeUndefined();
  });
});

describe('ISA requirements', () => {
  it('lists only flags in /proc/cpuinfo spelling, each with a source', () => {
    for (const r of ISA_REQUIREMENTS) {
      expect(r.source).not.toBe('');
      for (const f of r.flags) expect(f).toMatch(/^[a-z0-9_]+$/);
    }
  });
});

describe('compute capability by product name (NVIDIA CUDA GPUs tables)', () => {
  it('agrees with every compute capability nvidia-smi itself reported in a real capture', async () => {
    const { computeCapabilityOfName } = await import('../../src/data/compute-capability.js');
    // Name and compute_cap as nvidia-smi printed them: fixtures/gpu/nvidia-smi-h100-590,
    // nvidia-smi-rtx5070ti-580, and triton-inference-server/server#8070 (test/facets/gpu/probe.test.ts).
    for (const [name, cc] of [
      ['NVIDIA H100 80GB HBM3', '9.0'],
      ['NVIDIA GeForce RTX 5070 Ti', '12.0'],
      ['NVIDIA TITAN V', '7.0'],
      ['NVIDIA RTX 5880 Ada Generation', '8.9'],
    ] as const) {
      expect(computeCapabilityOfName(name), name).toBe(cc);
    }
  });

  it('reads the names older drivers print, and never guesses for an unknown one', async () => {
    const { computeCapabilityOfName } = await import('../../src/data/compute-capability.js');
    // Product names from the fixtures/gpu/nvidia-smi-xml-* reports (drivers 384 to 595).
    expect(computeCapabilityOfName('Tesla K80')).toBe('3.7');
    expect(computeCapabilityOfName('GeForce GTX 1070')).toBe('6.1');
    expect(computeCapabilityOfName('NVIDIA GeForce GTX 1050 Ti')).toBe('6.1');
    expect(computeCapabilityOfName('NVIDIA GeForce RTX 2070')).toBe('7.5');
    expect(computeCapabilityOfName('Tesla T4')).toBe('7.5');
    expect(computeCapabilityOfName('NVIDIA A100-SXM4-40GB')).toBe('8.0');
    expect(computeCapabilityOfName('NVIDIA A10')).toBe('8.6');
    expect(computeCapabilityOfName('NVIDIA RTX 4000 SFF Ada Generation')).toBe('8.9');
    expect(computeCapabilityOfName('NVIDIA RTX A4000')).toBe('8.6');
    expect(computeCapabilityOfName('GeForce GTX TITAN X')).toBe('5.2');
    expect(computeCapabilityOfName('TITAN X (Pascal)')).toBe('6.1');
    // GTX 1660 Ti under driver 418, which did not know its name yet.
    expect(computeCapabilityOfName('Graphics Device')).toBeUndefined();
  });
});
