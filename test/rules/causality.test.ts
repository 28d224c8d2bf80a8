// The causality pass (src/rules/causality.ts) through the engine, over facets parsed from the real
// captures under fixtures/ (each with its SOURCE.md). Where a test changes a real facet (a package
// list, a lock file), it says so: those parts are SYNTHETIC.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings.js';
import { compareFingerprints } from '../../src/compare/engine.js';
import { applyPolicy } from '../../src/compare/policy.js';
import type { CpuFacet } from '../../src/facets/cpu/types.js';
import type { GpuFacet } from '../../src/facets/gpu/types.js';
import type { Facets, Fingerprint } from '../../src/facets/index.js';
import type { LockfilesFacet } from '../../src/facets/lockfiles/types.js';
import type { OsFacet } from '../../src/facets/os/types.js';
import type { PythonFacet, PythonPackage } from '../../src/facets/python/types.js';
import { CAUSE_LINKS, linkCauses } from '../../src/rules/causality.js';
import { RULES } from '../../src/rules/catalog.js';
import { parseGpu } from '../../src/facets/gpu/parse.js';
import { loadFixtures, ROOT } from '../helpers/fixtures.js';
import { fingerprint } from '../helpers/fingerprint.js';

function expected<T>(facet: string, name: string): T {
  return JSON.parse(readFileSync(join(ROOT, 'fixtures', facet, name, 'expected.json'), 'utf8')) as T;
}

function compare(baseline: Partial<Facets>, target: Partial<Facets>): Finding[] {
  return compareFingerprints(fingerprint('dev', baseline), fingerprint('qa', target));
}

const by = (findings: readonly Finding[], ruleId: string): Finding[] => findings.filter((f) => f.ruleId === ruleId);
const causeOf = (f: Finding | undefined): string | undefined => (f?.causedBy ? `${f.causedBy.ruleId} ${f.causedBy.subject}` : undefined);

/** Every consequence follows its cause directly, after the causes before it and their consequences. */
function expectFolded(findings: readonly Finding[]): void {
  let currentRoot: Finding | undefined;
  for (const f of findings) {
    if (f.causedBy === undefined) currentRoot = f;
    else expect(currentRoot, `${f.ruleId} ${f.subject} follows its cause`).toBeDefined();
  }
}

// Real captures of pyenv's CPython 3.11.7 (a venv with five packages) and 2.7.18.
const py311 = expected<PythonFacet>('python', 'venv-3.11.7-editable');
const py27 = expected<PythonFacet>('python', 'pyenv-2.7.18');

describe('the interpreter explains the packages', () => {
  const findings = compare({ python: py311 }, { python: py27 });

  it('python/major-version comes first; every package finding follows from it, with its own severity', () => {
    expect(findings[0]).toMatchObject({ ruleId: 'python/major-version', baseline: '3.11.7', target: '2.7.18' });
    const packages = findings.filter((f) => f.ruleId.startsWith('python/package-'));
    expect(packages.map((f) => `${f.ruleId} ${f.subject} ${f.severity}`)).toEqual([
      'python/package-missing bitarray error',
      'python/package-major pip error',
      'python/package-major setuptools error',
      'python/package-missing six error',
      'python/package-missing tiny-pkg error',
    ]);
    for (const f of packages) expect(causeOf(f)).toBe('python/major-version python');
    expect(findings.slice(1)).toEqual(packages);
  });

  it('the hints propose no pin for Python 2.7 (pip==23.2.1 does not install there): one step, the interpreter first', () => {
    expect(findings[0]!.hint).toMatch(
      /^use Python 3\.11 on the target first \(e\.g\. python:3\.11-slim or uv python install 3\.11\), then/,
    );
    expect(findings[0]!.hint).toContain('pip install --no-deps -r envdiff-requirements.txt');
    for (const f of findings) expect(f.hint, f.subject).not.toMatch(/==|pip install ["']/);
    expect(by(findings, 'python/package-major').find((f) => f.subject === 'pip')?.hint).toMatch(
      /^follows from python\/major-version \(3\.11\.7 → 2\.7\.18\): use Python 3\.11 on the target first.*may not support Python 2\.7\.18$/,
    );
  });

  it('the same interpreter on both sides: no cause, and the missing packages share one runnable pip line', () => {
    const fewer: PythonFacet = { ...py311, packages: py311.packages!.filter((p) => p.name === 'pip' || p.name === 'setuptools') };
    const same = compare({ python: py311 }, { python: fewer });
    expect(same.every((f) => f.causedBy === undefined)).toBe(true);
    const missing = by(same, 'python/package-missing');
    expect(missing.map((f) => f.subject)).toEqual(['bitarray', 'six', 'tiny-pkg']);
    for (const f of missing) {
      expect(f.hint).toBe("Install the 3 missing packages in one step: pip install 'bitarray==3.11.0' 'six==1.17.0' 'tiny-pkg==0.3.1'");
    }
  });

  it('lock file pins of PyPI packages follow from the interpreter; pins of other ecosystems do not (lock files SYNTHETIC)', () => {
    const lock = (numpy: string, ggplot: string): LockfilesFacet =>
      ({
        status: 'ok',
        files: [
          {
            path: 'requirements.txt',
            kind: 'requirements',
            sha256: numpy.repeat(8),
            status: 'ok',
            packages: [{ name: 'numpy', version: numpy, ecosystem: 'pypi' }],
          },
          {
            path: 'renv.lock',
            kind: 'renv.lock',
            sha256: ggplot.repeat(8),
            status: 'ok',
            packages: [{ name: 'ggplot2', version: ggplot, ecosystem: 'cran' }],
          },
        ],
      }) as unknown as LockfilesFacet;
    const f = compare({ python: py311, lockfiles: lock('2.1.0', '3.5.0') }, { python: py27, lockfiles: lock('1.16.6', '3.4.4') });
    const pins = by(f, 'lockfiles/pin-changed');
    // The explained pin sits under its cause, before the rest.
    expect(pins.map((p) => [p.subject, causeOf(p)])).toEqual([
      ['requirements.txt: numpy', 'python/major-version python'],
      ['renv.lock: ggplot2', undefined],
    ]);
  });
});

describe('the platform explains what is built for it', () => {
  // Tags of real WHEEL files of ~/.pyenv/versions/3.11.7 on the dev machine (as in real-fixtures.test.ts).
  const wheels: PythonPackage[] = [
    { name: 'cryptography', version: '48.0.0', tags: ['cp311-abi3-manylinux_2_34_x86_64'] },
    { name: 'numpy', version: '2.4.6', tags: ['cp311-cp311-manylinux_2_27_x86_64', 'cp311-cp311-manylinux_2_28_x86_64'] },
    { name: 'six', version: '1.17.0', tags: ['py2-none-any', 'py3-none-any'] },
  ];
  const python = (packages: PythonPackage[]): PythonFacet => ({ ...py311, packages });
  const debian12 = expected<OsFacet>('os', 'debian-12-bookworm-local');

  it('glibc 2.36 → 2.31 (Debian 12 → 11): the wheels beyond 2.31 follow from os/libc-version', () => {
    const debian11 = expected<OsFacet>('os', 'debian-11-bullseye-podman');
    const f = compare({ os: debian12, python: python(wheels) }, { os: debian11, python: python(wheels) });
    expect(f.map((x) => x.ruleId).slice(0, 2)).toEqual(['os/libc-version', 'os/glibc-too-old-for-wheels']);
    expect(causeOf(by(f, 'os/glibc-too-old-for-wheels')[0])).toBe('os/libc-version libc');
    expectFolded(f);
  });

  it('glibc → musl: the manylinux wheels follow from os/libc-family, and so do the compiled packages missing there', () => {
    const musl = expected<OsFacet>('os', 'musl-1.2.3-loader');
    const f = compare({ os: debian12, python: python(wheels) }, { os: musl, python: python(wheels.filter((p) => p.name === 'six')) });
    expect(f[0]?.ruleId).toBe('os/libc-family');
    expect(causeOf(by(f, 'os/wheel-libc-mismatch')[0])).toBe('os/libc-family libc');
    const missing = by(f, 'python/package-missing');
    expect(missing.map((x) => [x.subject, causeOf(x)])).toEqual([
      ['cryptography', 'os/libc-family libc'],
      ['numpy', 'os/libc-family libc'],
    ]);
    for (const x of missing) expect(x.hint).not.toMatch(/==/);
  });

  it('Linux → macOS: a package that exists only on macOS (appnope) follows from os/platform; a pure-Python one does not (packages SYNTHETIC)', () => {
    const macos = expected<OsFacet>('os', 'macos-10.15-catalina');
    const onMac = python([...wheels.filter((p) => p.name === 'six'), { name: 'appnope', version: '0.1.4', tags: ['py3-none-any'] }]);
    const onLinux = python([{ name: 'six', version: '1.16.0', tags: ['py2-none-any', 'py3-none-any'] }]);
    const f = compare({ os: macos, python: onMac }, { os: debian12, python: onLinux });
    expect(f[0]?.ruleId).toBe('os/platform');
    expect(causeOf(by(f, 'python/package-missing').find((x) => x.subject === 'appnope'))).toBe('os/platform os');
    expect(causeOf(by(f, 'python/package-minor').find((x) => x.subject === 'six'))).toBeUndefined();
  });
});

describe('no GPU on the target explains the CUDA builds', () => {
  const gpu = (name: string): GpuFacet => {
    const fixture = loadFixtures('gpu').find((x) => x.name === name);
    if (fixture === undefined) throw new Error(`no gpu fixture ${name}`);
    return parseGpu(fixture.section, {});
  };
  // The composed CUDA fingerprint of fixtures/dockerfile/ (real parts: an H100 host's nvidia-smi
  // and a published pip freeze with torch 2.5.1+cu121; its SOURCE.md says where each part is from).
  const h100 = JSON.parse(
    readFileSync(join(ROOT, 'fixtures', 'dockerfile', 'linux-cuda-ubuntu-22.04-h100', 'fingerprint.json'), 'utf8'),
  ) as Fingerprint;

  it('an H100 box against this GPU-less machine (fixtures/gpu/no-gpu-local): gpu/absent-on-target first, the CUDA build under it', () => {
    const noGpu = { ...h100, label: 'cpu-node', facets: { ...h100.facets, gpu: gpu('no-gpu-local') } };
    const f = compareFingerprints(h100, noGpu);
    expect(f.map((x) => `${x.ruleId} ${causeOf(x) ?? ''}`.trim())).toEqual([
      'gpu/absent-on-target',
      'gpu/cuda-build-without-gpu gpu/absent-on-target gpu',
    ]);
    expect(f[0]!.hint).toMatch(/^run the target on a GPU node .*--gpus all.*download\.pytorch\.org\/whl\/cpu/);
  });

  it('…and when the GPU-less node has the CPU build of torch (package list SYNTHETIC): that difference follows from it too, with no +cu121 pin', () => {
    const python = h100.facets.python;
    const cpuTorch: PythonFacet = {
      ...python,
      packages: python.packages!.map((p) => (p.name === 'torch' ? { ...p, version: '2.5.1+cpu' } : p)),
    };
    const noGpu = { ...h100, label: 'cpu-node', facets: { ...h100.facets, gpu: gpu('no-gpu-local'), python: cpuTorch } };
    const f = compareFingerprints(h100, noGpu);
    expect(f[0]?.ruleId).toBe('gpu/absent-on-target');
    const torch = f.find((x) => x.subject === 'torch');
    expect(torch).toMatchObject({ ruleId: 'python/package-local-label', severity: 'error' });
    expect(causeOf(torch)).toBe('gpu/absent-on-target gpu');
    expect(torch!.hint).not.toContain('+cu121');
    expectFolded(f);
  });

  it('a GPU on both sides: nothing is filed under a missing GPU', () => {
    const other = { ...h100, facets: { ...h100.facets, gpu: gpu('nvidia-smi-rtx5070ti-580') } };
    expect(compareFingerprints(h100, other).some((x) => x.causedBy?.ruleId.startsWith('gpu/absent'))).toBe(false);
  });
});

describe('the CPU explains the packages that need its instruction sets', () => {
  it('TensorFlow on an AMD EPYC box, then under Rosetta 2 on an M1 (no AVX): cpu/missing-isa explains the crash', () => {
    const epyc = expected<CpuFacet>('cpu', 'amd-epyc-local');
    const rosetta = expected<CpuFacet>('cpu', 'macos-monterey-rosetta2-m1');
    const tf: PythonFacet = { ...py311, packages: [{ name: 'tensorflow', version: '2.15.0' }] };
    const f = compare({ cpu: epyc, python: tf }, { cpu: rosetta, python: tf });
    const isa = by(f, 'cpu/isa-required-by-package');
    expect(isa).toHaveLength(1);
    expect(causeOf(isa[0])).toBe('cpu/missing-isa instruction sets');
    expect(f.indexOf(isa[0]!)).toBe(f.findIndex((x) => x.ruleId === 'cpu/missing-isa') + 1);
    expectFolded(f);
  });
});

describe('the causality table itself', () => {
  it('names only rules the catalog declares, and no rule explains its own findings', () => {
    const ids = new Set(RULES.map((r) => r.id));
    for (const link of CAUSE_LINKS) {
      for (const r of [...link.causes, ...link.consequences]) expect(ids.has(r.id), `${link.name}: ${r.id}`).toBe(true);
    }
    const f = compare({ python: py311 }, { python: py27 });
    for (const x of f) expect(x.causedBy?.ruleId).not.toBe(x.ruleId);
  });

  it('links the same way whatever order the rules returned their findings in', () => {
    const ctx = { baseline: fingerprint('dev', { python: py311 }), target: fingerprint('qa', { python: py27 }) };
    const raw = compareFingerprints(ctx.baseline, ctx.target, undefined, undefined, []);
    const forward = linkCauses(raw, ctx);
    const backward = linkCauses([...raw].reverse(), ctx).reverse();
    expect(backward).toEqual(forward);
    expect(forward.filter((x) => x.causedBy)).toHaveLength(raw.length - 1);
  });

  it('a finding that already names its cause keeps it; without links nothing is linked', () => {
    const f = compare({ python: py311 }, { python: py27 });
    const pinned = { ...f[1]!, causedBy: { ruleId: 'os/arch', subject: 'arch' } };
    const ctx = { baseline: fingerprint('dev', { python: py311 }), target: fingerprint('qa', { python: py27 }) };
    expect(linkCauses([f[0]!, pinned], ctx)[1]!.causedBy).toEqual({ ruleId: 'os/arch', subject: 'arch' });
    const bare = compareFingerprints(ctx.baseline, ctx.target, undefined, undefined, []);
    expect(bare.some((x) => x.causedBy)).toBe(false);
  });

  it('a policy that suppresses the cause leaves its consequences among the rest, each still saying why', async () => {
    const f = compare({ python: py311 }, { python: py27 });
    const { parsePolicy } = await import('../../src/compare/policy.js');
    const policy = await parsePolicy('ignore:\n  - rule: python/major-version\n    reason: migrating\n', 'p.yml');
    const { findings } = applyPolicy(f, policy);
    expect(findings.some((x) => x.ruleId === 'python/major-version')).toBe(false);
    expect(findings).toHaveLength(f.length - 1);
    for (const x of findings) expect(x.hint).toMatch(/^follows from python\/major-version/);
  });
});
