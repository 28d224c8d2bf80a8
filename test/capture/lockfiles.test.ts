// captureLockfiles on real folders: discovery, explicit paths, broken files as error entries,
// and requirement forms no fixture covers, written here as clearly synthetic inline text.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureLockfiles } from '../../src/capture/lockfiles.js';
import { parseRequirements } from '../../src/facets/python/lockfiles/requirements.js';

const ROOT = resolve(import.meta.dirname, '../../fixtures/lockfiles');

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'envdiff-lock-'));
}

describe('discovery', () => {
  it('finds the lock files in cwd only (plus requirements/), sorted, with relative paths', async () => {
    const dir = scratch();
    copyFileSync(join(ROOT, 'uv/forked-conflicts/uv.lock'), join(dir, 'uv.lock'));
    copyFileSync(join(ROOT, 'renv/cran-only/renv.lock'), join(dir, 'renv.lock'));
    mkdirSync(join(dir, 'requirements'));
    copyFileSync(join(ROOT, 'requirements/pip-compile-via/build-deps.txt'), join(dir, 'requirements/build-deps.txt'));
    mkdirSync(join(dir, 'sub'));
    copyFileSync(join(ROOT, 'poetry/lock-2.0/poetry.lock'), join(dir, 'sub/poetry.lock'));
    writeFileSync(join(dir, 'notes.txt'), 'not a lock file\n');

    const flat = await captureLockfiles({ cwd: dir });
    expect(flat.status).toBe('ok');
    expect(flat.files?.map((f) => `${f.path} ${f.kind}`)).toEqual([
      'renv.lock renv.lock',
      'requirements/build-deps.txt requirements',
      'uv.lock uv.lock',
    ]);
    const deep = await captureLockfiles({ cwd: dir, recursive: true });
    expect(deep.files?.map((f) => f.path)).toContain('sub/poetry.lock');
  });

  it('is absent when there is no lock file', async () => {
    const f = await captureLockfiles({ cwd: scratch() });
    expect(f.status).toBe('absent');
    expect(f.files).toBeUndefined();
  });

  it('gives the same sha256 as the file bytes, and the same entry twice', async () => {
    const a = await captureLockfiles({ cwd: ROOT, paths: ['pdm/demo/pdm.lock'] });
    const b = await captureLockfiles({ cwd: ROOT, paths: ['pdm/demo/pdm.lock'] });
    expect(a).toEqual(b);
    const { createHash } = await import('node:crypto');
    const want = createHash('sha256')
      .update(readFileSync(join(ROOT, 'pdm/demo/pdm.lock')))
      .digest('hex');
    expect(a.files?.[0]?.sha256).toBe(want);
  });
});

describe('broken files are error entries and capture goes on', () => {
  it('truncated poetry.lock, corrupt Pipfile.lock and renv.lock, a missing path', async () => {
    const dir = scratch();
    const cut = (src: string, dst: string, n: number) => {
      const text = readFileSync(join(ROOT, src), 'utf8');
      writeFileSync(join(dir, dst), text.slice(0, n));
    };
    mkdirSync(join(dir, 'p'));
    cut('poetry/lock-2.0/poetry.lock', 'p/poetry.lock', 1000); // ends after a package: valid TOML, but no [metadata]
    cut('poetry/lock-1.0/poetry.lock', 'poetry.lock', 250); // ends inside a string: not TOML
    cut('pipfile/examples/Pipfile.lock', 'Pipfile.lock', 700);
    cut('renv/cran-only/renv.lock', 'renv.lock', 300);
    copyFileSync(join(ROOT, 'uv/forked-conflicts/uv.lock'), join(dir, 'uv.lock'));
    const f = await captureLockfiles({
      cwd: dir,
      paths: ['p/poetry.lock', 'poetry.lock', 'Pipfile.lock', 'renv.lock', 'uv.lock', 'gone/requirements.txt'],
    });
    expect(f.status).toBe('ok');
    const by = new Map(f.files!.map((e) => [e.path, e]));
    expect(by.get('p/poetry.lock')).toMatchObject({ kind: 'poetry.lock', status: 'error', packages: [] });
    expect(by.get('p/poetry.lock')!.reason).toBe('p/poetry.lock: no [metadata] lock-version after the packages: the file is truncated');
    expect(by.get('poetry.lock')!.reason).toMatch(/^poetry\.lock: not valid TOML for poetry\.lock: .*\(line \d+\)$/);
    expect(by.get('p/poetry.lock')!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(by.get('Pipfile.lock')).toMatchObject({ status: 'error' });
    expect(by.get('Pipfile.lock')!.reason).toMatch(/not valid JSON for Pipfile\.lock/);
    expect(by.get('renv.lock')!.reason).toMatch(/not valid JSON for renv\.lock/);
    expect(by.get('gone/requirements.txt')).toMatchObject({ status: 'error', sha256: '', reason: 'gone/requirements.txt does not exist' });
    expect(by.get('uv.lock')).toMatchObject({ status: 'ok' });
    expect(by.get('uv.lock')!.packages).toHaveLength(7);
  });

  it('a truncated requirements file names the dangling continuation line', async () => {
    const dir = scratch();
    const text = readFileSync(join(ROOT, 'requirements/hashes/requirements-build.txt'), 'utf8');
    writeFileSync(join(dir, 'requirements.txt'), text.slice(0, text.indexOf('\n    --hash=sha256:35824b4c')));
    const f = await captureLockfiles({ cwd: dir });
    const e = f.files![0]!;
    expect(e.status).toBe('ok');
    expect(e.problems).toEqual([{ line: 11, message: 'the file ends inside a line continuation (truncated?)' }]);
    expect(e.packages.map((p) => p.name)).toEqual(['anyio', 'certifi']);
  });

  it('a truncated conda-lock.yml or pom.xml is an error entry', async () => {
    const dir = scratch();
    const yml = readFileSync(join(ROOT, 'conda-lock/zlib-multiplatform/conda-lock.yml'), 'utf8');
    writeFileSync(join(dir, 'conda-lock.yml'), yml.slice(0, yml.indexOf('  hash:\n    md5: 8e91') + 9) + '"unterminated\n');
    const pom = readFileSync(join(ROOT, 'maven/spark-tfrecord/pom.xml'), 'utf8');
    writeFileSync(join(dir, 'pom.xml'), pom.slice(0, 3000));
    const f = await captureLockfiles({ cwd: dir });
    expect(f.files?.map((e) => `${e.path} ${e.status}`)).toEqual(['conda-lock.yml error', 'pom.xml error']);
    expect(f.files?.[1]?.reason).toMatch(/not well-formed XML/);
  });
});

describe('requirements forms (synthetic inline input)', () => {
  const parse = (text: string, files: Record<string, string> = {}) =>
    parseRequirements(text, {
      path: 'requirements.txt',
      readRelated: (rel) => (rel in files ? { text: files[rel]!, path: rel } : undefined),
    });

  it('VCS and URL requirements: name @ url, -e git+…#egg=, wheel URLs', () => {
    const r = parse(
      [
        '# synthetic: forms pip documents, not taken from a project',
        'mylib @ git+https://github.com/example/mylib.git@v1.2.0 ; python_version >= "3.8"',
        '-e git+https://github.com/example/other.git@abc123#egg=Other_Pkg',
        'https://files.example.org/packages/torch-2.1.0+cu121-cp311-cp311-linux_x86_64.whl',
        'Django[bcrypt]>=4.2,<5 ; python_version >= "3.10"',
        'numpy===1.26.4',
      ].join('\n'),
    );
    expect(r.problems).toEqual([]);
    expect(r.packages).toEqual([
      { name: 'mylib', ecosystem: 'pypi', marker: 'python_version >= "3.8"', source: 'git+https://github.com/example/mylib.git@v1.2.0' },
      { name: 'other-pkg', ecosystem: 'pypi', source: 'git+https://github.com/example/other.git@abc123#egg=Other_Pkg', group: 'editable' },
      {
        name: 'torch',
        version: '2.1.0+cu121',
        ecosystem: 'pypi',
        source: 'https://files.example.org/packages/torch-2.1.0+cu121-cp311-cp311-linux_x86_64.whl',
      },
      { name: 'django', specifier: '>=4.2,<5', ecosystem: 'pypi', marker: 'python_version >= "3.10"' },
      { name: 'numpy', specifier: '===1.26.4', ecosystem: 'pypi' }, // arbitrary equality is not a PEP 440 pin
    ]);
  });

  it('include cycles are read once and reported', () => {
    const r = parse('-r a.txt\nsix==1.16.0\n', { 'a.txt': '-r b.txt\nidna==3.4\n', 'b.txt': '-r a.txt\n' });
    expect(r.packages.map((p) => p.name)).toEqual(['idna', 'six']);
    expect(r.problems).toEqual([{ line: 1, message: 'b.txt:1: a.txt is included more than once (cycle or repeat); read once' }]);
  });

  it('constraints files add pins marked "constraint" (checked only if installed); unknown options and garbage are problems with lines', () => {
    const r = parse('-c constraints.txt\n--frobnicate yes\nrequests >= 2 !!\n', { 'constraints.txt': 'urllib3<2\n' });
    expect(r.packages).toEqual([{ name: 'urllib3', specifier: '<2', ecosystem: 'pypi', group: 'constraint' }]);
    expect(r.problems).toEqual([
      { line: 2, message: 'unknown option --frobnicate' },
      { line: 3, message: 'cannot read the version clause ">=2!!" of requests' },
    ]);
  });
});

describe('editable local projects in requirements', () => {
  it('takes the name of `-e .` from pyproject.toml and of `-e ./libs/core` from setup.cfg', async () => {
    // SYNTHETIC project layout: the metadata files as PEP 621 and setuptools define them.
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-editable-'));
    writeFileSync(join(dir, 'requirements.txt'), '-e .\n-e ./libs/core[dev]\n-e ./scripts-only\nnumpy==1.26.4\n');
    writeFileSync(join(dir, 'pyproject.toml'), '[project]\nname = "My_App"\nversion = "0.1.0"\n');
    mkdirSync(join(dir, 'libs', 'core'), { recursive: true });
    writeFileSync(join(dir, 'libs', 'core', 'setup.cfg'), '[metadata]\nname = core-lib\nversion = 2.0\n\n[options]\npackages = find:\n');
    mkdirSync(join(dir, 'scripts-only'));
    writeFileSync(join(dir, 'scripts-only', 'setup.py'), 'from setuptools import setup\nsetup(name="computed")\n');
    const facet = await captureLockfiles({ cwd: dir });
    const file = facet.files!.find((f) => f.path === 'requirements.txt')!;
    const editable = file.packages.filter((p) => p.group === 'editable').map((p) => [p.name, p.source]);
    expect(editable).toEqual([
      ['core-lib', './libs/core'],
      ['my-app', '.'],
    ]);
    // A setup.py-only project: its name is computed by running code, which envdiff does not do.
    expect(file.problems).toEqual([{ line: 3, message: expect.stringContaining('./scripts-only') }]);
  });
});

describe('conda environment.yml with pip options', () => {
  it('reads `-r requirements.txt` in the pip: list as pip would, relative to the environment file', async () => {
    // SYNTHETIC files in conda's documented environment.yml shape.
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-conda-pip-'));
    mkdirSync(join(dir, 'env'));
    writeFileSync(
      join(dir, 'env', 'environment.yml'),
      'name: ml\ndependencies:\n  - python=3.11\n  - pip\n  - pip:\n    - -r requirements.txt\n    - -r missing.txt\n    - torch==2.1.0\n',
    );
    writeFileSync(join(dir, 'env', 'requirements.txt'), 'scipy==1.11.1\n');
    const facet = await captureLockfiles({ cwd: dir, paths: ['env/environment.yml'] });
    const file = facet.files![0]!;
    expect(file.status).toBe('ok');
    expect(file.packages.filter((p) => p.ecosystem === 'pypi').map((p) => `${p.name}==${p.version}`)).toEqual([
      'scipy==1.11.1',
      'torch==2.1.0',
    ]);
    expect(file.problems).toEqual([{ line: 7, message: expect.stringContaining('missing.txt does not exist') }]);
  });
});
