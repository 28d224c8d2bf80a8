// `envdiff check` against `pip check`, on real environments: every pyenv interpreter as installed
// here (clean), Debian's own python3 (which really lacks pycairo for PyGObject), and the broken
// environments of test/support/broken-pythons.ts (unmet Requires-Dist, NumPy 1 ↔ 2, wheels of other
// Pythons and platforms, Python 2.7 markers). For each, the set of (package, requirement) problems
// envdiff reports must be the set pip reports: `pip check` itself, and for pip releases older than
// 24.1 (which do not yet check wheel tags) pip's own tag code, as pip ≥ 24.1's check_unsupported runs it.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../../src/core/run-process.js';
import { brokenPythonsAvailable, makeBrokenPythons, PYENV, py, type BrokenPythons } from '../support/broken-pythons.js';
import { runEnvdiff } from '../support/cli.js';

interface Problem {
  pkg: string;
  what: string;
}

const norm = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');
const key = (p: Problem) => `${p.pkg} ${p.what}`;

/** `pip check`'s three kinds of lines (pip/_internal/commands/check.py). */
function parsePipCheck(out: string): Problem[] {
  const problems: Problem[] = [];
  for (const line of out.split('\n')) {
    let m = /^(\S+) \S+ requires (\S+), which is not installed\.$/.exec(line);
    if (m) {
      problems.push({ pkg: norm(m[1]!), what: `requires ${norm(m[2]!)}` });
      continue;
    }
    m = /^(\S+) \S+ has requirement (.+), but you have (\S+) \S+\.$/.exec(line);
    if (m) {
      problems.push({ pkg: norm(m[1]!), what: `requires ${norm(m[3]!)}` });
      continue;
    }
    m = /^(\S+) \S+ is not supported on this platform$/.exec(line);
    if (m) problems.push({ pkg: norm(m[1]!), what: 'unsupported' });
  }
  return problems;
}

// pip ≥ 24.1's check_unsupported, run with pip's own vendored packaging where the installed pip is
// older: a wheel none of whose WHEEL tags is in sys_tags() "is not supported on this platform".
const UNSUPPORTED = `
from pip._internal.metadata import get_default_environment
from pip._vendor.packaging.tags import parse_tag, sys_tags
supported = set(sys_tags())
for d in get_default_environment().iter_installed_distributions(local_only=False, skip=()):
    try:
        text = d.read_text("WHEEL")
    except FileNotFoundError:
        continue
    tags = set()
    for line in text.splitlines():
        if line.startswith("Tag:"):
            tags |= set(parse_tag(line.split(":", 1)[1].strip()))
    if tags and tags.isdisjoint(supported):
        print(d.canonical_name)
`;

async function pipProblems(python: string, env: NodeJS.ProcessEnv): Promise<{ problems: Problem[]; pipChecksTags: boolean }> {
  const full = { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PYTHONWARNINGS: 'ignore', ...env };
  const r = await runProcess(python, ['-m', 'pip', 'check'], { timeoutMs: 120_000, env: full });
  const problems = parsePipCheck(r.stdout);
  const version = /pip (\d+)\.(\d+)/.exec((await runProcess(python, ['-m', 'pip', '--version'], { timeoutMs: 60_000, env: full })).stdout);
  const pipChecksTags = version !== null && (Number(version[1]) > 24 || (Number(version[1]) === 24 && Number(version[2]) >= 1));
  if (!pipChecksTags) {
    const t = await runProcess(python, ['-c', UNSUPPORTED], { timeoutMs: 60_000, env: full });
    // pip before 21 has no pip._internal.metadata: nothing to compare wheel tags with there.
    if (t.exitCode === 0) for (const name of t.stdout.split('\n').filter(Boolean)) problems.push({ pkg: norm(name), what: 'unsupported' });
  }
  return { problems, pipChecksTags };
}

interface Finding {
  ruleId: string;
  subject: string;
  severity: string;
}

const REQUIREMENT_RULES = new Set(['python/requirement-missing', 'python/requirement-conflict', 'python/numpy-abi']);
const TAG_RULES = new Set([
  'python/wheel-python-mismatch',
  'python/wheel-platform-mismatch',
  'os/glibc-too-old-for-wheels',
  'os/wheel-libc-mismatch',
]);

function envdiffProblems(findings: Finding[]): Problem[] {
  return findings.flatMap((f) => {
    if (REQUIREMENT_RULES.has(f.ruleId)) {
      const [pkg, dep] = f.subject.split(' → ');
      return [{ pkg: pkg!, what: `requires ${dep}` }];
    }
    return TAG_RULES.has(f.ruleId) ? [{ pkg: f.subject, what: 'unsupported' }] : [];
  });
}

async function checkWith(
  dir: string,
  name: string,
  python: string,
  env: NodeJS.ProcessEnv,
): Promise<{ exitCode: number | null; findings: Finding[] }> {
  const fp = join(dir, `${name}.json`);
  const cap = await runEnvdiff(['capture', '--python', python, '-o', fp, '--quiet'], { env: { ...process.env, ...env } });
  expect(cap.exitCode, cap.stderr).toBe(0);
  const r = await runEnvdiff(['check', fp, '--format', 'json']);
  expect(r.stderr).toBe('');
  return { exitCode: r.exitCode, findings: (JSON.parse(r.stdout) as { findings: Finding[] }).findings };
}

const available = brokenPythonsAvailable();

describe.runIf(available)('envdiff check agrees with pip check', () => {
  let envs: BrokenPythons;
  const results = new Map<string, { exitCode: number | null; findings: Finding[]; pip: Problem[]; pipChecksTags: boolean }>();

  beforeAll(async () => {
    envs = await makeBrokenPythons();
    const all: [string, string, NodeJS.ProcessEnv][] = [
      ...Object.entries(envs.scenarios).map(([name, s]): [string, string, NodeJS.ProcessEnv] => [name, s.python, s.env]),
      ...readdirSync(PYENV).map((v): [string, string, NodeJS.ProcessEnv] => [`pyenv-${v}`, py(v), {}]),
      ...(existsSync('/usr/bin/python3') ? [['debian-python3', '/usr/bin/python3', {}] as [string, string, NodeJS.ProcessEnv]] : []),
    ];
    for (const [name, python, env] of all) {
      const [ours, pip] = await Promise.all([checkWith(envs.dir, name, python, env), pipProblems(python, env)]);
      results.set(name, { ...ours, pip: pip.problems, pipChecksTags: pip.pipChecksTags });
    }
  }, 900_000);

  afterAll(() => {
    if (envs?.dir) rmSync(envs.dir, { recursive: true, force: true });
  });

  it('on every environment: the same (package, requirement) problems and the same unsupported wheels', () => {
    expect(results.size).toBeGreaterThanOrEqual(15);
    for (const [name, r] of results) {
      const ours = envdiffProblems(r.findings).map(key).sort();
      const theirs = r.pip.map(key).sort();
      expect(ours, name).toEqual([...new Set(theirs)]);
    }
  });

  it('exits 0 on the clean interpreters and 1 where pip finds problems', () => {
    for (const [name, r] of results) {
      const pythonFindings = r.findings.filter((f) => REQUIREMENT_RULES.has(f.ruleId) || TAG_RULES.has(f.ruleId));
      if (r.pip.length === 0) expect(pythonFindings, name).toEqual([]);
      else expect(r.exitCode, name).toBe(1);
    }
    // The interpreters as installed are clean (pip agrees, above); so is envdiff's whole check.
    for (const v of ['3.11.7', '3.13.0', '2.7.18']) expect(results.get(`pyenv-${v}`)?.exitCode, v).toBe(0);
  });

  it('reports unmet requirements as pip does, markers evaluated for this interpreter', () => {
    const reqs = results.get('reqs')!;
    expect(reqs.findings.map((f) => `${f.ruleId} ${f.subject}`).sort()).toEqual([
      'python/requirement-conflict tinyapp → tinylib',
      'python/requirement-missing tinyapp → missingdep',
    ]);
    // Python 2.7: `six; python_version < '3'` holds there, `futurething; python_version >= '3'` does not.
    expect(results.get('py27')!.findings.map((f) => `${f.ruleId} ${f.subject}`)).toEqual(['python/requirement-missing tinypy2 → six']);
  });

  it('names a NumPy 1 ↔ 2 break as one, both ways', async () => {
    const abi = (name: string) =>
      results
        .get(name)!
        .findings.filter((f) => f.ruleId === 'python/numpy-abi')
        .map((f) => f.subject);
    expect(abi('numpy2')).toEqual(['scipy → numpy']);
    expect(abi('numpy1')).toEqual(['jax → numpy']);
    // And the break is real: SciPy 1.11's extension modules refuse NumPy 2.
    const r = await runProcess(envs.scenarios['numpy2']!.python, ['-c', 'import scipy.linalg'], { timeoutMs: 120_000 });
    expect(r.exitCode).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('compiled using NumPy 1.x cannot be run in');
  });

  it('grades each wrong-tag wheel by what is wrong, as pip 24 check does', () => {
    const tags = results.get('tags')!;
    expect(tags.pipChecksTags).toBe(true);
    expect(tags.findings.map((f) => `${f.ruleId} ${f.subject}`).sort()).toEqual([
      'os/glibc-too-old-for-wheels tinyglibc',
      'python/wheel-platform-mismatch tinyarm',
      'python/wheel-platform-mismatch tinymac',
      'python/wheel-python-mismatch tinyabi3new',
      'python/wheel-python-mismatch tinycp310',
      'python/wheel-python-mismatch tinypy2only',
    ]);
  });

  it('a CUDA 13 runtime wheel on this GPU-less machine: pip is content, check warns (exit 0)', () => {
    const cuda13 = results.get('cuda13')!;
    expect(cuda13.pip).toEqual([]);
    expect(cuda13.findings.map((f) => `${f.severity} ${f.ruleId}`)).toEqual(['warning gpu/cuda-build-no-gpu']);
    expect(cuda13.exitCode).toBe(0);
  });

  it('finds the real broken requirement of Debian’s python3 (PyGObject without pycairo), from its egg-info', () => {
    const debian = results.get('debian-python3');
    if (debian === undefined) return;
    expect(debian.findings.map((f) => f.subject)).toEqual(debian.pip.map((p) => `${p.pkg} → ${p.what.replace('requires ', '')}`));
  });
});
