// The python facet against real interpreters: every pyenv CPython (2.7, 3.6–3.13) under dash and
// busybox sh, checked against that interpreter's own `pip list`; a real venv with real wheels and
// an editable install; and the captured fixtures.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import { runProcess } from '../../../src/core/run-process.js';
import { buildProbeBundle } from '../../../src/capture/probe-bundle.js';
import { splitProbeOutput } from '../../../src/core/sections.js';
import { parsePython, condaChannelName } from '../../../src/facets/python/parse.js';
import { normalizePypiName } from '../../../src/core/names.js';
import { runProbe, SHELLS, sectionOf, toolsOnlyPath } from '../../helpers/probe-shells.js';

const PYENV = join(homedir(), '.pyenv', 'versions');
const interpreters = existsSync(PYENV)
  ? readdirSync(PYENV)
      .map((v) => ({ version: v, bin: join(PYENV, v, 'bin', 'python') }))
      .filter((i) => existsSync(i.bin))
  : [];
const PY311 = join(PYENV, '3.11.7', 'bin', 'python');
const WHEELS = '/opt/pypi/files';
const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/python/${name}/probe.txt`, import.meta.url), 'utf8');

async function pipList(python: string): Promise<Map<string, string>> {
  const r = await runProcess(python, ['-m', 'pip', 'list', '--format=json', '--disable-pip-version-check'], {
    timeoutMs: 60_000,
    env: { ...process.env, PIP_NO_INDEX: '1' },
  });
  if (r.exitCode !== 0) throw new Error(`pip list failed: ${r.stderr}`);
  const list = JSON.parse(r.stdout) as { name: string; version: string }[];
  return new Map(list.map((p) => [normalizePypiName(p.name), p.version]));
}

describe('python probe on every real interpreter', () => {
  it('finds the pyenv interpreters this machine promises', () => {
    expect(interpreters.map((i) => i.version)).toEqual(expect.arrayContaining(['2.7.18', '3.6.15', '3.13.0']));
  });

  for (const shell of SHELLS) {
    for (const { version, bin } of interpreters) {
      // busybox on a few: the shell part is identical, the interpreter part is covered by dash.
      if (shell.name !== 'dash' && !['2.7.18', '3.11.7', '3.13.0'].includes(version)) continue;
      it(`${version} under ${shell.name}: same packages and versions as pip list`, async () => {
        const { section, home } = await runProbe('python', shell, { bundle: { python: bin } });
        const facet = parsePython(section, { home });
        expect(facet.status, facet.reason).toBe('ok');
        expect(facet.version).toBe(version);
        expect(facet.implementation).toBe('CPython');
        expect(facet.platform).toBe('linux-x86_64');
        expect(facet.virtualEnv).toBeNull();
        const [maj, min] = version.split('.').map(Number) as [number, number];
        const abi = `cp${maj}${min}` + (maj === 2 ? 'mu' : min < 8 ? 'm' : '');
        expect(facet.abi).toBe(abi);
        // home is /root here: the executable is written under ~.
        expect(facet.executable).toMatch(new RegExp(`^~/\\.pyenv/versions/${version.replace(/\./g, '\\.')}/bin/python${maj}\\.${min}$`));
        const pip = await pipList(bin);
        const ours = new Map(facet.packages!.map((p) => [p.name, p.version]));
        expect(ours).toEqual(pip);
        const names = facet.packages!.map((p) => p.name);
        expect(names).toEqual([...names].sort());
      });
    }
  }
});

describe('python probe in a real venv with real wheels', () => {
  let dir = '';
  let venvPython = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'envdiff-py-'));
    const venv = join(dir, 'home', 'proj', '.venv');
    let r = await runProcess(PY311, ['-m', 'venv', venv], { timeoutMs: 120_000 });
    if (r.exitCode !== 0) throw new Error(r.stderr);
    venvPython = join(venv, 'bin', 'python');
    // A one-module flit project for an editable install (flit_core comes from the local wheel dir).
    const proj = join(dir, 'home', 'proj', 'src');
    mkdirSync(join(proj, 'tiny_pkg'), { recursive: true });
    writeFileSync(join(proj, 'tiny_pkg', '__init__.py'), '"""tiny"""\n');
    writeFileSync(
      join(proj, 'pyproject.toml'),
      '[build-system]\nrequires = ["flit_core>=3.2"]\nbuild-backend = "flit_core.buildapi"\n' +
        '[project]\nname = "Tiny.Pkg"\nversion = "0.3.1"\ndescription = "x"\n[tool.flit.module]\nname = "tiny_pkg"\n',
    );
    if (existsSync(WHEELS)) {
      r = await runProcess(
        venvPython,
        ['-m', 'pip', 'install', '-q', '--no-index', '--find-links', WHEELS, 'six', 'bitarray', '-e', proj],
        { timeoutMs: 300_000 },
      );
      if (r.exitCode !== 0) throw new Error(r.stderr);
    }
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reports the venv, wheel tags and the editable install, and matches pip list', async () => {
    const home = join(dir, 'home');
    const { section } = await runProbe('python', SHELLS[0], { bundle: { python: venvPython }, env: { ...process.env, HOME: home } });
    const facet = parsePython(section, { home });
    expect(facet.status, facet.reason).toBe('ok');
    expect(facet.virtualEnv).toBe('~/proj/.venv');
    expect(facet.version).toBe('3.11.7');
    const ours = new Map(facet.packages!.map((p) => [p.name, p.version]));
    expect(ours).toEqual(await pipList(venvPython));
    if (!existsSync(WHEELS)) return;
    const byName = new Map(facet.packages!.map((p) => [p.name, p]));
    expect(byName.get('six')).toMatchObject({ installer: 'pip', tags: ['py2-none-any', 'py3-none-any'] });
    expect(byName.get('bitarray')!.tags!.every((t) => t.startsWith('cp311-cp311-manylinux'))).toBe(true);
    // "Tiny.Pkg" normalizes to tiny-pkg (PEP 503); its direct_url.json says editable, under ~.
    expect(byName.get('tiny-pkg')).toMatchObject({ version: '0.3.1', directUrl: { url: 'file://~/proj/src', editable: true } });
  });
});

describe('python probe reading conda-meta', () => {
  it('lists the packages of $CONDA_PREFIX/conda-meta with channel names', async () => {
    // Synthetic conda prefix: two records with the fields conda writes (name, version, build, channel).
    const prefix = mkdtempSync(join(tmpdir(), 'envdiff-conda-'));
    try {
      mkdirSync(join(prefix, 'conda-meta'));
      writeFileSync(
        join(prefix, 'conda-meta', 'numpy-1.26.4-py311h64a7726_0.json'),
        JSON.stringify({
          name: 'numpy',
          version: '1.26.4',
          build: 'py311h64a7726_0',
          channel: 'https://conda.anaconda.org/conda-forge/linux-64',
          files: ['x'],
        }),
      );
      writeFileSync(join(prefix, 'conda-meta', 'history'), '==> 2024-01-01 <==\n');
      writeFileSync(join(prefix, 'conda-meta', 'broken.json'), '{not json');
      writeFileSync(
        join(prefix, 'conda-meta', 'ca-certificates-2024.2.2-h06a4308_0.json'),
        JSON.stringify({
          name: 'ca-certificates',
          version: '2024.2.2',
          build: 'h06a4308_0',
          channel: 'https://repo.anaconda.com/pkgs/main/linux-64',
        }),
      );
      for (const v of ['2.7.18', '3.13.0']) {
        const { section } = await runProbe('python', SHELLS[0], {
          bundle: { python: join(PYENV, v, 'bin', 'python') },
          env: { ...process.env, CONDA_PREFIX: prefix },
        });
        const f = parsePython(section, {});
        expect(f.conda, v).toEqual({
          prefix,
          packages: [
            { name: 'ca-certificates', version: '2024.2.2', build: 'h06a4308_0', channel: 'pkgs/main' },
            { name: 'numpy', version: '1.26.4', build: 'py311h64a7726_0', channel: 'conda-forge' },
          ],
        });
      }
    } finally {
      rmSync(prefix, { recursive: true, force: true });
    }
  });
});

describe('python interpreter choice', () => {
  it('uses python3 from PATH when --python is not given', async () => {
    const { section } = await runProbe('python', SHELLS[0], {
      env: { PATH: `${join(PYENV, '3.12.1', 'bin')}:/usr/bin:/bin`, HOME: '/nonexistent' },
    });
    expect(section.text).toMatch(/^### interpreter\npython3$/m);
    expect(parsePython(section, {})).toMatchObject({ status: 'ok', version: '3.12.1', abi: 'cp312' });
  });

  it('is absent when no python3 or python is on PATH', async () => {
    const { section } = await runProbe('python', SHELLS[1], { env: { PATH: toolsOnlyPath() } });
    expect(parsePython(section, {})).toEqual({ status: 'absent', reason: 'no python3 or python on PATH' });
  });

  it('is an error, not absent, when --python names nothing runnable', async () => {
    const { section } = await runProbe('python', SHELLS[0], { bundle: { python: '/nonexistent/python9' } });
    const facet = parsePython(section, {});
    expect(facet.status).toBe('error');
    expect(facet.reason).toContain('/nonexistent/python9');
  });

  it("is an error with the interpreter's complaint when the snippet fails", async () => {
    // A real program that is not Python: it rejects `-` and prints its usage.
    const { section } = await runProbe('python', SHELLS[0], { bundle: { python: 'true' } });
    const facet = parsePython(section, {});
    expect(facet.status).toBe('error');
    expect(facet.reason).toMatch(/printed nothing/);
  });
});

describe('python probe edge cases, with real interpreters', () => {
  const PY27 = join(PYENV, '2.7.18', 'bin', 'python');
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'envdiff-pyedge-'));
    // A sitecustomize that prints on startup (with and without a newline), as debugging or
    // corporate site hooks do: before the fix its text became the first line of the JSON.
    mkdirSync(join(dir, 'noisy-nl'));
    writeFileSync(join(dir, 'noisy-nl', 'sitecustomize.py'), 'import sys\nsys.stdout.write("hello from sitecustomize\\n")\n');
    mkdirSync(join(dir, 'noisy-no-nl'));
    writeFileSync(join(dir, 'noisy-no-nl', 'sitecustomize.py'), 'import sys\nsys.stdout.write("{half a line")\n');
    writeFileSync(join(dir, 'not-executable'), '#!/bin/sh\necho 1\n', { mode: 0o644 });
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const [version, bin] of [
    ['2.7.18', join(PYENV, '2.7.18', 'bin', 'python')],
    ['3.11.7', PY311],
  ] as const) {
    for (const hook of ['noisy-nl', 'noisy-no-nl']) {
      it(`${version}: an interpreter that prints on startup (${hook}) still gives its packages`, async () => {
        const env = { ...process.env, PYTHONPATH: join(dir, hook) };
        const { section } = await runProbe('python', SHELLS[0], { bundle: { python: bin }, env });
        const facet = parsePython(section, {});
        expect(facet.status, facet.reason).toBe('ok');
        expect(facet.version).toBe(version);
        expect(facet.packages!.map((p) => p.name)).toContain('pip');
      });
    }
  }

  it('--python naming a directory is an error saying so, not a shell complaint', async () => {
    const { section } = await runProbe('python', SHELLS[1], { bundle: { python: dir } });
    expect(parsePython(section, {})).toEqual({ status: 'error', reason: `python interpreter is a directory, not an interpreter: ${dir}` });
  });

  it('--python naming a file that is not executable is an error saying so', async () => {
    const file = join(dir, 'not-executable');
    const { section } = await runProbe('python', SHELLS[0], { bundle: { python: file } });
    expect(parsePython(section, {})).toEqual({ status: 'error', reason: `python interpreter is not executable: ${file}` });
  });

  it('--python with a relative path runs that interpreter, relative to the working directory', async () => {
    const script = buildProbeBundle({ only: ['python'], python: 'bin/python' });
    const r = await runProcess(SHELLS[0].file, [...SHELLS[0].args], { input: script, cwd: join(PYENV, '3.10.13'), timeoutMs: 60_000 });
    const facet = parsePython(splitProbeOutput(r.stdout).get('python')!, {});
    expect(facet).toMatchObject({ status: 'ok', version: '3.10.13' });
    // The executable is absolute, so two captures from different directories agree.
    expect(facet.executable).toBe(realpathSync(join(PYENV, '3.10.13', 'bin', 'python3.10')));
  });

  it('without python3, a Python 2 `python` on PATH is used', async () => {
    const only = mkdtempSync(join(tmpdir(), 'envdiff-py2only-'));
    symlinkSync(PY27, join(only, 'python'));
    const { section } = await runProbe('python', SHELLS[1], { env: { PATH: `${only}:${toolsOnlyPath()}`, HOME: '/nonexistent' } });
    expect(section.text).toMatch(/^### interpreter\npython$/m);
    expect(parsePython(section, {})).toMatchObject({ status: 'ok', version: '2.7.18', abi: 'cp27mu' });
    rmSync(only, { recursive: true, force: true });
  });
});

describe('parsePython on fixtures and garbage', () => {
  it('pyenv 2.7.18: cp27mu, stdlib egg-infos left out', () => {
    const f = parsePython(sectionOf('python', fixture('pyenv-2.7.18')), { home: '/root' });
    expect(f).toMatchObject({ status: 'ok', version: '2.7.18', abi: 'cp27mu', executable: '~/.pyenv/versions/2.7.18/bin/python2.7' });
    expect(f.packages!.map((p) => `${p.name}==${p.version}`)).toEqual(['pip==19.2.3', 'setuptools==41.2.0']);
  });

  it('pyenv 3.6.15: cp36m', () => {
    expect(parsePython(sectionOf('python', fixture('pyenv-3.6.15')), {})).toMatchObject({ status: 'ok', abi: 'cp36m', version: '3.6.15' });
  });

  it('venv with an editable install', () => {
    const f = parsePython(sectionOf('python', fixture('venv-3.11.7-editable')), { home: '/work/main' });
    expect(f.virtualEnv).toBe('~/.tmp/eng-b/venv');
    expect(f.packages!.map((p) => p.name)).toEqual(['bitarray', 'pip', 'setuptools', 'six', 'tiny-pkg']);
    expect(f.packages!.find((p) => p.name === 'tiny-pkg')!.directUrl).toEqual({ url: 'file://~/.tmp/eng-b/proj', editable: true });
  });

  it('no interpreter → absent', () => {
    expect(parsePython(sectionOf('python', fixture('no-interpreter')), {}).status).toBe('absent');
  });

  it.each([
    ['empty', ''],
    ['truncated JSON', '### json\n{"version": "3.11.7", "packages": [{"na'],
    ['JSON without version', '### json\n{"packages": []}'],
    ['binary noise', '### json\n\u0000\u0001\u0002'],
  ])('%s → error with a reason, no throw', (_name, text) => {
    const f = parsePython(sectionOf('python', text, 1, 'Traceback (most recent call last):\nSyntaxError: bad'), {});
    expect(f.status).toBe('error');
    expect(f.reason).toBeTruthy();
  });

  it('killed by the watchdog says so', () => {
    expect(parsePython(sectionOf('python', '### interpreter\npython3\n### json', 143), {}).reason).toMatch(/timeout/);
  });

  it('keeps the first of two same-named distributions and sorts by name', () => {
    // Synthetic: a JSON line as the snippet would print it, with a shadowed duplicate.
    const json = JSON.stringify({
      version: '3.11.7',
      packages: [
        { name: 'Zope.Interface', version: '6.0' },
        { name: 'numpy', version: '2.1.0' },
        { name: 'numpy', version: '1.26.4' },
      ],
    });
    const f = parsePython(sectionOf('python', `### json\n${json}`), {});
    expect(f.packages).toEqual([
      { name: 'numpy', version: '2.1.0' },
      { name: 'zope-interface', version: '6.0' },
    ]);
  });

  it('names conda channels as conda list does', () => {
    expect(condaChannelName('https://conda.anaconda.org/conda-forge/linux-64')).toBe('conda-forge');
    expect(condaChannelName('https://repo.anaconda.com/pkgs/main/noarch')).toBe('pkgs/main');
    expect(condaChannelName('pypi')).toBe('pypi');
  });
});
