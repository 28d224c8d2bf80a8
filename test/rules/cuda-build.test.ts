// One decision "is this a CUDA build, which CUDA, what says so" (src/rules/cuda-build.ts): the
// rules and the Dockerfile's base image read the same answer from the same fingerprint.
import { describe, expect, it } from 'vitest';
import { detectCuda, planBase } from '../../src/dockerfile/base.js';
import type { PythonFacet, PythonPackage } from '../../src/facets/python/types.js';
import { findCudaBuild, needsCudaImage } from '../../src/rules/cuda-build.js';
import { fingerprint } from '../helpers/fingerprint.js';

// Package names and versions as pip lists them for these builds (torch from PyTorch's cu121
// index; cupy's per-CUDA wheels; nvidia-* wheels pulled in by torch 2.3.1).
const py = (packages: PythonPackage[], conda?: PythonFacet['conda']): PythonFacet => ({
  status: 'ok',
  version: '3.10.12',
  implementation: 'CPython',
  executable: '/usr/bin/python3',
  packages,
  conda: conda ?? null,
});
const linux = {
  status: 'ok' as const,
  name: 'linux',
  arch: 'x86_64',
  distro: { id: 'ubuntu', versionId: '22.04', codename: 'jammy', idLike: ['debian'] },
};

describe('one CUDA decision for rules and Dockerfile', () => {
  it.each<[string, PythonPackage[], string | undefined]>([
    ['a torch label', [{ name: 'torch', version: '2.3.1+cu121' }], '12.1'],
    [
      'torch wins over another labelled package',
      [
        { name: 'aaa', version: '1.0+cu118' },
        { name: 'torch', version: '2.3.1+cu121' },
      ],
      '12.1',
    ],
    ['a label on any package', [{ name: 'xformers', version: '0.0.23+cu118' }], '11.8'],
    [
      'the CUDA runtime wheel',
      [
        { name: 'nvidia-cuda-runtime-cu12', version: '12.4.127' },
        { name: 'torch', version: '2.4.0' },
      ],
      '12.4',
    ],
    ['a major-line wheel', [{ name: 'nvidia-cublas-cu12', version: '12.1.3.1' }], '12'],
    ['cupy for one CUDA line', [{ name: 'cupy-cuda12x', version: '13.3.0' }], '12'],
    ['cupy for one CUDA release', [{ name: 'cupy-cuda117', version: '10.6.0' }], '11.7'],
    ['a CPU build', [{ name: 'torch', version: '2.3.1+cpu' }], undefined],
  ])('%s', (_name, packages, cuda) => {
    const fp = fingerprint('dev', { os: linux, python: py(packages) });
    const build = findCudaBuild(fp, false);
    expect(build?.cuda).toBe(cuda);
    const image = detectCuda(fp);
    if (cuda === undefined) {
      expect(image).toBeUndefined();
      expect(planBase(fp).cuda).toBeUndefined();
    } else {
      // The Dockerfile asks for the same CUDA (a major line as its first release) and names the same package.
      expect(image?.cuda).toBe(cuda.includes('.') ? cuda : `${cuda}.0`);
      expect(image?.evidence).toBe(`${build!.package!.name}==${build!.package!.version}`);
      expect(planBase(fp).image).toMatch(/^nvidia\/cuda:/);
    }
  });

  it('a conda environment carries its own CUDA: the rules see it, the base stays micromamba', () => {
    const fp = fingerprint('dev', {
      os: linux,
      python: py([{ name: 'numpy', version: '1.26.4' }], {
        prefix: '~/envs/x',
        packages: [{ name: 'cuda-version', version: '12.1', build: 'h1d6eff3_3' }],
      }),
    });
    expect(findCudaBuild(fp)).toMatchObject({ cuda: '12.1', source: 'conda', evidence: 'conda cuda-version 12.1' });
    expect(needsCudaImage(findCudaBuild(fp))).toBe(false);
    expect(planBase(fp).image).toMatch(/micromamba/);
  });

  it('nvcc alone is a CUDA toolkit for the rules, not a CUDA build to install', () => {
    const fp = fingerprint('dev', { os: linux, python: py([]), gpu: { status: 'ok', toolkit: { nvcc: '12.2.140' } } });
    expect(findCudaBuild(fp)).toMatchObject({ cuda: '12.2', source: 'nvcc', packages: [] });
    expect(findCudaBuild(fp, false)).toBeUndefined();
    expect(detectCuda(fp)).toBeUndefined();
  });
});
