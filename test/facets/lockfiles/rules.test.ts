import { describe, expect, it } from 'vitest';
import type { LockfileEntry, LockfilesFacet } from '../../../src/facets/lockfiles/types.js';
import { compareLockfiles } from '../../../src/facets/lockfiles/rules.js';
import { context, ruleIds } from '../../helpers/fingerprint.js';

// Synthetic lock file entries (not captured): the rules only read path, kind, sha256, status,
// packages and meta.
function lock(
  path: string,
  sha256: string,
  packages: LockfileEntry['packages'],
  status: LockfileEntry['status'] = 'ok',
  extra: Partial<LockfileEntry> = {},
): LockfileEntry {
  return { path, kind: 'requirements', sha256, status, packages, ...extra };
}
const facet = (...files: LockfileEntry[]): LockfilesFacet => ({ status: 'ok', files });
const ctx = context({}, {});
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('lockfiles rules', () => {
  it('warns on a changed lock file and grades each moved pin as an installed package of its ecosystem', () => {
    const a = lock('requirements.txt', A, [
      { name: 'numpy', version: '1.26.4', ecosystem: 'pypi' },
      { name: 'pandas', version: '2.2.1', ecosystem: 'pypi' },
      { name: 'Requests', version: '2.31.0', ecosystem: 'pypi' },
      { name: 'scipy', specifier: '>=1.10', ecosystem: 'pypi' },
      { name: 'scikit-learn', version: '1.4.2', ecosystem: 'pypi' },
      { name: 'tqdm', version: '4.66.2', ecosystem: 'pypi' },
    ]);
    const b = lock('requirements.txt', B, [
      { name: 'numpy', version: '2.0.0', ecosystem: 'pypi' },
      { name: 'pandas', version: '2.2.2', ecosystem: 'pypi' },
      { name: 'requests', version: '2.31.0', ecosystem: 'pypi' },
      { name: 'scipy', specifier: '>=1.11', ecosystem: 'pypi' },
      { name: 'scikit-learn', version: '1.5.0', ecosystem: 'pypi' },
      { name: 'torch', version: '2.3.1', ecosystem: 'pypi' },
    ]);
    const f = compareLockfiles(facet(a), facet(b), ctx);
    const by = Object.fromEntries(f.map((x) => [x.subject, x]));
    expect(by['requirements.txt']).toMatchObject({ ruleId: 'lockfiles/changed', severity: 'warning' });
    // The same severities as python/numpy-abi, python/package-minor and python/package-patch.
    expect(by['requirements.txt: numpy']).toMatchObject({
      ruleId: 'lockfiles/pin-changed',
      severity: 'error',
      baseline: '1.26.4',
      target: '2.0.0',
    });
    expect(by['requirements.txt: numpy']!.message).toContain('NumPy 2 changed its binary interface');
    expect(by['requirements.txt: scikit-learn']).toMatchObject({ ruleId: 'lockfiles/pin-changed', severity: 'warning' });
    expect(by['requirements.txt: pandas']).toMatchObject({ ruleId: 'lockfiles/pin-changed', severity: 'info' });
    expect(by['requirements.txt: scipy']).toMatchObject({ baseline: '>=1.10', target: '>=1.11', severity: 'info' });
    expect(by['requirements.txt: tqdm']?.ruleId).toBe('lockfiles/pin-removed');
    expect(by['requirements.txt: torch']?.ruleId).toBe('lockfiles/pin-added');
    // Requests vs requests: one package under PEP 503.
    expect(Object.keys(by).some((s) => /requests/i.test(s))).toBe(false);
  });

  it('grades a pin that becomes a range by the farthest version the range admits', () => {
    const pins = [
      ['numpy', '1.23.5', '==2.2.*', 'error'],
      ['scipy', '1.11.4', '>=1.10,<2', 'warning'],
      ['pandas', '2.1.0', '~=2.1.0', 'info'],
      ['torch', '2.1.0', '>=2.0', 'error'],
      ['attrs', '23.1.0', '==23.1.0', undefined],
    ] as const;
    const a = lock(
      'requirements.txt',
      A,
      pins.map(([name, version]) => ({ name, version, ecosystem: 'pypi' as const })),
    );
    const b = lock(
      'requirements.txt',
      B,
      pins.map(([name, , specifier]) => ({ name, specifier, ecosystem: 'pypi' as const })),
    );
    const by = Object.fromEntries(compareLockfiles(facet(a), facet(b), ctx).map((x) => [x.subject, x]));
    for (const [name, , , severity] of pins) expect(by[`requirements.txt: ${name}`]?.severity, name).toBe(severity);
    expect(by['requirements.txt: numpy']!.message).toMatch(/==2\.2\.\* admits 2\.2.*NumPy 2 changed its binary interface/);
    expect(by['requirements.txt: torch']!.message).toContain('admits 3 and later');
    // The reverse (a range becomes a pin) is graded the same way.
    const back = Object.fromEntries(compareLockfiles(facet(b), facet(a), ctx).map((x) => [x.subject, x]));
    expect(back['requirements.txt: numpy']?.severity).toBe('error');
  });

  it('keys pins by platform: one platform’s change in a multi-platform lock is that platform’s finding', () => {
    const entry = (sha: string, osxVersion: string) =>
      lock(
        'conda-lock.yml',
        sha,
        [
          { name: 'zlib', version: '1.2.13', ecosystem: 'conda', platform: 'linux-64' },
          { name: 'zlib', version: osxVersion, ecosystem: 'conda', platform: 'osx-arm64' },
        ],
        'ok',
        { kind: 'conda-lock' },
      );
    const f = compareLockfiles(facet(entry(A, '1.2.13')), facet(entry(B, '1.3.1')), ctx);
    expect(f.filter((x) => x.ruleId === 'lockfiles/pin-changed').map((x) => `${x.subject} ${x.baseline} -> ${x.target}`)).toEqual([
      'conda-lock.yml: zlib [osx-arm64] 1.2.13 -> 1.3.1',
    ]);
  });

  it('keys several pins of one name by marker (uv forks)', () => {
    const entry = (sha: string, newer: string) =>
      lock(
        'uv.lock',
        sha,
        [
          { name: 'numpy', version: '1.24.4', ecosystem: 'pypi', marker: "python_full_version < '3.9'" },
          { name: 'numpy', version: newer, ecosystem: 'pypi', marker: "python_full_version >= '3.9'" },
        ],
        'ok',
        { kind: 'uv.lock' },
      );
    const f = compareLockfiles(facet(entry(A, '1.26.4')), facet(entry(B, '2.1.0')), ctx);
    expect(f.filter((x) => x.ruleId === 'lockfiles/pin-changed').map((x) => `${x.severity} ${x.subject}`)).toEqual([
      "error uv.lock: numpy ; python_full_version >= '3.9'",
    ]);
  });

  it('reports files on one side only as info, and equal files not at all', () => {
    const same = lock('uv.lock', 'c'.repeat(64), []);
    const f = compareLockfiles(
      facet(same, lock('renv.lock', 'd'.repeat(64), [])),
      facet(same, lock('poetry.lock', 'e'.repeat(64), [])),
      ctx,
    );
    expect(ruleIds(f)).toEqual(['lockfiles/only-in-baseline', 'lockfiles/only-in-target']);
    expect(f.every((x) => x.severity === 'info')).toBe(true);
  });

  it('fails closed when a lock file the baseline recorded could not be read on the target (and the reverse)', () => {
    const a = lock('poetry.lock', A, [{ name: 'numpy', version: '1.26.4', ecosystem: 'pypi' }]);
    const b = lock('poetry.lock', '', [], 'error', {
      reason: 'poetry.lock: no [metadata] lock-version after the packages: the file is truncated',
    });
    const f = compareLockfiles(facet(a), facet(b), ctx);
    expect(f.map((x) => `${x.severity} ${x.ruleId}`)).toEqual(['error lockfiles/file-not-captured']);
    expect(f[0]!.message).toContain('could not be read on the target (poetry.lock: no [metadata] lock-version');
    expect(compareLockfiles(facet(b), facet(a), ctx).map((x) => `${x.severity} ${x.ruleId}`)).toEqual([
      'error lockfiles/file-not-captured',
    ]);
  });

  it('compares what the files declare besides pins, graded like the facets they stand for', () => {
    const a = lock('renv.lock', A, [], 'ok', {
      kind: 'renv.lock',
      meta: { rVersion: '4.2.2', rRepositories: 'CRAN=https://cloud.r-project.org' },
    });
    const b = lock('renv.lock', B, [], 'ok', {
      kind: 'renv.lock',
      meta: { rVersion: '4.3.1', rRepositories: 'CRAN=https://packagemanager.posit.co/cran/2024-01-02' },
    });
    expect(compareLockfiles(facet(a), facet(b), ctx).map((x) => `${x.severity} ${x.ruleId} ${x.baseline} -> ${x.target}`)).toEqual([
      'warning lockfiles/changed sha256:aaaaaaaaaaaa -> sha256:bbbbbbbbbbbb',
      'warning lockfiles/r-version 4.2.2 -> 4.3.1',
      'warning lockfiles/r-repositories CRAN=https://cloud.r-project.org -> CRAN=https://packagemanager.posit.co/cran/2024-01-02',
    ]);
    const sbt = (sha: string, meta: Record<string, string>) => lock('build.sbt', sha, [], 'ok', { kind: 'sbt', meta });
    expect(
      compareLockfiles(
        facet(sbt(A, { scalaVersion: '2.10.7', sbtVersion: '0.13.18', crossScalaVersions: '2.10.7 2.11.12' })),
        facet(sbt(B, { scalaVersion: '2.12.18', sbtVersion: '1.9.7', crossScalaVersions: '2.11.12 2.12.18' })),
        ctx,
      )
        .filter((x) => x.ruleId !== 'lockfiles/changed')
        .map((x) => `${x.severity} ${x.ruleId} ${x.baseline} -> ${x.target}`),
    ).toEqual([
      'error lockfiles/scala-version 2.10.7 -> 2.12.18',
      'warning lockfiles/cross-scala-versions 2.10.7 2.11.12 -> 2.11.12 2.12.18',
      'error lockfiles/sbt-version 0.13.18 -> 1.9.7',
    ]);
  });

  it('reads the Python a poetry lock requires as Poetry defines ^, and grades the lowest it admits', () => {
    const poetry = (sha: string, py: string) => lock('poetry.lock', sha, [], 'ok', { kind: 'poetry.lock', meta: { requiresPython: py } });
    const f = compareLockfiles(facet(poetry(A, '^3.8')), facet(poetry(B, '>=3.10,<4.0')), ctx).filter(
      (x) => x.ruleId !== 'lockfiles/changed',
    );
    expect(f.map((x) => `${x.severity} ${x.ruleId} ${x.baseline} -> ${x.target}`)).toEqual([
      'error lockfiles/requires-python ^3.8 -> >=3.10,<4.0',
    ]);
    expect(f[0]!.message).toContain('moves from 3.8 to 3.10, a minor change');
    // Same lowest Python, another upper bound: info.
    const g = compareLockfiles(facet(poetry(A, '^3.9')), facet(poetry(B, '>=3.9,<3.13')), ctx).filter(
      (x) => x.ruleId !== 'lockfiles/changed',
    );
    expect(g.map((x) => x.severity)).toEqual(['info']);
  });

  it('reports conda platforms dropped (error) or added (info), and channels changed', () => {
    const cl = (sha: string, platforms: string, channels: string) =>
      lock('conda-lock.yml', sha, [], 'ok', { kind: 'conda-lock', meta: { platforms, channels } });
    const f = compareLockfiles(facet(cl(A, 'linux-64 osx-arm64', 'conda-forge')), facet(cl(B, 'linux-64', 'conda-forge defaults')), ctx);
    expect(f.filter((x) => x.ruleId !== 'lockfiles/changed').map((x) => `${x.severity} ${x.ruleId}`)).toEqual([
      'error lockfiles/conda-platforms',
      'warning lockfiles/conda-channels',
    ]);
    const g = compareLockfiles(facet(cl(A, 'linux-64', 'conda-forge')), facet(cl(B, 'linux-64 osx-arm64', 'conda-forge')), ctx);
    expect(g.filter((x) => x.ruleId !== 'lockfiles/changed').map((x) => `${x.severity} ${x.ruleId}`)).toEqual([
      'info lockfiles/conda-platforms',
    ]);
  });

  it('reports a Scala binary mix and a package pinned twice when the target’s file brings them', () => {
    const pom = (sha: string, artifacts: string[]) =>
      lock(
        'pom.xml',
        sha,
        artifacts.map((a) => ({ name: a, version: '1.0', ecosystem: 'maven' as const })),
        'ok',
        { kind: 'pom.xml' },
      );
    const ok = pom(A, ['org.apache.spark:spark-core_2.12', 'org.apache.spark:spark-sql_2.12']);
    const mixed = pom(B, ['org.apache.spark:spark-core_2.12', 'org.apache.spark:spark-sql_2.11']);
    const f = compareLockfiles(facet(ok), facet(mixed), ctx).filter((x) => x.ruleId === 'lockfiles/scala-suffix-mix');
    expect(f.map((x) => `${x.severity} ${x.target}`)).toEqual(['error _2.11 _2.12']);
    // Scala 3 may use 2.13 artifacts: no mix.
    const three = pom(B, ['org.typelevel:cats-core_3', 'org.apache.spark:spark-sql_2.13']);
    expect(compareLockfiles(facet(ok), facet(three), ctx).some((x) => x.ruleId === 'lockfiles/scala-suffix-mix')).toBe(false);

    const req = (sha: string, pins: string[]) =>
      lock(
        'requirements.txt',
        sha,
        pins.map((version) => ({ name: 'numpy', version, ecosystem: 'pypi' as const })),
      );
    const twice = compareLockfiles(facet(req(A, ['1.26.4'])), facet(req(B, ['1.26.4', '2.0.0'])), ctx).filter(
      (x) => x.ruleId === 'lockfiles/pinned-twice',
    );
    expect(twice.map((x) => `${x.severity} ${x.target}`)).toEqual(['error 1.26.4 and 2.0.0']);
  });
});
