// Issue 3's list of rules, one row each: realistic values in, the rule id and severity the issue
// asks for out, through the whole engine (compareFingerprints), so that a rule that exists but
// never fires from real facet shapes is caught. Values are real strings: versions as the tools
// print them (uname -m, os-release, platform.python_version(), dpkg-query, pip), each noted.
import { describe, expect, it } from 'vitest';
import { compareFingerprints } from '../../src/compare/engine.js';
import type { Facets } from '../../src/facets/index.js';
import type { Finding, Severity } from '../../src/core/findings.js';
import { fingerprint } from '../helpers/fingerprint.js';

type Row = [item: string, baseline: Partial<Facets>, target: Partial<Facets>, ruleId: string, severity: Severity];

const deb12 = {
  status: 'ok' as const,
  name: 'linux',
  arch: 'x86_64',
  distro: { id: 'debian', versionId: '12', idLike: [] },
  libc: { family: 'glibc' as const, version: '2.36' },
};
const py = (version: string, packages: { name: string; version: string; tags?: string[] }[] = [], extra: object = {}) => ({
  status: 'ok' as const,
  version,
  implementation: 'CPython',
  abi: `cp${version.split('.').slice(0, 2).join('')}`,
  packages,
  ...extra,
});
const dpkg = (packages: { name: string; version: string }[]) => ({ status: 'ok' as const, manager: 'dpkg' as const, packages });
const env = (vars: Record<string, string>) => ({ status: 'ok' as const, vars });

const ROWS: Row[] = [
  // os
  [
    'arm64 laptop vs x86_64 server',
    { os: { ...deb12, name: 'darwin', arch: 'arm64' } },
    { os: { ...deb12, name: 'darwin' } },
    'os/arch',
    'error',
  ],
  [
    'glibc vs musl',
    { os: deb12 },
    { os: { ...deb12, distro: { id: 'alpine', versionId: '3.19.1', idLike: [] }, libc: { family: 'musl', version: '1.2.4' } } },
    'os/libc-family',
    'error',
  ],
  [
    'distro major differs (Debian 12 vs 11)',
    { os: deb12 },
    { os: { ...deb12, distro: { id: 'debian', versionId: '11', idLike: [] }, libc: { family: 'glibc', version: '2.31' } } },
    'os/distro',
    'warning',
  ],
  // glibc vs wheels: numpy 2.4.6's wheel is manylinux_2_27/2_28 (real WHEEL tags, dev machine) and CentOS 7 has glibc 2.17.
  [
    'target glibc older than a manylinux_2_28 wheel',
    {
      os: deb12,
      python: py('3.11.7', [
        { name: 'numpy', version: '2.4.6', tags: ['cp311-cp311-manylinux_2_27_x86_64', 'cp311-cp311-manylinux_2_28_x86_64'] },
      ]),
    },
    { os: { ...deb12, distro: { id: 'centos', versionId: '7', idLike: [] }, libc: { family: 'glibc', version: '2.17' } } },
    'os/glibc-too-old-for-wheels',
    'error',
  ],
  // kernel
  [
    'kernel differs',
    { kernel: { status: 'ok', release: '6.1.0-18-amd64' } },
    { kernel: { status: 'ok', release: '5.15.0-1057-aws' } },
    'kernel/release',
    'info',
  ],
  // cpu (flags as /proc/cpuinfo names them)
  [
    'x86-64 level lower',
    { cpu: { status: 'ok', x86Level: 4, flags: ['avx', 'avx2', 'avx512f'] } },
    { cpu: { status: 'ok', x86Level: 3, flags: ['avx', 'avx2'] } },
    'cpu/x86-level',
    'warning',
  ],
  [
    'ISA flag missing',
    { cpu: { status: 'ok', flags: ['avx', 'avx2', 'avx512f'] } },
    { cpu: { status: 'ok', flags: ['avx', 'avx2'] } },
    'cpu/missing-isa',
    'warning',
  ],
  [
    'TensorFlow ≥ 1.6 needs AVX',
    { cpu: { status: 'ok', flags: ['avx', 'sse4_2'] }, python: py('3.11.7', [{ name: 'tensorflow', version: '2.15.0' }]) },
    { cpu: { status: 'ok', flags: ['sse4_2'] }, python: py('3.11.7', [{ name: 'tensorflow', version: '2.15.0' }]) },
    'cpu/isa-required-by-package',
    'error',
  ],
  // python
  ['Python 2 vs 3', { python: py('3.11.7') }, { python: py('2.7.18') }, 'python/major-version', 'error'],
  ['Python minor (cp310 vs cp311)', { python: py('3.11.7') }, { python: py('3.10.13') }, 'python/minor-version', 'error'],
  ['Python patch', { python: py('3.11.7') }, { python: py('3.11.9') }, 'python/patch-version', 'info'],
  [
    'CPython vs PyPy',
    { python: py('3.10.13') },
    { python: py('3.10.13', [], { implementation: 'PyPy', abi: 'pypy310_pp73' }) },
    'python/implementation',
    'error',
  ],
  // packages
  [
    'package missing on target',
    { python: py('3.11.7', [{ name: 'pandas', version: '2.2.2' }]) },
    { python: py('3.11.7') },
    'python/package-missing',
    'error',
  ],
  [
    'package major',
    { python: py('3.11.7', [{ name: 'pandas', version: '2.2.2' }]) },
    { python: py('3.11.7', [{ name: 'pandas', version: '1.5.3' }]) },
    'python/package-major',
    'error',
  ],
  [
    'package minor',
    { python: py('3.11.7', [{ name: 'pandas', version: '2.2.2' }]) },
    { python: py('3.11.7', [{ name: 'pandas', version: '2.1.4' }]) },
    'python/package-minor',
    'warning',
  ],
  [
    'package patch',
    { python: py('3.11.7', [{ name: 'pandas', version: '2.2.2' }]) },
    { python: py('3.11.7', [{ name: 'pandas', version: '2.2.1' }]) },
    'python/package-patch',
    'info',
  ],
  [
    'package extra on target',
    { python: py('3.11.7') },
    { python: py('3.11.7', [{ name: 'pandas', version: '2.2.2' }]) },
    'python/package-extra',
    'info',
  ],
  [
    '+cu121 vs +cpu',
    { python: py('3.11.7', [{ name: 'torch', version: '2.3.1+cu121' }]) },
    { python: py('3.11.7', [{ name: 'torch', version: '2.3.1+cpu' }]) },
    'python/package-local-label',
    'error',
  ],
  [
    'NumPy 1 ↔ 2',
    { python: py('3.11.7', [{ name: 'numpy', version: '1.26.4' }]) },
    { python: py('3.11.7', [{ name: 'numpy', version: '2.0.2' }]) },
    'python/numpy-abi',
    'error',
  ],
  [
    'R package missing',
    { r: { status: 'ok', version: '4.2.2', packages: [{ name: 'data.table', version: '1.14.6' }] } },
    { r: { status: 'ok', version: '4.2.2', packages: [] } },
    'r/package-missing',
    'error',
  ],
  // system: info by default, graded for the libraries ML code loads (dpkg-query versions, Debian 12 / 11)
  [
    'system package (not loaded by ML code) differs → info',
    { system: dpkg([{ name: 'curl', version: '7.88.1-10+deb12u5' }]) },
    { system: dpkg([{ name: 'curl', version: '7.74.0-1.3+deb11u11' }]) },
    'system/package-minor',
    'info',
  ],
  [
    'libgomp1 minor → graded',
    { system: dpkg([{ name: 'libgomp1', version: '12.2.0-14' }]) },
    { system: dpkg([{ name: 'libgomp1', version: '10.2.1-6' }]) },
    'system/package-major',
    'error',
  ],
  [
    'libstdc++6 missing → error',
    { system: dpkg([{ name: 'libstdc++6', version: '12.2.0-14' }]) },
    { system: dpkg([]) },
    'system/package-missing',
    'error',
  ],
  [
    'libc6 differs → graded',
    { system: dpkg([{ name: 'libc6', version: '2.36-9+deb12u4' }]) },
    { system: dpkg([{ name: 'libc6', version: '2.31-13+deb11u8' }]) },
    'system/package-minor',
    'warning',
  ],
  // r, jvm
  ['R minor', { r: { status: 'ok', version: '4.3.1' } }, { r: { status: 'ok', version: '4.2.2' } }, 'r/minor-version', 'warning'],
  [
    'Java major',
    { jvm: { status: 'ok', java: { version: '17.0.15' } } },
    { jvm: { status: 'ok', java: { version: '11.0.23' } } },
    'jvm/java-major',
    'warning',
  ],
  [
    'Scala 2.12 vs 2.13',
    { jvm: { status: 'ok', scala: { version: '2.12.18' } } },
    { jvm: { status: 'ok', scala: { version: '2.13.12' } } },
    'jvm/scala-binary-version',
    'error',
  ],
  [
    'Spark minor',
    { jvm: { status: 'ok', spark: { version: '3.5.1' } } },
    { jvm: { status: 'ok', spark: { version: '3.4.2' } } },
    'jvm/spark-minor',
    'warning',
  ],
  // env
  [
    'CUDA_VISIBLE_DEVICES',
    { env: env({ CUDA_VISIBLE_DEVICES: '0,1' }) },
    { env: env({ CUDA_VISIBLE_DEVICES: '0' }) },
    'env/cuda-visible-devices',
    'warning',
  ],
  ['LD_LIBRARY_PATH', { env: env({ LD_LIBRARY_PATH: '/usr/local/cuda/lib64' }) }, { env: env({}) }, 'env/ld-library-path', 'warning'],
  ['OMP_NUM_THREADS', { env: env({ OMP_NUM_THREADS: '8' }) }, { env: env({ OMP_NUM_THREADS: '1' }) }, 'env/thread-count', 'info'],
  ['locale', { env: env({ LANG: 'en_US.UTF-8' }) }, { env: env({ LANG: 'C.UTF-8' }) }, 'env/locale', 'warning'],
  ['TZ', { env: env({ TZ: 'Europe/Berlin' }) }, { env: env({ TZ: 'UTC' }) }, 'env/timezone', 'warning'],
  // facet status
  [
    'facet error on one side → could not be captured: fails closed (issue 9)',
    { r: { status: 'ok', version: '4.2.2' } },
    { r: { status: 'error', reason: 'Rscript timed out' } },
    'r/not-captured',
    'error',
  ],
  [
    'facet error on both sides → could not compare',
    { r: { status: 'error', reason: 'Rscript timed out' } },
    { r: { status: 'error', reason: 'Rscript timed out' } },
    'r/not-compared',
    'warning',
  ],
  ['absent on target, ok on baseline', { python: py('3.11.7') }, {}, 'python/absent-on-target', 'error'],
  ['absent on baseline, ok on target', {}, { jvm: { status: 'ok', java: { version: '17.0.15' } } }, 'jvm/absent-on-baseline', 'info'],
];

describe("issue 3's rule list, through the engine", () => {
  it.each(ROWS)('%s', (_item, baseline, target, ruleId, severity) => {
    const findings: Finding[] = compareFingerprints(fingerprint('dev', baseline), fingerprint('qa', target));
    const hit = findings.find((f) => f.ruleId === ruleId);
    expect(hit, `${ruleId} not in ${findings.map((f) => `${f.ruleId}:${f.severity}`).join(', ')}`).toBeDefined();
    expect(hit?.severity).toBe(severity);
    // Every finding a person reads names both sides where there are two, and says what to do.
    for (const f of findings) {
      expect(f.message.length, f.ruleId).toBeGreaterThan(20);
      expect(f.hint.length, f.ruleId).toBeGreaterThan(5);
    }
  });
});
