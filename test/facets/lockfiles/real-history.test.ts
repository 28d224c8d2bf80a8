// Lock files and build files at two commits of real repositories (fixtures/lockfiles/*/, each with
// its SOURCE.md): what compare reports when what they declare moves, graded as the facets they
// stand for grade it; and what the build-file reader makes of versions given through names.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureLockfile } from '../../../src/capture/lockfiles.js';
import type { LockfileEntry } from '../../../src/facets/lockfiles/types.js';
import { compareLockfiles } from '../../../src/facets/lockfiles/rules.js';
import { declaredRuntimes } from '../../../src/facets/shared/declared-runtimes.js';
import { context } from '../../helpers/fingerprint.js';

const ROOT = resolve(import.meta.dirname, '../../../fixtures/lockfiles');

/** A fixture file captured as with --lock, under the one name both sides share. */
async function entry(dir: string, file: string): Promise<LockfileEntry> {
  const e = await captureLockfile(join(ROOT, dir, file), join(ROOT, dir), true);
  expect(e.status, e.reason).toBe('ok');
  return e;
}

function compare(a: LockfileEntry, b: LockfileEntry) {
  return compareLockfiles({ status: 'ok', files: [a] }, { status: 'ok', files: [b] }, context({}, {})).filter(
    (f) => f.ruleId !== 'lockfiles/changed',
  );
}

const line = (f: { severity: string; ruleId: string; baseline: string | null; target: string | null }) =>
  `${f.severity} ${f.ruleId} ${f.baseline} -> ${f.target}`;

describe('declared runtimes across two real commits', () => {
  it('renv.lock re-snapshotted under R 4.4.0 (was 4.3.3): a warning, as the r facet grades an R minor', async () => {
    const f = compare(await entry('renv/carpentries-r-4.3.3', 'renv.lock'), await entry('renv/carpentries-r-4.4.0', 'renv.lock'));
    expect(f.filter((x) => x.ruleId === 'lockfiles/r-version').map(line)).toEqual(['warning lockfiles/r-version 4.3.3 -> 4.4.0']);
    expect(f.some((x) => x.ruleId === 'lockfiles/r-repositories')).toBe(false); // same repositories
  });

  it('spark-xml 2018 → 2021: Scala 2.11 → 2.12 (error), sbt 0.13 → 1.2 (error), 2.10 and 2.11 builds dropped (warning)', async () => {
    const f = compare(await entry('sbt/spark-xml-2018-scala-2.11', 'build.sbt'), await entry('sbt/spark-xml-2021-scala-2.12', 'build.sbt'));
    expect(f.filter((x) => !x.ruleId.startsWith('lockfiles/pin-')).map(line)).toEqual([
      'error lockfiles/scala-version 2.11.7 -> 2.12.10',
      'warning lockfiles/cross-scala-versions 2.10.5 2.11.7 -> 2.12.10 2.13.5',
      'error lockfiles/sbt-version 0.13.9 -> 1.2.8',
    ]);
  });

  it('poetry.lock: "~2.7 || ^3.5" → "^3.6" read as Poetry defines them: the lowest Python moves 2.7 → 3.6 (error)', async () => {
    const a = await entry('poetry/poetry-2020-py27-or-35', 'poetry.lock');
    const b = await entry('poetry/poetry-2022-py36', 'poetry.lock');
    expect(declaredRuntimes(a).python).toEqual({ asWritten: '~2.7 || ^3.5', anyOf: ['>=2.7,<2.8', '>=3.5,<4'] });
    expect(declaredRuntimes(b).python).toEqual({ asWritten: '^3.6', anyOf: ['>=3.6,<4'] });
    const f = compare(a, b).filter((x) => x.ruleId === 'lockfiles/requires-python');
    expect(f.map(line)).toEqual(['error lockfiles/requires-python ~2.7 || ^3.5 -> ^3.6']);
    expect(f[0]!.message).toContain('the lowest it admits moves from 2.7 to 3.6, a major change');
  });

  it('conda-lock: pins are keyed by platform, so packages added for linux-64 and osx-64 only are said so', async () => {
    const f = compare(
      await entry('conda-lock/blas-mkl-2022-02-17', 'conda-lock.yml'),
      await entry('conda-lock/blas-mkl-2022-02-24', 'conda-lock.yml'),
    );
    const openblas = f.filter((x) => /: (lib)?openblas /.test(x.subject)).map((x) => `${x.ruleId} ${x.subject}`);
    expect(openblas).toEqual([
      'lockfiles/pin-added conda-lock.yml: libopenblas [linux-64]',
      'lockfiles/pin-added conda-lock.yml: libopenblas [osx-64]',
      'lockfiles/pin-added conda-lock.yml: openblas [linux-64]',
      'lockfiles/pin-added conda-lock.yml: openblas [osx-64]',
    ]);
    expect(f.some((x) => x.ruleId === 'lockfiles/conda-platforms')).toBe(false); // the same three platforms
  });
});

describe('versions given through names in build files', () => {
  it('resolves plain string definitions of the same build (launch4s)', async () => {
    const e = await entry('sbt/launch4s-vals', 'build.sbt');
    expect(e.meta).toMatchObject({ scalaVersion: '2.13.5', crossScalaVersions: '2.12.13 2.13.5' });
    expect(e.problems ?? []).toEqual([]);
  });

  it('resolves a cross-build list defined in the same build (test19)', async () => {
    const e = await entry('sbt/test19-val-list', 'build.sbt');
    expect(e.meta).toMatchObject({ scalaVersion: '2.11.12', crossScalaVersions: '2.11.12 2.13.5 2.12.14 3.0.0' });
  });

  it('reports names defined elsewhere as unreadable and never records a name as a version (pureconfig)', async () => {
    const e = await entry('sbt/pureconfig-names-elsewhere', 'build.sbt');
    expect(e.meta?.['crossScalaVersions']).toBeUndefined();
    expect(JSON.stringify(e.meta ?? {})).not.toMatch(/scala21[23]/);
    expect(e.problems).toEqual([
      { line: 3, message: 'crossScalaVersions: scala212 is not a string defined in this build; not read' },
      { line: 3, message: 'crossScalaVersions: scala213 is not a string defined in this build; not read' },
      { line: 6, message: 'com.chuusai %% shapeless: no scalaVersion to complete the artifact name' },
      { line: 7, message: 'org.scala-lang:scala-reflect: version scalaVersion.value is not a literal in this file; not checked' },
    ]);
  });
});
