// `check`'s GPU stack rules on real captures: the nvidia-smi outputs under fixtures/gpu/ (each with
// its SOURCE.md) as this machine's GPU, and real CUDA-build package sets as its Python — the pip
// freeze of Google's Colab runtime (fixtures/import/pip-freeze/colab-2025-08-runtime: torch
// 2.6.0+cu124, nvidia-*-cu12, cupy-cuda12x, jax-cuda12-plugin), and single builds named in public
// bug reports. The engine's own `compare` judgments (driver floors, compute capabilities) are
// shared (src/rules/cuda-support.ts); what is asserted here is that `check` applies them to one machine.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGpu } from '../../../src/facets/gpu/parse.js';
import type { GpuFacet } from '../../../src/facets/gpu/types.js';
import type { PythonFacet, PythonPackage } from '../../../src/facets/python/types.js';
import { checkGpuStack } from '../../../src/rules/consistency/gpu-stack.js';
import { fingerprint } from '../../helpers/fingerprint.js';
import { loadFixtures, ROOT } from '../../helpers/fixtures.js';

function gpu(name: string): GpuFacet {
  const fixture = loadFixtures('gpu').find((f) => f.name === name);
  if (fixture === undefined) throw new Error(`no gpu fixture ${name}`);
  return parseGpu(fixture.section, {});
}

/** The `### cudnn-header` lines the gpu probe greps from cudnn_version.h, on top of a real nvidia-smi capture. */
function withCudnnHeader(name: string, header: string): GpuFacet {
  const fixture = loadFixtures('gpu').find((f) => f.name === name)!;
  return parseGpu({ ...fixture.section, text: `${fixture.section.text.trimEnd()}\n### cudnn-header\n${header}\n` }, {});
}
// cudnn_version.h as shipped by NVIDIA, from zspace/system.cuda-12.6@b3d92c837713411301ae5df45b0c7758df7d931e
// (include/cudnn_version.h: cuDNN 9.6.0) and Minerallka/cudnn-missed-files-for-cuda-11.4@55a96dcb5213adbd86da8c9361cf820c576bea4c
// (include/cudnn_version.h: cuDNN 8.2.1), the three lines the probe keeps.
const CUDNN_9_6 = '#define CUDNN_MAJOR 9\n#define CUDNN_MINOR 6\n#define CUDNN_PATCHLEVEL 0';
const CUDNN_8_2 = '#define CUDNN_MAJOR 8\n#define CUDNN_MINOR 2\n#define CUDNN_PATCHLEVEL 1';

const colab: PythonFacet = (
  JSON.parse(readFileSync(join(ROOT, 'fixtures/import/pip-freeze/colab-2025-08-runtime/expected.json'), 'utf8')) as {
    facets: { python: PythonFacet };
  }
).facets.python;

const python = (...packages: PythonPackage[]): PythonFacet => ({
  status: 'ok',
  version: '3.11.7',
  implementation: 'CPython',
  abi: 'cp311',
  packages,
});

const ids = (python: PythonFacet, g: GpuFacet) =>
  checkGpuStack(fingerprint('dev', { python, gpu: g }))
    .map((f) => `${f.severity} ${f.ruleId} ${f.subject}`)
    .sort();

describe('gpu-stack on real nvidia-smi captures', () => {
  it('the Colab stack on this GPU-less machine (nvcc 13.0 on PATH): CUDA builds without a GPU, and an nvcc of another major', () => {
    const here = gpu('no-gpu-local');
    const f = checkGpuStack(fingerprint('dev', { python: colab, gpu: here }));
    expect(f.map((x) => `${x.severity} ${x.ruleId}`).sort()).toEqual(['error gpu/nvcc-major-mismatch', 'warning gpu/cuda-build-no-gpu']);
    expect(f.find((x) => x.ruleId === 'gpu/nvcc-major-mismatch')).toMatchObject({
      baseline: 'CUDA 12.4 (torch 2.6.0+cu124)',
      target: 'nvcc 13.0.88',
    });
  });

  it('the Colab stack where nvidia-smi cannot reach the driver: an error, with nvidia-smi’s own words', () => {
    const f = checkGpuStack(fingerprint('dev', { python: colab, gpu: gpu('nvidia-smi-driver-not-loaded') }));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ ruleId: 'gpu/cuda-build-no-gpu', severity: 'error', target: 'driver not answering' });
    expect(f[0]?.message).toContain("couldn't communicate with the NVIDIA driver");
  });

  it('the Colab stack on an H100 with driver 590.48.01: nothing to report', () => {
    expect(ids(colab, gpu('nvidia-smi-h100-590'))).toEqual([]);
  });

  it('torch +cu124 on an RTX 5070 Ti (sm_120): the GPU is newer than CUDA 12.4', () => {
    expect(ids(colab, gpu('nvidia-smi-rtx5070ti-580'))).toEqual(['error gpu/compute-capability-unsupported NVIDIA GeForce RTX 5070 Ti']);
  });

  // torch 2.8.0+cu128 on a Pascal GPU: the case jhj0517/Whisper-WebUI#653 reports ("cu128 wheels drop
  // Pascal (sm_61)"). The GTX 1050 Ti capture has no compute_cap column; its name says 6.1.
  it('torch 2.8.0+cu128 on a GTX 1050 Ti with driver 535: not in the build’s arch list, and the driver runs CUDA 12.8 only through minor-version compatibility', () => {
    const g = gpu('nvidia-smi-gtx1050ti-535');
    // This driver's query has no compute_cap column: the gpu parser derives it from the product name.
    expect(g.devices?.[0]).toMatchObject({ computeCapability: '6.1', computeCapabilityFrom: 'name' });
    const f = checkGpuStack(fingerprint('dev', { python: python({ name: 'torch', version: '2.8.0+cu128' }), gpu: g }));
    expect(f.map((x) => `${x.severity} ${x.ruleId}`).sort()).toEqual(['error gpu/arch-not-in-build', 'warning gpu/driver-minor-compat']);
    const arch = f.find((x) => x.ruleId === 'gpu/arch-not-in-build')!;
    expect(arch.message).toContain('no kernel image is available');
    expect(arch.hint).toContain('torch 2.8.0+cu126');
    // The cu126 build of the same release still carries sm_60 machine code, which runs on sm_61.
    expect(ids(python({ name: 'torch', version: '2.8.0+cu126' }), g)).toEqual(['warning gpu/driver-minor-compat driver']);
  });

  it('torch 2.11 +cu128 (single-source row) on a Pascal GPU is a warning, not an error', () => {
    expect(ids(python({ name: 'torch', version: '2.11.0+cu128' }), gpu('nvidia-smi-gtx1050ti-535'))).toContain(
      'warning gpu/arch-not-in-build NVIDIA GeForce GTX 1050 Ti',
    );
  });
});

describe('cuDNN against what the framework was built with', () => {
  // jax 0.4.28's own requirement of its cuda12 extra, as its poetry.lock entry records it
  // (lgrcia/prose, quoted in rseng/gpu-search data/github/lgrcia/prose/README.md).
  const jax = (...more: PythonPackage[]) =>
    python({ name: 'jax', version: '0.4.28', requires: ['nvidia-cudnn-cu12 (>=8.9.2.26,<9.0) ; extra == "cuda12"'] }, ...more);

  it('a system cuDNN 9.6 (another major) under a JAX built for cuDNN 8.9 is an error', () => {
    const f = checkGpuStack(fingerprint('dev', { python: jax(), gpu: withCudnnHeader('nvidia-smi-h100-590', CUDNN_9_6) }));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ ruleId: 'gpu/cudnn-mismatch', severity: 'error', target: 'cuDNN 9.6.0 (the system’s libcudnn)' });
  });

  it('a system cuDNN 8.2 (older minor) is an error too; no cuDNN at all is a warning', () => {
    expect(ids(jax(), withCudnnHeader('nvidia-smi-h100-590', CUDNN_8_2))).toEqual(['error gpu/cudnn-mismatch cudnn']);
    expect(ids(jax(), gpu('nvidia-smi-h100-590'))).toEqual(['warning gpu/cudnn-mismatch cudnn']);
  });

  it('the nvidia-cudnn-cu12 wheel, when installed, is what counts', () => {
    expect(ids(jax({ name: 'nvidia-cudnn-cu12', version: '8.9.7.29' }), withCudnnHeader('nvidia-smi-h100-590', CUDNN_9_6))).toEqual([]);
    expect(ids(jax({ name: 'nvidia-cudnn-cu12', version: '9.1.0.70' }), gpu('nvidia-smi-h100-590'))).toEqual([
      'error gpu/cudnn-mismatch cudnn',
    ]);
  });

  it('says nothing without a usable GPU, or for CPU-only builds', () => {
    expect(ids(jax(), gpu('no-gpu-local'))).toEqual([]);
    expect(
      ids(
        python({ name: 'tensorflow-cpu', version: '2.21.0', requires: ['nvidia-cudnn-cu12<10.0,>=9.3.0.75; extra == "and-cuda"'] }),
        gpu('nvidia-smi-h100-590'),
      ),
    ).toEqual([]);
  });
});

describe('CUDA runtimes of several majors', () => {
  it('the Colab stack (CUDA 12) with NVIDIA’s CUDA 13 runtime wheel (nvidia-cuda-runtime 13.0.96) added', () => {
    const mixed: PythonFacet = { ...colab, packages: [...(colab.packages ?? []), { name: 'nvidia-cuda-runtime', version: '13.0.96' }] };
    const f = checkGpuStack(fingerprint('dev', { python: mixed, gpu: gpu('nvidia-smi-h100-590') }));
    const m = f.find((x) => x.ruleId === 'gpu/cuda-majors-mixed');
    expect(m).toMatchObject({ severity: 'warning', baseline: 'CUDA 12 + CUDA 13' });
    expect(m?.message).toContain('CUDA 13: nvidia-cuda-runtime 13.0.96');
    expect(ids(colab, gpu('nvidia-smi-h100-590'))).not.toContain('warning gpu/cuda-majors-mixed cuda');
  });
});
