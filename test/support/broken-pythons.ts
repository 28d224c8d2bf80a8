// Real broken Python environments, made offline on this machine for `envdiff check` and compared
// with what pip itself says about them. Wheels come from tiny local flit projects built with
// `pip wheel --no-build-isolation` (flit_core from the local wheel directory), retagged with the
// real `wheel tags` command (wheel 0.46.3) where a scenario needs a wheel built for another
// Python or platform, and from the real PyPI wheels in the local directory (/opt/pypi/files:
// numpy, scipy, jax). Wrong-tag wheels are installed the way they reach real environments:
// `pip install --target <site-packages> --platform … --python-version … --abi …`.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess } from '../../src/core/run-process.js';

export const PYENV = join(homedir(), '.pyenv', 'versions');
export const WHEELS = '/opt/pypi/files';
export const py = (version: string): string => join(PYENV, version, 'bin', 'python');

/** What this machine must have for these scenarios (the CI machine has all of them). */
export function brokenPythonsAvailable(): boolean {
  return (
    ['2.7.18', '3.11.7', '3.13.0'].every((v) => existsSync(py(v))) &&
    existsSync(WHEELS) &&
    ['flit_core-', 'wheel-0.46.3-', 'numpy-2.4.6-', 'numpy-1.26.4-', 'scipy-1.11.1-', 'jax-0.10.2-', 'nvidia_cuda_runtime-13.0.96-'].every(
      (p) => readdirSync(WHEELS).some((f) => f.startsWith(p)),
    )
  );
}

async function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const r = await runProcess(cmd, args, {
    timeoutMs: 300_000,
    env: { ...process.env, PIP_NO_INDEX: '1', PIP_DISABLE_PIP_VERSION_CHECK: '1', PYTHONWARNINGS: 'ignore', ...env },
  });
  if (r.exitCode !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.exitCode}: ${r.stderr.slice(-2000)}`);
  return r.stdout;
}

interface Project {
  name: string;
  version: string;
  dependencies: string[];
}

/** Local projects: what the scenarios install, with the Requires-Dist each declares. */
const PROJECTS: readonly Project[] = [
  {
    name: 'tinyapp',
    version: '1.0',
    dependencies: [
      'tinylib>=2.0', // installed at 1.5: a conflict
      'missingdep', // never installed
      "winonly; sys_platform == 'win32'", // not on Linux
      "extradep; extra == 'test'", // only with an extra
      "oldpy; python_version < '3'", // only on Python 2
      'tinylib[fast]>=1', // extras of a dependency are not pip check's business
    ],
  },
  { name: 'tinylib', version: '1.5', dependencies: [] },
  { name: 'tinypy2', version: '1.0', dependencies: ["six>=1.16; python_version < '3'", "futurething; python_version >= '3'"] },
  // One project per wrong tag (scenario `tags`); retagged below.
  ...['tinycp310', 'tinyabi3new', 'tinyabi3ok', 'tinyglibc', 'tinyarm', 'tinymac', 'tinypy2only', 'tinyany'].map((name) => ({
    name,
    version: '1.0',
    dependencies: [],
  })),
];

/** The wrong (and right) tags of scenario `tags`, and the `pip install --target` options that accept each. */
export const RETAGGED: readonly { name: string; py: string; abi: string; platform: string; pip: string[] }[] = [
  { name: 'tinycp310', py: 'cp310', abi: 'cp310', platform: 'linux_x86_64', pip: ['--python-version', '3.10', '--abi', 'cp310'] },
  { name: 'tinyabi3new', py: 'cp314', abi: 'abi3', platform: 'manylinux_2_17_x86_64', pip: ['--python-version', '3.14', '--abi', 'abi3'] },
  { name: 'tinyabi3ok', py: 'cp39', abi: 'abi3', platform: 'manylinux_2_17_x86_64', pip: ['--python-version', '3.13', '--abi', 'abi3'] },
  { name: 'tinyglibc', py: 'py3', abi: 'none', platform: 'manylinux_2_99_x86_64', pip: ['--python-version', '3.13', '--abi', 'none'] },
  { name: 'tinyarm', py: 'py3', abi: 'none', platform: 'manylinux_2_17_aarch64', pip: ['--python-version', '3.13', '--abi', 'none'] },
  { name: 'tinymac', py: 'py3', abi: 'none', platform: 'macosx_11_0_arm64', pip: ['--python-version', '3.13', '--abi', 'none'] },
  { name: 'tinypy2only', py: 'py2', abi: 'none', platform: 'any', pip: ['--python-version', '2.7', '--abi', 'none'] },
];

export interface BrokenPythons {
  dir: string;
  /** Interpreter and extra environment of each scenario, for the probe and for pip. */
  scenarios: Record<string, { python: string; env: NodeJS.ProcessEnv; what: string }>;
}

function writeProject(root: string, p: Project): string {
  const dir = join(root, p.name);
  mkdirSync(join(dir, p.name), { recursive: true });
  writeFileSync(join(dir, p.name, '__init__.py'), `"""${p.name}"""\n`);
  writeFileSync(
    join(dir, 'pyproject.toml'),
    [
      '[build-system]',
      'requires = ["flit_core>=3.2"]',
      'build-backend = "flit_core.buildapi"',
      '[project]',
      `name = "${p.name}"`,
      `version = "${p.version}"`,
      'description = "a project of envdiff\'s check tests"',
      `dependencies = [${p.dependencies.map((d) => JSON.stringify(d)).join(', ')}]`,
      '',
    ].join('\n'),
  );
  return dir;
}

async function venv(version: string, dir: string): Promise<string> {
  await run(py(version), ['-m', 'venv', dir]);
  return join(dir, 'bin', 'python');
}

async function pipInstall(python: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  await run(python, ['-m', 'pip', 'install', '-q', '--no-deps', '--no-index', ...args], env);
}

/** Builds every wheel and scenario under one temp dir (about a minute). */
export async function makeBrokenPythons(): Promise<BrokenPythons> {
  const dir = mkdtempSync(join(tmpdir(), 'envdiff-broken-py-'));
  const dist = join(dir, 'dist');
  // Build tools: flit_core (the build backend) and wheel (its `tags` command), from the local wheels.
  const tools = await venv('3.11.7', join(dir, 'tools'));
  await pipInstall(tools, ['--find-links', WHEELS, 'flit_core', 'wheel==0.46.3', 'packaging']);
  const projects = PROJECTS.map((p) => writeProject(join(dir, 'projects'), p));
  await run(tools, ['-m', 'pip', 'wheel', '-q', '--no-deps', '--no-build-isolation', '--no-index', '-w', dist, ...projects]);
  const built = (name: string) => {
    const file = readdirSync(dist).find((f) => f.startsWith(`${name}-`) && f.endsWith('.whl'));
    if (file === undefined) throw new Error(`no wheel for ${name} in ${dist}`);
    return file;
  };
  const tagged = join(dir, 'tagged');
  mkdirSync(tagged);
  for (const t of [...RETAGGED, { name: 'tinyany', py: 'py3', abi: 'none', platform: 'any' }]) {
    const out = await run(tools, [
      '-m',
      'wheel',
      'tags',
      '--remove',
      '--python-tag',
      t.py,
      '--abi-tag',
      t.abi,
      '--platform-tag',
      t.platform,
      join(dist, built(t.name)),
    ]);
    // `wheel tags` writes the new file beside the old one (and --remove deletes the old one).
    const file = out.trim().split('\n').pop()!;
    await run('mv', [join(dist, file), join(tagged, file)]);
  }

  const scenarios: BrokenPythons['scenarios'] = {};
  const site = async (python: string) => (await run(python, ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'])).trim();

  // 1. Declared requirements not met (3.11): a conflict, a missing package, markers that do not hold.
  const reqs = await venv('3.11.7', join(dir, 'reqs'));
  await pipInstall(reqs, ['--find-links', dist, 'tinyapp', 'tinylib']);
  scenarios['reqs'] = { python: reqs, env: {}, what: 'Python 3.11 venv: tinyapp 1.0 (requires tinylib>=2.0, missingdep) with tinylib 1.5' };

  // 2. NumPy 2 under a SciPy built for NumPy 1 (3.11, real wheels).
  const numpy2 = await venv('3.11.7', join(dir, 'numpy2'));
  await pipInstall(numpy2, ['--find-links', WHEELS, 'numpy==2.4.6', 'scipy==1.11.1']);
  scenarios['numpy2'] = { python: numpy2, env: {}, what: 'Python 3.11 venv: numpy 2.4.6 with scipy 1.11.1 (requires numpy<1.28.0)' };

  // 3. NumPy 1 under a JAX that requires NumPy 2 (3.11, real wheels; JAX's other requirements left out).
  const numpy1 = await venv('3.11.7', join(dir, 'numpy1'));
  await pipInstall(numpy1, ['--find-links', WHEELS, 'numpy==1.26.4', 'jax==0.10.2']);
  scenarios['numpy1'] = { python: numpy1, env: {}, what: 'Python 3.11 venv: numpy 1.26.4 with jax 0.10.2 (requires numpy>=2.0)' };

  // 4. Wheels of other Pythons and platforms (3.13, whose pip 24.2 reports them).
  const tags = await venv('3.13.0', join(dir, 'tags'));
  const tagsSite = await site(tags);
  for (const t of RETAGGED) {
    await pipInstall(tags, [
      '--find-links',
      tagged,
      '--target',
      tagsSite,
      '--only-binary=:all:',
      '--implementation',
      'cp',
      '--platform',
      t.platform,
      ...t.pip,
      t.name,
    ]);
  }
  await pipInstall(tags, ['--find-links', tagged, 'tinyany']);
  scenarios['tags'] = {
    python: tags,
    env: {},
    what: 'Python 3.13 venv: wheels tagged for CPython 3.10, abi3 ≥ 3.14, glibc 2.99, aarch64, macOS, Python 2',
  };

  // 5. NVIDIA's CUDA 13 runtime wheel on this GPU-less machine (its nvcc is CUDA 13 too): pip is
  // content, the GPU stack is not.
  const cuda13 = await venv('3.11.7', join(dir, 'cuda13'));
  await pipInstall(cuda13, ['--find-links', WHEELS, 'nvidia-cuda-runtime==13.0.96']);
  scenarios['cuda13'] = { python: cuda13, env: {}, what: 'Python 3.11 venv: nvidia-cuda-runtime 13.0.96, no GPU' };

  // 6. Python 2.7 (no venv module): a user site with a requirement that only Python 2 has.
  const userBase = join(dir, 'userbase-27');
  await run(py('2.7.18'), ['-m', 'pip', 'install', '-q', '--user', '--no-deps', '--no-index', '--find-links', dist, 'tinypy2'], {
    PYTHONUSERBASE: userBase,
  });
  scenarios['py27'] = {
    python: py('2.7.18'),
    env: { PYTHONUSERBASE: userBase },
    what: 'Python 2.7 user site: tinypy2 1.0 (requires six on Python 2)',
  };

  return { dir, scenarios };
}
