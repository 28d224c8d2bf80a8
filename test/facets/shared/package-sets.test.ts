// Package-set rules. The package lists below are SYNTHETIC inputs written for these tests (real
// project names and released version numbers, put together by hand), except the last block,
// which compares this machine's real dpkg database.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { comparePackageSets } from '../../../src/facets/shared/package-sets.js';
import type { PackageEcosystem, PackageLike } from '../../../src/facets/shared/package-sets.js';
import { isMlSystemLibrary } from '../../../src/data/ml-system-libraries.js';

type Facet = 'python' | 'r' | 'system';

function one(facet: Facet, ecosystem: PackageEcosystem, name: string, baseline: string | null, target: string | null) {
  const findings = comparePackageSets({
    facet,
    ecosystem,
    baseline: baseline === null ? [] : [{ name, version: baseline }],
    target: target === null ? [] : [{ name, version: target }],
  });
  expect(findings.length).toBeLessThanOrEqual(1);
  return findings[0];
}

describe('python packages (pypi)', () => {
  it.each([
    // name, baseline, target, ruleId, severity
    ['pandas', '1.5.3', '2.1.4', 'python/package-major', 'error'],
    ['scikit-learn', '1.3.2', '1.4.0', 'python/package-minor', 'warning'],
    ['urllib3', '2.2.1', '2.2.3', 'python/package-patch', 'info'],
    ['jax', '0.4.30', '0.5.0', 'python/package-major', 'error'], // 0.x minor counts as major
    ['jax', '0.4.28', '0.4.30', 'python/package-patch', 'info'],
    ['transformers', '4.40.0.dev0', '4.40.0', 'python/package-prerelease', 'warning'],
    ['torch', '2.1.0+cu121', '2.1.0+cpu', 'python/package-local-label', 'error'],
    ['torch', '2.1.0+cu121', '2.2.0+cpu', 'python/package-local-label', 'error'], // label wins over minor
    ['torch', '2.1.0', '2.1.0+cpu', 'python/package-local-label', 'error'],
    ['torch', '2.1.0+cu121', '2.1.2+cu121', 'python/package-patch', 'info'], // same build, patch
    ['mypkg', '0.1.dev5+g1234abc', '0.1.dev5+g9876def', 'python/package-local-label', 'warning'],
    ['numpy', '1.26.4', '2.0.1', 'python/numpy-abi', 'error'],
    ['numpy', '2.1.0', '1.26.4', 'python/numpy-abi', 'error'],
    ['numpy', '1.24.4', '1.26.4', 'python/package-minor', 'warning'],
    ['requests', '2.31.0', null, 'python/package-missing', 'error'],
    ['rich', null, '13.7.1', 'python/package-extra', 'info'],
  ] as const)('%s %s → %s: %s (%s)', (name, b, t, ruleId, severity) => {
    const f = one('python', 'pypi', name, b, t);
    expect(f).toMatchObject({ ruleId, severity, facet: 'python', subject: name, baseline: b, target: t });
    expect(f?.message).toContain(name);
    expect(f?.hint.length).toBeGreaterThan(10);
  });

  it('says nothing for the same version, or two spellings of it', () => {
    expect(one('python', 'pypi', 'attrs', '23.2.0', '23.2.0')).toBeUndefined();
    expect(one('python', 'pypi', 'attrs', '23.2', '23.2.0')).toBeUndefined();
  });

  it('names the accelerator builds and the PyTorch index to install from', () => {
    const f = one('python', 'pypi', 'torch', '2.1.0+cu121', '2.1.0+cpu');
    expect(f?.message).toContain('CUDA 12.1 vs CPU-only');
    expect(f?.hint).toBe(
      'Install the baseline\'s build on the target: pip install "torch==2.1.0+cu121" --index-url https://download.pytorch.org/whl/cu121',
    );
  });

  it('explains the NumPy 2 ABI break', () => {
    const f = one('python', 'pypi', 'numpy', '1.26.4', '2.0.1');
    expect(f?.message).toContain('compiled using NumPy 1.x cannot be run in NumPy 2');
    expect(f?.hint).toContain('pip install "numpy==1.26.4"');
  });

  it('tells which side is newer', () => {
    expect(one('python', 'pypi', 'pandas', '2.1.4', '1.5.3')?.message).toContain('older on the target');
    expect(one('python', 'pypi', 'pandas', '1.5.3', '2.1.4')?.message).toContain('newer on the target');
  });

  it('matches names per PEP 503 whatever their spelling', () => {
    const findings = comparePackageSets({
      facet: 'python',
      ecosystem: 'pypi',
      baseline: [
        { name: 'Pillow', version: '10.2.0' },
        { name: 'ruamel.yaml', version: '0.18.6' },
      ],
      target: [
        { name: 'pillow', version: '10.2.0' },
        { name: 'ruamel-yaml', version: '0.18.6' },
      ],
    });
    expect(findings).toEqual([]);
  });

  it('keeps the higher version when a name is listed twice', () => {
    const findings = comparePackageSets({
      facet: 'python',
      ecosystem: 'pypi',
      baseline: [
        { name: 'setuptools', version: '65.5.0' },
        { name: 'setuptools', version: '69.5.1' },
      ],
      target: [{ name: 'setuptools', version: '69.5.1' }],
    });
    expect(findings).toEqual([]);
  });
});

describe('conda, R, rpm and system packages', () => {
  it('grades conda versions that are not PEP 440 with the loose order', () => {
    expect(one('python', 'conda', 'openssl', '1.1.1w', '3.0.13')).toMatchObject({ ruleId: 'python/package-major', severity: 'error' });
    expect(one('python', 'conda', 'tzdata', '2023c', '2024a')).toMatchObject({ ruleId: 'python/package-major' });
    expect(one('python', 'conda', 'numpy', '1.26.4', '2.0.1')).toMatchObject({ ruleId: 'python/numpy-abi' });
    expect(one('python', 'conda', 'pandas', '2.2.1', null)?.hint).toBe('Install it on the target: conda install "pandas==2.2.1"');
  });

  it.each([
    ['MASS', '7.3-58.1', '7.3-60', 'r/package-patch', 'info'],
    ['Matrix', '1.5-3', '1.6-5', 'r/package-minor', 'warning'],
    ['ggplot2', '3.4.4', null, 'r/package-missing', 'error'],
    ['rlang', '0.4.11', '1.1.3', 'r/package-major', 'error'],
  ] as const)('R %s %s → %s: %s', (name, b, t, ruleId, severity) => {
    expect(one('r', 'cran', name, b, t)).toMatchObject({ ruleId, severity, facet: 'r' });
  });

  it.each([
    ['libc6', '2.36-9+deb12u4', '2.31-13+deb11u5', 'system/package-minor', 'warning'],
    ['libc6', '2.36-9+deb12u4', '2.36-9+deb12u14', 'system/package-patch', 'info'],
    ['libc6:amd64', '2.36-9+deb12u4', '1:2.36-9+deb12u4', 'system/package-major', 'error'],
    ['libgomp1', '12.2.0-14+deb12u1', null, 'system/package-missing', 'error'],
    ['libcudnn8', '8.9.7.29-1+cuda12.2', null, 'system/package-missing', 'error'],
    ['libopenblas0-pthread', '0.3.21+ds-4', '0.3.26+ds-1', 'system/package-patch', 'info'],
    ['cuda-cudart-12-2', '12.2.140-1', '12.4.127-1', 'system/package-minor', 'warning'],
    // not an ML library: any difference is info, even a major one or a missing package
    ['curl', '7.88.1-10+deb12u5', '8.5.0-2', 'system/package-major', 'info'],
    ['less', '590-2.1~deb12u2', null, 'system/package-missing', 'info'],
    ['libcups2', '2.4.2-3+deb12u8', null, 'system/package-missing', 'info'],
    ['vim', null, '2:9.0.1378-2', 'system/package-extra', 'info'],
  ] as const)('dpkg %s %s → %s: %s (%s)', (name, b, t, ruleId, severity) => {
    expect(one('system', 'dpkg', name, b, t)).toMatchObject({ ruleId, severity, facet: 'system' });
  });

  it('grades RPM and apk packages with their own schemes', () => {
    expect(one('system', 'rpm', 'glibc', '2.34-100.el9', '2.28-236.el8')).toMatchObject({
      ruleId: 'system/package-minor',
      severity: 'warning',
    });
    expect(one('system', 'rpm', 'glibc', '2.34-100.el9', null)?.hint).toBe('Install it on the target: dnf install glibc-2.34-100.el9');
    expect(one('system', 'apk', 'musl', '1.2.4-r2', '1.2.4_git20230717-r4')).toMatchObject({ severity: 'info' });
    expect(one('system', 'apk', 'musl', '1.2.4-r2', '1.2.5-r0')).toMatchObject({ ruleId: 'system/package-patch' });
  });

  it('keeps the ML library list specific (libcups2 and libcurl are not CUDA)', () => {
    expect(
      ['libc6', 'libstdc++6', 'libgomp1', 'libgfortran5', 'libopenblas0', 'libcublas-12-2', 'libnccl2', 'cuda-libraries-12-2'].every(
        isMlSystemLibrary,
      ),
    ).toBe(true);
    expect(['libcups2', 'libcurl4', 'libc-bin', 'curl', 'libcuckoo'].some(isMlSystemLibrary)).toBe(false);
  });
});

describe('determinism and speed', () => {
  // Synthetic: generated names and versions, sized like the benchmark (5,000 + 2,000 packages).
  function synthetic(n: number, prefix: string, versionOf: (i: number) => string): PackageLike[] {
    return Array.from({ length: n }, (_, i) => ({ name: `${prefix}${i.toString(36)}`, version: versionOf(i) }));
  }

  const pyBase = synthetic(5000, 'pkg-', (i) => `${i % 7}.${i % 13}.${i % 5}`);
  const pyTarget = synthetic(5000, 'pkg-', (i) =>
    i % 10 === 0 ? `${(i % 7) + (i % 3)}.${i % 11}.${i % 4}` : `${i % 7}.${i % 13}.${i % 5}`,
  ).filter((_, i) => i % 97 !== 0);
  const sysBase = synthetic(2000, 'lib', (i) => `${i % 9}.${i % 4}-${i % 6}+deb12u${i % 3}`);
  const sysTarget = synthetic(2000, 'lib', (i) =>
    i % 8 === 0 ? `1:${i % 9}.${i % 4}-${i % 6}` : `${i % 9}.${i % 4}-${i % 6}+deb12u${i % 3}`,
  );

  it('sorts findings by package name and gives the same output for shuffled input', () => {
    const a = comparePackageSets({ facet: 'python', ecosystem: 'pypi', baseline: pyBase, target: pyTarget });
    const b = comparePackageSets({ facet: 'python', ecosystem: 'pypi', baseline: [...pyBase].reverse(), target: [...pyTarget].reverse() });
    expect(a.length).toBeGreaterThan(400);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const subjects = a.map((f) => f.subject);
    expect(subjects).toEqual([...subjects].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
  });

  it('compares 5,000 python and 2,000 system packages (speed: npm run bench)', () => {
    const py = comparePackageSets({ facet: 'python', ecosystem: 'pypi', baseline: pyBase, target: pyTarget });
    const sys = comparePackageSets({ facet: 'system', ecosystem: 'dpkg', baseline: sysBase, target: sysTarget });
    expect(py.length + sys.length).toBeGreaterThan(500);
  });
});

describe('many Python packages missing with the same interpreter: one command, not one each', () => {
  const missing = (packages: PackageLike[]) =>
    comparePackageSets({ facet: 'python', ecosystem: 'pypi', baseline: packages, target: [] }).filter(
      (f) => f.ruleId === 'python/package-missing',
    );

  it('a few: one pip line that installs them all, the same on every finding', () => {
    const f = missing([
      { name: 'attrs', version: '23.2.0' },
      { name: 'numpy', version: '1.26.4' },
      { name: 'torch', version: '2.1.0+cu121' },
    ]);
    expect(new Set(f.map((x) => x.hint))).toEqual(
      new Set(["Install the 3 missing packages in one step: pip install 'attrs==23.2.0' 'numpy==1.26.4' 'torch==2.1.0+cu121'"]),
    );
  });

  it('many: the requirements file `envdiff dockerfile` writes, not a line nobody copies', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ name: `package-${i}`, version: '1.0.0' }));
    const f = missing(many);
    expect(f).toHaveLength(40);
    for (const x of f)
      expect(x.hint).toMatch(/^Install the 40 missing packages in one step, .*pip install --no-deps -r envdiff-requirements\.txt/);
  });

  it('a version no shell should see unquoted never lands in the line', () => {
    const f = missing([
      { name: 'attrs', version: '23.2.0' },
      { name: 'evil', version: "1.0'; rm -rf ~; '" },
    ]);
    for (const x of f) expect(x.hint).not.toContain('rm -rf');
  });

  it('one missing package keeps its own pin; conda packages keep theirs', () => {
    expect(missing([{ name: 'attrs', version: '23.2.0' }])[0]?.hint).toBe('Install it on the target: pip install "attrs==23.2.0"');
    const conda = comparePackageSets({
      facet: 'python',
      ecosystem: 'conda',
      baseline: [
        { name: 'mkl', version: '2023.1.0' },
        { name: 'openblas', version: '0.3.21' },
      ],
      target: [],
    });
    expect(conda.map((x) => x.hint)).toEqual([
      'Install it on the target: conda install "mkl==2023.1.0"',
      'Install it on the target: conda install "openblas==0.3.21"',
    ]);
  });
});

describe('this machine’s real dpkg database', () => {
  const lines = execFileSync('dpkg-query', ['-W', '-f', '${Package}\\t${Version}\\n'], { encoding: 'utf8' });
  const installed: PackageLike[] = lines
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [name, version] = l.split('\t') as [string, string];
      return { name, version };
    });

  it('finds nothing when a machine is compared with itself', () => {
    expect(installed.length).toBeGreaterThan(50);
    expect(comparePackageSets({ facet: 'system', ecosystem: 'dpkg', baseline: installed, target: installed })).toEqual([]);
  });

  it('reports an older glibc as a graded finding and everything else as info', () => {
    const libc = installed.find((p) => p.name === 'libc6');
    expect(libc).toBeDefined();
    // Debian 11's glibc, and the package list without less
    const target = installed
      .filter((p) => p.name !== 'less')
      .map((p) => (p.name === 'libc6' ? { name: 'libc6', version: '2.31-13+deb11u5' } : p));
    const findings = comparePackageSets({ facet: 'system', ecosystem: 'dpkg', baseline: installed, target });
    const byName = new Map(findings.map((f) => [f.subject, f]));
    expect(byName.get('libc6')).toMatchObject({ ruleId: 'system/package-minor', severity: 'warning', target: '2.31-13+deb11u5' });
    if (installed.some((p) => p.name === 'less')) {
      expect(byName.get('less')).toMatchObject({ ruleId: 'system/package-missing', severity: 'info' });
    }
  });
});
