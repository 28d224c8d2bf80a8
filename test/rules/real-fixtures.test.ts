// The rules over facets parsed from the real captures under fixtures/ (each with its SOURCE.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CpuFacet } from '../../src/facets/cpu/types.js';
import type { GpuFacet } from '../../src/facets/gpu/types.js';
import type { OsFacet } from '../../src/facets/os/types.js';
import type { PythonFacet } from '../../src/facets/python/types.js';
import { compareCpu } from '../../src/facets/cpu/rules.js';
import { parseGpu } from '../../src/facets/gpu/parse.js';
import { compareCudaStack } from '../../src/rules/cross-facet/cuda-stack.js';
import { compareOs as compareOsOnly } from '../../src/facets/os/rules.js';
import { compareWheelsVsLibc } from '../../src/rules/cross-facet/wheels-vs-libc.js';
import { loadFixtures, ROOT } from '../helpers/fixtures.js';
import { context, ruleIds, withCrossFacet } from '../helpers/fingerprint.js';

// The os facet's rules and the installed wheels' libc needs (a cross-facet rule), as the engine runs them.
const compareOs = withCrossFacet('os', compareOsOnly, compareWheelsVsLibc);

function expected<T>(facet: string, name: string): T {
  return JSON.parse(readFileSync(join(ROOT, 'fixtures', facet, name, 'expected.json'), 'utf8')) as T;
}

function parsedGpu(name: string): GpuFacet {
  const fixture = loadFixtures('gpu').find((f) => f.name === name);
  if (fixture === undefined) throw new Error(`no gpu fixture ${name}`);
  return parseGpu(fixture.section, {});
}

// Tags from real WHEEL files of ~/.pyenv/versions/3.11.7 on the dev machine (see os.test.ts).
const devPython = (torch?: string): PythonFacet => ({
  status: 'ok',
  version: '3.11.7',
  packages: [
    { name: 'cryptography', version: '48.0.0', tags: ['cp311-abi3-manylinux_2_34_x86_64'] },
    { name: 'numpy', version: '2.4.6', tags: ['cp311-cp311-manylinux_2_27_x86_64', 'cp311-cp311-manylinux_2_28_x86_64'] },
    ...(torch === undefined ? [] : [{ name: 'torch', version: torch }]),
  ],
});

describe('rules over real os fixtures', () => {
  const debian = expected<OsFacet>('os', 'debian-12-bookworm-local');

  it('flags the glibc wheels of a Debian 12 dev box on a musl 1.2.3 system', () => {
    const musl = expected<OsFacet>('os', 'musl-1.2.3-loader');
    const f = compareOs(debian, musl, context({ python: devPython() }, {}));
    expect(f.find((x) => x.ruleId === 'os/libc-family')).toMatchObject({ severity: 'error', baseline: 'glibc 2.36', target: 'musl 1.2.3' });
    expect(f.find((x) => x.ruleId === 'os/wheel-libc-mismatch')?.message).toMatch(/^2 installed wheel\(s\) are built for glibc/);
  });

  it('reports Debian 12 → Ubuntu 20.04 as a distro change, and no wheel verdict while the libc is unknown', () => {
    const focal = expected<OsFacet>('os', 'ubuntu-20.04');
    const f = compareOs(debian, focal, context({ python: devPython() }, {}));
    expect(ruleIds(f)).toEqual(['os/distro']);
    expect(f[0]).toMatchObject({ baseline: 'debian 12', target: 'ubuntu 20.04' });
  });
});

describe('rules over real cpu fixtures', () => {
  it('warns from the dev EPYC (v4) to a Ryzen 9 5950X (v3): AVX-512 is missing', () => {
    const epyc = expected<CpuFacet>('cpu', 'amd-epyc-local');
    const ryzen = expected<CpuFacet>('cpu', 'amd-ryzen-9-5950x-znver3');
    const f = compareCpu(epyc, ryzen, context({}, {}));
    expect(f.find((x) => x.ruleId === 'cpu/x86-level')).toMatchObject({ baseline: 'x86-64-v4', target: 'x86-64-v3' });
    expect(f.find((x) => x.ruleId === 'cpu/missing-isa')?.baseline?.split(' ')).toContain('avx512f');
    expect(f.find((x) => x.ruleId === 'cpu/missing-isa')?.baseline?.split(' ')).not.toContain('avx2');
  });
});

describe('rules over real gpu fixtures', () => {
  const h100 = parsedGpu('nvidia-smi-h100-590'); // driver 590.48.01, H100 sm_90
  const devGpu: GpuFacet = h100;

  it('parses the H100 capture as the rules expect', () => {
    expect(h100).toMatchObject({ status: 'ok', driver: { version: '590.48.01' } });
    expect(h100.devices?.[0]?.computeCapability).toBe('9.0');
  });

  it('accepts driver 590.48.01 for +cu121 and +cu130, and warns for +cu132 (needs 595.45.04)', () => {
    for (const build of ['2.3.1+cu121', '2.9.0+cu130']) {
      expect(compareCudaStack(context({ gpu: devGpu, python: devPython(build) }, { gpu: h100 }))).toEqual([]);
    }
    const f = compareCudaStack(context({ gpu: devGpu, python: devPython('2.11.0+cu132') }, { gpu: h100 }));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ ruleId: 'gpu/driver-minor-compat', severity: 'warning' });
    expect(f[0]?.message).toContain('below 595.45.04');
  });

  it('errors when the target is the GPU-less dev machine', () => {
    const none = parsedGpu('no-gpu-local');
    expect(none.status).not.toBe('ok');
    const f = compareCudaStack(context({ gpu: h100, python: devPython('2.3.1+cu121') }, { gpu: none }));
    expect(ruleIds(f)).toEqual(['gpu/cuda-build-without-gpu']);
  });
});
