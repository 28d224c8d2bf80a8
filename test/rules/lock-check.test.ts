// checkLockfiles rules: real lock files from fixtures/, against fingerprints written inline
// (synthetic installed sets, stated as such) so that each rule is exercised on purpose.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Facets, Fingerprint } from '../../src/facets/index.js';
import { fingerprint as syntheticFingerprint } from '../helpers/fingerprint.js';
import type { LockfileEntry } from '../../src/facets/lockfiles/types.js';
import { captureLockfile } from '../../src/capture/lockfiles.js';
import { checkLockfiles, condaSubdir } from '../../src/rules/lock-check.js';

const ROOT = resolve(import.meta.dirname, '../../fixtures/lockfiles');
const lock = (rel: string): Promise<LockfileEntry> => captureLockfile(join(ROOT, rel), ROOT, true);

/** A synthetic fingerprint: only the facets a test sets are ok (the OS is Linux on x86_64). */
const fingerprint = (files: LockfileEntry[], facets: Partial<Facets>): Fingerprint =>
  syntheticFingerprint('synthetic', { os: { status: 'ok', name: 'linux', arch: 'x86_64' }, lockfiles: { status: 'ok', files }, ...facets });

const rules = (fp: Fingerprint) => checkLockfiles(fp).map((f) => `${f.severity} ${f.ruleId} ${f.subject} ${f.baseline} -> ${f.target}`);

describe('checkLockfiles', () => {
  it('uv fork: either locked version satisfies; patch drift is a warning, missing is an error', async () => {
    const fp = fingerprint([await lock('uv/forked-conflicts/uv.lock')], {
      python: {
        status: 'ok',
        version: '3.12.1',
        packages: [
          { name: 'anyio', version: '4.8.0' },
          { name: 'async-generator', version: '1.10' },
          { name: 'idna', version: '3.10' },
          { name: 'sniffio', version: '1.3.2' },
          { name: 'typing-extensions', version: '4.12.2' },
        ],
      },
    });
    expect(rules(fp)).toEqual(['warning lockfiles/version-mismatch uv/forked-conflicts/uv.lock:sniffio 1.3.1 -> 1.3.2']);
  });

  it('markers are evaluated: true ones count as unmarked (dev groups stay warnings); requires-python is checked', async () => {
    const fp = fingerprint([await lock('pipfile/examples/Pipfile.lock'), await lock('uv/forked-conflicts/uv.lock')], {
      python: {
        status: 'ok',
        version: '3.11.7',
        packages: [
          { name: 'requests', version: '2.31.0' },
          { name: 'urllib3', version: '2.0.2' },
        ],
      },
    });
    const out = rules(fp).filter((r) => r.includes('Pipfile') || r.includes('python-version'));
    // python_version >= '3.6' etc. hold on 3.11.7: these packages are required here (they were info before).
    expect(out).toEqual([
      'error lockfiles/not-installed pipfile/examples/Pipfile.lock:certifi 2023.5.7 -> null',
      'error lockfiles/not-installed pipfile/examples/Pipfile.lock:charset-normalizer 3.1.0 -> null',
      'error lockfiles/not-installed pipfile/examples/Pipfile.lock:idna 3.4 -> null',
      'error lockfiles/python-version-mismatch uv/forked-conflicts/uv.lock:python >=3.12.0 -> 3.11.7',
      'warning lockfiles/not-installed pipfile/examples/Pipfile.lock:py 1.11.0 -> null',
      'warning lockfiles/not-installed pipfile/examples/Pipfile.lock:pytest 3.2.2 -> null',
      'warning lockfiles/not-installed pipfile/examples/Pipfile.lock:setuptools 67.8.0 -> null',
    ]);
    // The same lock on Python 2.6: `python_version >= '3.6'` is false, so those packages are not expected there.
    const old = fingerprint([await lock('pipfile/examples/Pipfile.lock')], { python: { status: 'ok', version: '2.6.9', packages: [] } });
    expect(rules(old).some((r) => r.includes(':certifi') || r.includes(':py '))).toBe(false);
  });

  it('edge markers: pywin32 (docker → pywin32 only on win32) is not expected on Linux, is on Windows', async () => {
    const installed = [
      'certifi 2020.12.5',
      'chardet 4.0.0',
      'docker 4.3.1',
      'idna 2.10',
      'requests 2.25.1',
      'six 1.15.0',
      'urllib3 1.26.3',
      'websocket-client 0.58.0',
    ].map((s) => ({ name: s.split(' ')[0]!, version: s.split(' ')[1]! }));
    const entry = await lock('poetry/lock-2.0/poetry.lock');
    expect(entry.packages.find((p) => p.name === 'pywin32')?.marker).toBe('sys_platform == "win32"');
    const linux = fingerprint([entry], { python: { status: 'ok', version: '3.11.7', packages: installed } });
    expect(rules(linux)).toEqual([]);
    const windows = fingerprint([entry], {
      os: { status: 'ok', name: 'windows', arch: 'AMD64' },
      python: { status: 'ok', version: '3.11.7', packages: installed },
    });
    expect(rules(windows)).toEqual(['error lockfiles/not-installed poetry/lock-2.0/poetry.lock:pywin32 227 -> null']);
  });

  it('conda-lock: only the captured platform is checked; build differences are info', async () => {
    const file = await lock('conda-lock/zlib-multiplatform/conda-lock.yml');
    const linux = [
      ['_libgcc_mutex', '0.1', 'conda_forge'],
      ['libgomp', '11.2.0', 'h1d223b6_13'],
      ['_openmp_mutex', '4.5', '1_gnu'],
      ['libgcc-ng', '11.2.0', 'h1d223b6_13'],
      ['libzlib', '1.2.11', 'h36c2ea0_1013'],
      ['zlib', '1.2.11', 'h36c2ea0_9999'],
    ].map(([name, version, build]) => ({ name: name!, version: version!, build: build! }));
    const fp = fingerprint([file], {
      python: { status: 'ok', version: '3.11.7', packages: [], conda: { prefix: '/opt/conda', packages: linux } },
    });
    expect(condaSubdir(fp)).toBe('linux-64');
    expect(rules(fp)).toEqual([
      'info lockfiles/build-mismatch conda-lock/zlib-multiplatform/conda-lock.yml:zlib 1.2.11=h36c2ea0_1013 -> 1.2.11=h36c2ea0_9999',
    ]);
    const mac = fingerprint([file], {
      os: { status: 'ok', name: 'darwin', arch: 'x86_64' },
      python: { status: 'ok', packages: [], conda: { prefix: '/c', packages: [] } },
    });
    expect(rules(mac)).toEqual([
      'error lockfiles/not-installed conda-lock/zlib-multiplatform/conda-lock.yml:libzlib 1.2.11 -> null',
      'error lockfiles/not-installed conda-lock/zlib-multiplatform/conda-lock.yml:zlib 1.2.11 -> null',
    ]);
  });

  it('conda-lock: a machine whose platform the lock does not list fails; packages from channels it does not name warn', async () => {
    const file = await lock('conda-lock/zlib-multiplatform/conda-lock.yml'); // linux-64, osx-64, win-64; conda-forge, defaults
    const armMac = fingerprint([file], {
      os: { status: 'ok', name: 'darwin', arch: 'arm64' },
      python: { status: 'ok', packages: [], conda: { prefix: '/c', packages: [] } },
    });
    expect(rules(armMac)).toEqual([
      'error lockfiles/platform-not-locked conda-lock/zlib-multiplatform/conda-lock.yml:platform linux-64 osx-64 win-64 -> osx-arm64',
    ]);
    // The linux-64 packages installed, one of them from a channel the lock does not name.
    const fromElsewhere = fingerprint([file], {
      python: {
        status: 'ok',
        packages: [],
        conda: {
          prefix: '/opt/conda',
          packages: [
            { name: '_libgcc_mutex', version: '0.1', build: 'conda_forge', channel: 'conda-forge' },
            { name: 'libgomp', version: '11.2.0', build: 'h1d223b6_13', channel: 'conda-forge' },
            { name: '_openmp_mutex', version: '4.5', build: '1_gnu', channel: 'conda-forge' },
            { name: 'libgcc-ng', version: '11.2.0', build: 'h1d223b6_13', channel: 'conda-forge' },
            { name: 'libzlib', version: '1.2.11', build: 'h36c2ea0_1013', channel: 'conda-forge' },
            { name: 'zlib', version: '1.2.11', build: 'h36c2ea0_1013', channel: 'bioconda' },
          ],
        },
      },
    });
    expect(rules(fromElsewhere)).toEqual([
      'warning lockfiles/channel-mismatch conda-lock/zlib-multiplatform/conda-lock.yml:channels conda-forge defaults -> bioconda',
    ]);
  });

  it('an ecosystem whose runtime is absent is one error per file (nothing locked is installed), not a list of "missing"', async () => {
    const fp = fingerprint([await lock('renv/cran-only/renv.lock')], {});
    expect(rules(fp)).toEqual(['error lockfiles/not-checked renv/cran-only/renv.lock:cran 54 packages -> null']);
  });

  it("a runtime that could not be captured is the facet's not-captured error (fail closed), once per file", async () => {
    const fp = fingerprint([await lock('renv/cran-only/renv.lock')], { r: { status: 'error', reason: 'Rscript exited 1' } });
    expect(rules(fp)).toEqual(['error r/not-captured renv/cran-only/renv.lock:r 54 packages locked -> error: Rscript exited 1']);
  });

  it('renv: R versions are compared with the R scheme; 0.1-3 equals 0.1.3', async () => {
    const file = await lock('renv/cran-only/renv.lock');
    const packages = file.packages.map((p) => ({
      name: p.name,
      version: p.name === 'base64enc' ? '0.1.3' : p.name === 'dplyr' ? '1.1.3' : p.version!,
    }));
    const fp = fingerprint([file], { r: { status: 'ok', version: '4.2.2', packages } });
    expect(rules(fp)).toEqual([
      'warning lockfiles/r-version-mismatch renv/cran-only/renv.lock:R 4.4.1 -> 4.2.2',
      'warning lockfiles/version-mismatch renv/cran-only/renv.lock:dplyr 1.1.4 -> 1.1.3',
    ]);
  });

  it('sbt: Spark and Scala binary version against the JVM facet', async () => {
    const file = await lock('sbt/spark-xml/build.sbt');
    const sameCross = fingerprint([file], {
      jvm: {
        status: 'ok',
        java: { version: '17' },
        scala: { version: '2.12.15' },
        spark: { version: '2.4.7', scalaBinaryVersion: '2.12' },
      },
    });
    expect(rules(sameCross)).toEqual([
      'warning lockfiles/scala-binary-mismatch sbt/spark-xml/build.sbt:scala 2.11 -> 2.12',
      'info lockfiles/unparsed-lines sbt/spark-xml/build.sbt 1 line -> null',
    ]);
    const newer = fingerprint([file], {
      jvm: { status: 'ok', java: { version: '17' }, scala: null, spark: { version: '3.5.1', scalaBinaryVersion: '2.13' } },
    });
    expect(rules(newer).slice(0, 2)).toEqual([
      'error lockfiles/scala-binary-mismatch sbt/spark-xml/build.sbt:scala 2.11 -> 2.13',
      'error lockfiles/version-mismatch sbt/spark-xml/build.sbt:spark-core 2.4.7 -> 3.5.1',
    ]);
  });

  it('an unreadable lock file is an error (nothing in it is checked)', () => {
    const broken: LockfileEntry = {
      path: 'poetry.lock',
      kind: 'poetry.lock',
      sha256: '',
      status: 'error',
      reason: 'poetry.lock: not valid TOML',
      packages: [],
    };
    expect(rules(fingerprint([broken], {}))).toEqual(['error lockfiles/unreadable poetry.lock null -> null']);
  });
});
