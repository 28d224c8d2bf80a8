// Golden tests of the Python ecosystem’s lock file parsers (pip, Poetry, Pipenv, uv, PDM, conda) on real files
// (fixtures/lockfiles/<kind>/<scenario>/, each with SOURCE.md). Expected values were read off the fixture text by hand.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LockedPackage, LockfileEntry } from '../../../src/facets/lockfiles/types.js';
import { captureLockfile } from '../../../src/capture/lockfiles.js';

const ROOT = resolve(import.meta.dirname, '../../../fixtures/lockfiles');

function capture(rel: string, explicit = true): Promise<LockfileEntry> {
  return captureLockfile(join(ROOT, rel), ROOT, explicit);
}

function pkg(entry: LockfileEntry, name: string): LockedPackage[] {
  return entry.packages.filter((p) => p.name === name);
}

describe('requirements', () => {
  it('reads pip-compile output: pins, # via comments and the unsafe section', async () => {
    const e = await capture('requirements/pip-compile-via/build-deps.txt');
    expect(e.status).toBe('ok');
    expect(e.kind).toBe('requirements');
    expect(e.packages).toEqual([
      { name: 'packaging', version: '26.3', ecosystem: 'pypi' },
      { name: 'setuptools', version: '84.0.0', ecosystem: 'pypi' },
      { name: 'setuptools-scm', version: '10.2.3', ecosystem: 'pypi' },
      { name: 'vcs-versioning', version: '2.4.1', ecosystem: 'pypi' },
    ]);
    expect(e.problems).toBeUndefined();
    expect(e.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('joins --hash continuation lines and keeps the # via after them out', async () => {
    const e = await capture('requirements/hashes/requirements-build.txt');
    expect(e.packages.map((p) => `${p.name}==${p.version}`)).toEqual(['anyio==3.6.2', 'certifi==2022.12.7']);
    expect(e.problems).toBeUndefined();
  });

  it('follows -r relative to the file, normalizes names, keeps ranges as specifiers', async () => {
    const e = await capture('requirements/include/requirements.dev.in');
    // 33 lines of its own after the -r, 44 requirements in requirements.in
    expect(e.packages).toHaveLength(77);
    expect(pkg(e, 'debugpy')[0]).toMatchObject({ version: '1.8.19' }); // "debugpy == 1.8.19 " with a trailing blank
    expect(pkg(e, 'outcome')[0]).toMatchObject({ version: '1.3.0.post0' });
    expect(pkg(e, 'wtforms')[0]).toMatchObject({ version: '3.2.1' }); // last line, no newline at EOF
    expect(pkg(e, 'requests-oauthlib')[0]).toEqual({ name: 'requests-oauthlib', ecosystem: 'pypi' });
    expect(pkg(e, 'typing-extensions')).toHaveLength(1);
    expect(pkg(e, 'pillow')[0]).toMatchObject({ specifier: '>=10.3.0' });
    expect(pkg(e, 'sqlparse')[0]).toMatchObject({ specifier: '>=0.5.0' });
    expect(pkg(e, 'django')[0]).toMatchObject({ version: '4.2.11' });
    expect(e.problems).toBeUndefined();
  });

  it('reports a missing include at the line of the -r, and still reads the rest', async () => {
    const e = await capture('requirements/missing-include/include-a.txt');
    expect(e.status).toBe('ok');
    expect(e.problems).toEqual([{ line: 1, message: 'included file include-b.txt does not exist' }]);
    expect(e.packages).toEqual([{ name: 'numpy', version: '1.24.2', ecosystem: 'pypi' }]);
  });

  it('takes index options (with markers, quotes, comments) as options, not packages', async () => {
    const e = await capture('requirements/options/options-comprehensive.txt');
    expect(e.packages).toEqual([{ name: 'requests', specifier: '>=2.28.0', ecosystem: 'pypi' }]);
    expect(e.problems).toBeUndefined();
    expect(e.meta?.['indexUrl']).toBe('https://pypi.org/simple/');
    expect(e.meta?.['extraIndexUrls']?.split(' ')).toEqual([
      'https://download.pytorch.org/whl/cpu',
      'https://example.com/simple',
      'https://example1.com/simple',
      'https://example2.com/simple',
      'https://test.pypi.org/simple/',
    ]);
  });

  it('reports editable local paths (no name in the file) with their line numbers', async () => {
    const e = await capture('requirements/editable/editable.txt');
    expect(e.packages).toEqual([]);
    expect(e.problems?.map((p) => p.line)).toEqual([2, 5, 8, 11, 14, 17, 20, 23]);
    expect(e.problems?.[0]?.message).toMatch(/editable \.\/editable\[d,dev\]: the package name is not in the file/);
  });

  it('is not found by name when it is not called requirements*, but is read when named explicitly', async () => {
    expect((await capture('requirements/options/options-comprehensive.txt', false)).status).toBe('error');
    expect((await capture('requirements/include/requirements.in', false)).status).toBe('ok');
  });
});

describe('poetry.lock', () => {
  it('reads lock format 1.0 (category, marker, [metadata.files])', async () => {
    const e = await capture('poetry/lock-1.0/poetry.lock');
    expect(e.kind).toBe('poetry.lock');
    expect(e.packages).toHaveLength(9);
    expect(pkg(e, 'requests')[0]).toEqual({ name: 'requests', version: '2.24.0', ecosystem: 'pypi' });
    expect(pkg(e, 'pywin32')[0]).toEqual({ name: 'pywin32', version: '227', ecosystem: 'pypi', marker: 'sys_platform == "win32"' });
    expect(pkg(e, 'websocket-client')[0]?.version).toBe('0.57.0');
    expect(e.meta).toEqual({ lockVersion: '1.0', requiresPython: '^3.8' });
  });

  it('reads lock format 2.0 (files per package)', async () => {
    const e = await capture('poetry/lock-2.0/poetry.lock');
    expect(e.packages.map((p) => `${p.name}==${p.version}`)).toEqual([
      'certifi==2020.12.5',
      'chardet==4.0.0',
      'docker==4.3.1',
      'idna==2.10',
      'pywin32==227',
      'requests==2.25.1',
      'six==1.15.0',
      'urllib3==1.26.3',
      'websocket-client==0.58.0',
    ]);
    expect(e.meta?.['lockVersion']).toBe('2.0');
  });
});

describe('Pipfile.lock', () => {
  it('reads default and develop, with markers', async () => {
    const e = await capture('pipfile/examples/Pipfile.lock');
    expect(e.kind).toBe('pipfile.lock');
    expect(e.packages).toHaveLength(8);
    expect(pkg(e, 'requests')[0]).toEqual({ name: 'requests', version: '2.31.0', ecosystem: 'pypi' });
    expect(pkg(e, 'pytest')[0]).toEqual({ name: 'pytest', version: '3.2.2', ecosystem: 'pypi', group: 'develop' });
    expect(pkg(e, 'urllib3')[0]?.marker).toBe("python_version >= '3.7'");
  });
});

describe('uv.lock', () => {
  it('keeps both versions of a forked resolution and leaves out the virtual project', async () => {
    const e = await capture('uv/forked-conflicts/uv.lock');
    expect(e.kind).toBe('uv.lock');
    expect(pkg(e, 'anyio').map((p) => p.version)).toEqual(['1.3.1', '4.8.0']);
    expect(pkg(e, 'idna').map((p) => p.version)).toEqual(['1.0', '3.10']);
    expect(pkg(e, 'project')).toEqual([]);
    expect(e.packages).toHaveLength(7);
    expect(e.meta).toEqual({ lockVersion: '1', requiresPython: '>=3.12.0' });
  });
});

describe('pdm.lock', () => {
  it('reads groups and markers', async () => {
    const e = await capture('pdm/demo/pdm.lock');
    expect(e.packages).toHaveLength(10);
    expect(pkg(e, 'chardet')[0]).toEqual({ name: 'chardet', version: '3.0.4', ecosystem: 'pypi', marker: 'os_name == "nt"' });
    expect(pkg(e, 'pytest')[0]).toEqual({ name: 'pytest', version: '3.2.5', ecosystem: 'pypi', group: 'tests' });
    expect(pkg(e, 'idna')[0]).toEqual({ name: 'idna', version: '2.7', ecosystem: 'pypi' }); // default + security
    expect(e.meta?.['requiresPython']).toBe('>=3.3');
  });
});

describe('conda', () => {
  it('environment.yml: name=version=build pins and the pip: section, with line numbers', async () => {
    const e = await capture('conda-env/export-with-pip/environment.yml');
    expect(e.kind).toBe('conda-env');
    const conda = e.packages.filter((p) => p.ecosystem === 'conda');
    const pypi = e.packages.filter((p) => p.ecosystem === 'pypi');
    expect(conda).toHaveLength(157);
    expect(pypi).toHaveLength(45);
    expect(pkg(e, 'python')[0]).toEqual({ name: 'python', version: '3.11.4', build: 'hab00c5b_0_cpython', ecosystem: 'conda' });
    expect(pkg(e, 'ruamel.yaml')[0]).toMatchObject({ version: '0.17.21', build: 'py311h5eee18b_0' });
    expect(pkg(e, 'numpy')).toEqual([{ name: 'numpy', version: '1.26.4', ecosystem: 'pypi' }]);
    expect(pkg(e, 'plbufr')[0]?.version).toBe('0.1.dev329+g4b7cae2.d20240526');
    expect(e.problems).toBeUndefined();
  });

  it('explicit file: name/version/build from URLs, and the trailing # pip line', async () => {
    const e = await capture('conda-explicit/conda-lock-linux-64/conda-linux-64.lock');
    expect(e.kind).toBe('conda-explicit');
    expect(e.packages).toHaveLength(43);
    expect(pkg(e, 'numpy')[0]).toEqual({
      name: 'numpy',
      version: '2.1.1',
      build: 'py312h58c1407_0',
      ecosystem: 'conda',
      platform: 'linux-64',
    });
    expect(pkg(e, 'ld_impl_linux-64')[0]).toMatchObject({ version: '2.40', build: 'hf3520f5_7' });
    expect(pkg(e, 'tk')[0]).toMatchObject({ version: '8.6.13', build: 'noxft_h4845f30_101' });
    expect(pkg(e, 'six')[0]).toEqual({ name: 'six', version: '1.16.0', build: 'pyh6c4a22f_0', ecosystem: 'conda' }); // noarch
    expect(pkg(e, 'pyattimo')[0]).toMatchObject({ version: '0.6.0', ecosystem: 'pypi' });
    expect(e.meta).toEqual({ platform: 'linux-64' });
  });

  it('conda-lock.yml: one entry per platform', async () => {
    const e = await capture('conda-lock/zlib-multiplatform/conda-lock.yml');
    expect(e.kind).toBe('conda-lock');
    expect(e.packages).toHaveLength(13);
    expect(pkg(e, 'zlib').map((p) => `${p.platform}:${p.version}=${p.build}`)).toEqual([
      'linux-64:1.2.11=h36c2ea0_1013',
      'osx-64:1.2.11=h9173be1_1013',
      'win-64:1.2.11=h8ffe710_1013',
    ]);
    expect(pkg(e, 'vc')[0]?.version).toBe('14.2'); // quoted '14.2' in YAML stays a string
    expect(e.meta?.['platforms']).toBe('linux-64 osx-64 win-64');
  });
});
