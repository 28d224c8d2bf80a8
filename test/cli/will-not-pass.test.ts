// The README's "What envdiff will not call a pass": one test per row, each through the built CLI
// (bin/envdiff.js) on this machine, checking the exit code. Captures are real (this machine's
// probes, real interpreters, real dpkg); lock and build files are real files from public
// repositories (fixtures/lockfiles/*/, each with its SOURCE.md) except where a row says synthetic.
// A GPU cannot be had here: nvidia-smi is a small real script printing real nvidia-smi outputs.
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/paths.js';
import { runEnvdiff } from '../support/cli.js';

const PY = (v: string) => join(homedir(), '.pyenv', 'versions', v, 'bin', 'python');
const PY311 = PY('3.11.7');
const LOCKS = join(REPO, 'fixtures', 'lockfiles');
const HAVE = existsSync(PY311) && existsSync('/usr/bin/dpkg-query');

let work: string;
const lines = (s: string) => s.trim().split('\n').filter(Boolean);

/** A real capture of this machine; returns the fingerprint's path. */
async function capture(name: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const out = join(work, `${name}.json`);
  const r = await runEnvdiff(['capture', '--python', PY311, '--label', name, '-o', out, ...args], opts);
  return { out, ...r };
}

/** The files of fixture folders, copied into a fresh project folder (what `capture` reads from cwd). */
function project(name: string, files: Record<string, string>): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const [to, from] of Object.entries(files)) {
    mkdirSync(join(dir, to, '..'), { recursive: true });
    if (from.startsWith('text:')) writeFileSync(join(dir, to), from.slice(5));
    else copyFileSync(join(LOCKS, from), join(dir, to));
  }
  return dir;
}

async function compareJson(a: string, b: string, extra: string[] = []) {
  const r = await runEnvdiff(['compare', a, b, '--format', 'json', ...extra]);
  return {
    ...r,
    report: JSON.parse(r.stdout || '{"findings":[]}') as {
      findings: { ruleId: string; severity: string; subject: string; message: string; override?: unknown }[];
    },
  };
}

async function checkJson(fp: string) {
  const r = await runEnvdiff(['check', fp, '--format', 'json']);
  return {
    ...r,
    report: JSON.parse(r.stdout || '{"findings":[]}') as {
      findings: { ruleId: string; severity: string; subject: string; message: string }[];
    },
  };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'envdiff-will-not-pass-'));
});

describe.skipIf(!HAVE)('what envdiff will not call a pass (README)', () => {
  describe('capture: what you named must be what is captured', () => {
    it('--python PATH that does not exist: exit 2, one line, no fingerprint', async () => {
      const out = join(work, 'typo.json');
      const r = await runEnvdiff(['capture', '--python', '/nonexistent/python', '-o', out]);
      expect(r.exitCode).toBe(2);
      expect(lines(r.stderr)).toEqual([
        'envdiff: capture: --python /nonexistent/python cannot be used: python interpreter not found: /nonexistent/python — give the path of a working interpreter on the target, or leave --python out to use python3',
      ]);
      expect(r.stdout).toBe('');
      expect(existsSync(out)).toBe(false);
    });

    it('--python an interpreter that prints everything and exits non-zero: exit 2', async () => {
      const wrapper = join(work, 'python-exit3');
      writeFileSync(wrapper, `#!/bin/sh\n"${PY311}" "$@"\nexit 3\n`);
      chmodSync(wrapper, 0o755);
      const r = await runEnvdiff(['capture', '--python', wrapper, '--no-lock']);
      expect(r.exitCode).toBe(2);
      expect(lines(r.stderr)).toHaveLength(1);
      expect(r.stderr).toContain('the python interpreter exited with an error; exit 3');
      expect(r.stdout).toBe('');
    });

    it('--lock FILE that is truncated (a real poetry.lock cut short): exit 2, no fingerprint', async () => {
      const dir = project('cut-lock', {});
      const real = readFileSync(join(LOCKS, 'poetry', 'poetry-2022-py36', 'poetry.lock'), 'utf8');
      writeFileSync(join(dir, 'poetry.lock'), real.slice(0, real.indexOf('[metadata]')));
      const { out, exitCode, stderr } = await capture('cut', ['--lock', 'poetry.lock'], { cwd: dir });
      expect(exitCode).toBe(2);
      expect(stderr).toMatch(
        /--lock poetry\.lock cannot be used: poetry\.lock: no \[metadata\] lock-version after the packages: the file is truncated/,
      );
      expect(existsSync(out)).toBe(false);
    });
  });

  describe('a facet that fails on its own is named, and fails the comparison', () => {
    let good: string;
    let broken: string;
    let brokenStderr: string;
    beforeAll(async () => {
      // dpkg-query over a corrupt status file (dpkg-query(1): DPKG_ADMINDIR) exits 2.
      const admin = join(work, 'dpkg-corrupt');
      mkdirSync(join(admin, 'updates'), { recursive: true });
      writeFileSync(
        join(admin, 'status'),
        'Package: foo\nStatus: install ok installed\nVersion: 1.0\nArchitecture: amd64\n\nthis is garbage\n',
      );
      const a = await capture('dev', ['--no-lock']);
      const b = await capture('qa', ['--no-lock'], { env: { ...process.env, DPKG_ADMINDIR: admin } });
      expect(a.exitCode, a.stderr).toBe(0);
      good = a.out;
      broken = b.out;
      brokenStderr = b.stderr;
      expect(b.exitCode, b.stderr).toBe(0);
    }, 120_000);

    it('capture exits 0 with one stderr line naming the facet and its reason', () => {
      expect(lines(brokenStderr).filter((l) => !l.startsWith('envdiff: wrote'))).toEqual([
        expect.stringMatching(
          /^envdiff: warning: system could not be captured: dpkg-query exited 2: dpkg-query: error: parsing file '.*status' near line 5/,
        ),
      ]);
      expect(JSON.parse(readFileSync(broken, 'utf8')).facets.system.status).toBe('error');
    });

    it('compare fails: system/not-captured is an error', async () => {
      const r = await compareJson(good, broken);
      expect(r.exitCode).toBe(1);
      expect(r.report.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId)).toEqual(['system/not-captured']);
    });

    it('a policy may lower it, and the report shows that it did', async () => {
      const policy = join(work, 'lower.yml');
      writeFileSync(policy, 'severity:\n  - rule: system/not-captured\n    to: warning\n    reason: the base image owns system packages\n');
      const r = await compareJson(good, broken, ['--policy', policy]);
      expect(r.exitCode).toBe(0);
      expect(r.report.findings.find((f) => f.ruleId === 'system/not-captured')).toMatchObject({
        severity: 'warning',
        override: { from: 'error', by: expect.stringContaining('lower.yml') },
      });
    });
  });

  it('compare fails when a lock file the baseline recorded could not be read on the target', async () => {
    const dev = project('lock-dev', { 'poetry.lock': 'poetry/poetry-2022-py36/poetry.lock' });
    const qa = project('lock-qa', {});
    const real = readFileSync(join(dev, 'poetry.lock'), 'utf8');
    writeFileSync(join(qa, 'poetry.lock'), real.slice(0, real.indexOf('[metadata]')));
    const a = await capture('lock-dev', [], { cwd: dev });
    const b = await capture('lock-qa', [], { cwd: qa });
    expect(a.exitCode).toBe(0);
    expect(b.exitCode).toBe(0); // found in the folder, not named: recorded as an error entry
    expect(b.stderr).toMatch(/warning: lock file poetry\.lock could not be read: .*truncated/);
    const r = await compareJson(a.out, b.out);
    expect(r.exitCode).toBe(1);
    expect(r.report.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.subject}`)).toEqual([
      'lockfiles/file-not-captured poetry.lock',
    ]);
  });

  it('check fails when the runtime the lock file needs could not be captured', async () => {
    const bin = join(work, 'broken-python');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'python3'), '#!/bin/sh\necho "Fatal Python error: init_fs_encoding" >&2\nexit 1\n');
    chmodSync(join(bin, 'python3'), 0o755);
    const dir = project('req-broken-python', { 'requirements.txt': 'text:numpy==1.26.4\n' });
    const out = join(work, 'broken-python.json');
    const cap = await runEnvdiff(['capture', '-o', out], { cwd: dir, env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
    expect(cap.exitCode, cap.stderr).toBe(0);
    const r = await checkJson(out);
    expect(r.exitCode).toBe(1);
    expect(r.report.findings.map((f) => `${f.severity} ${f.ruleId}`)).toEqual(['error python/not-captured']);
  });

  describe('GPUs: devices unknown are never "no devices"', () => {
    const smi = (name: string, body: string) => {
      const dir = join(work, name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'nvidia-smi'), `#!/bin/sh\n${body}\n`);
      chmodSync(join(dir, 'nvidia-smi'), 0o755);
      return { ...process.env, PATH: `${dir}:${process.env.PATH}` };
    };
    const banner = 'echo "| NVIDIA-SMI 590.48.01              Driver Version: 590.48.01      CUDA Version: 13.1     |"';

    it('the query and nvidia-smi -q -x fail on the target, the baseline lists its GPU: compare fails', async () => {
      // Baseline: the real H100 query of fixtures/gpu/nvidia-smi-h100-590. Target: the real NVML
      // failure text (meta-llama/llama-models#200), exit 255 (nvidia-smi(1): other error).
      const query = readFileSync(join(REPO, 'fixtures', 'gpu', 'nvidia-smi-h100-590', 'nvidia-smi-query'), 'utf8');
      const dev = smi('smi-ok', `case "$*" in *--query-gpu=*) cat <<'EOF'\n${query.trim()}\nEOF\n;; *) ${banner} ;; esac`);
      const qa = smi(
        'smi-fails',
        `case "$*" in *--query-gpu=*|"-q -x") echo "Unable to determine the device handle for GPU0000:17:00.0: Unknown Error"; exit 255 ;; *) ${banner} ;; esac`,
      );
      const a = await capture('gpu-dev', ['--no-lock'], { env: dev });
      const b = await capture('gpu-qa', ['--no-lock'], { env: qa });
      expect(a.exitCode).toBe(0);
      expect(b.exitCode).toBe(0);
      const gpu = JSON.parse(readFileSync(b.out, 'utf8')).facets.gpu;
      expect(gpu).toMatchObject({ status: 'ok', driver: { version: '590.48.01' } });
      expect(gpu.devices).toBeUndefined();
      expect(gpu.devicesError).toContain('<bus id>');
      const r = await compareJson(a.out, b.out);
      expect(r.exitCode).toBe(1);
      expect(r.report.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId)).toEqual(['gpu/devices-not-captured']);
    });
  });

  describe('lock and build files: what they declare is compared and checked', () => {
    it('build.sbt moving from Scala 2.11 to 2.12 and sbt 0.13 to 1.2 (real spark-xml commits): compare fails', async () => {
      const a = await capture('sbt-2018', ['--lock', 'build.sbt'], { cwd: join(LOCKS, 'sbt', 'spark-xml-2018-scala-2.11') });
      const b = await capture('sbt-2021', ['--lock', 'build.sbt'], { cwd: join(LOCKS, 'sbt', 'spark-xml-2021-scala-2.12') });
      const r = await compareJson(a.out, b.out);
      expect(r.exitCode).toBe(1);
      expect(r.report.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.subject}`)).toEqual([
        'lockfiles/sbt-version build.sbt: sbt',
        'lockfiles/scala-version build.sbt: scala',
      ]);
    });

    it('poetry.lock requiring another Python ("~2.7 || ^3.5" → "^3.6", real poetry commits): compare fails', async () => {
      const a = await capture('poetry-2020', ['--lock', 'poetry.lock'], { cwd: join(LOCKS, 'poetry', 'poetry-2020-py27-or-35') });
      const b = await capture('poetry-2022', ['--lock', 'poetry.lock'], { cwd: join(LOCKS, 'poetry', 'poetry-2022-py36') });
      const r = await compareJson(a.out, b.out);
      expect(r.exitCode).toBe(1);
      expect(r.report.findings.find((f) => f.ruleId === 'lockfiles/requires-python')).toMatchObject({ severity: 'error' });
    });

    it('renv.lock snapshotted under another R minor (real carpentries commits): a warning, as R itself', async () => {
      const a = await capture('renv-433', ['--lock', 'renv.lock'], { cwd: join(LOCKS, 'renv', 'carpentries-r-4.3.3') });
      const b = await capture('renv-440', ['--lock', 'renv.lock'], { cwd: join(LOCKS, 'renv', 'carpentries-r-4.4.0') });
      const r = await compareJson(a.out, b.out, ['--fail-on', 'warning']);
      expect(r.exitCode).toBe(1);
      expect(r.report.findings.find((f) => f.ruleId === 'lockfiles/r-version')).toMatchObject({ severity: 'warning' });
    });

    it('a conda lock re-rendered for another platform only (real conda-lock example files): compare fails', async () => {
      const dev = project('conda-linux', { 'conda.lock': 'conda-explicit/zlib-linux-64/conda-linux-64.lock' });
      const qa = project('conda-osx', { 'conda.lock': 'conda-explicit/zlib-osx-64/conda-osx-64.lock' });
      const a = await capture('conda-linux', ['--lock', 'conda.lock'], { cwd: dev });
      const b = await capture('conda-osx', ['--lock', 'conda.lock'], { cwd: qa });
      const r = await compareJson(a.out, b.out);
      expect(r.exitCode).toBe(1);
      expect(r.report.findings.find((f) => f.ruleId === 'lockfiles/conda-platforms')).toMatchObject({ severity: 'error' });
    });

    it('check: a conda lock with no packages for this machine’s platform fails', async () => {
      const { out } = await capture('conda-osx-here', ['--lock', 'conda-osx-64.lock'], {
        cwd: join(LOCKS, 'conda-explicit', 'zlib-osx-64'),
      });
      const r = await checkJson(out);
      expect(r.exitCode).toBe(1);
      expect(r.report.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId)).toEqual(['lockfiles/platform-not-locked']);
    });

    it('check: a Pipfile.lock made for Python 3.9 in a 3.11 environment fails; in 3.9 it does not say so', async () => {
      const dir = join(LOCKS, 'pipfile', 'coronasignin-py39');
      const a = await capture('pipfile-311', ['--lock', 'Pipfile.lock'], { cwd: dir });
      const r = await checkJson(a.out);
      expect(r.exitCode).toBe(1);
      expect(r.report.findings.find((f) => f.ruleId === 'lockfiles/python-version-mismatch')).toMatchObject({
        severity: 'error',
        message: 'Pipfile.lock requires Python 3.9, this environment has 3.11.7',
      });
      if (existsSync(PY('3.9.18'))) {
        const out = join(work, 'pipfile-39.json');
        await runEnvdiff(['capture', '--python', PY('3.9.18'), '--lock', 'Pipfile.lock', '-o', out], { cwd: dir });
        expect((await checkJson(out)).report.findings.some((f) => f.ruleId === 'lockfiles/python-version-mismatch')).toBe(false);
      }
    });

    it.skipIf(!existsSync(PY('2.7.18')))(
      'check: a poetry.lock for "^3.6" (as Poetry defines ^) in a Python 2.7 environment fails',
      async () => {
        const out = join(work, 'poetry-27.json');
        await runEnvdiff(['capture', '--python', PY('2.7.18'), '--lock', 'poetry.lock', '-o', out], {
          cwd: join(LOCKS, 'poetry', 'poetry-2022-py36'),
        });
        const r = await checkJson(out);
        expect(r.exitCode).toBe(1);
        expect(r.report.findings.find((f) => f.ruleId === 'lockfiles/python-version-mismatch')).toMatchObject({
          severity: 'error',
          message: 'poetry.lock requires Python ^3.6, this environment has 2.7.18',
        });
      },
    );

    it('a pin that becomes a range is graded by what it admits: numpy==1.23.5 → ==2.2.* fails (synthetic lines)', async () => {
      const a = await capture('pin', ['--lock', 'requirements.txt'], {
        cwd: project('pin', { 'requirements.txt': 'text:numpy==1.23.5\n' }),
      });
      const b = await capture('range', ['--lock', 'requirements.txt'], {
        cwd: project('range', { 'requirements.txt': 'text:numpy==2.2.*\n' }),
      });
      const r = await compareJson(a.out, b.out);
      expect(r.exitCode).toBe(1);
      const f = r.report.findings.find((x) => x.ruleId === 'lockfiles/pin-changed');
      expect(f).toMatchObject({ severity: 'error', subject: 'requirements.txt: numpy' });
      expect(f!.message).toContain('NumPy 2 changed its binary interface');
    });

    it('check: a package pinned twice fails (synthetic lines)', async () => {
      const dir = project('twice', { 'requirements.txt': 'text:numpy==1.26.4\nscipy==1.11.4\nnumpy==2.0.0\n' });
      const { out } = await capture('twice', ['--lock', 'requirements.txt'], { cwd: dir });
      const r = await checkJson(out);
      expect(r.exitCode).toBe(1);
      expect(r.report.findings.find((f) => f.ruleId === 'lockfiles/pinned-twice')).toMatchObject({ severity: 'error' });
    });

    it('check: a build mixing Scala binary versions fails (synthetic pom.xml)', async () => {
      const pom =
        'text:<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>x</artifactId><version>1</version><dependencies>' +
        '<dependency><groupId>org.apache.spark</groupId><artifactId>spark-core_2.12</artifactId><version>3.3.0</version></dependency>' +
        '<dependency><groupId>org.apache.spark</groupId><artifactId>spark-sql_2.11</artifactId><version>2.4.8</version></dependency>' +
        '</dependencies></project>\n';
      const { out } = await capture('mix', ['--lock', 'pom.xml'], { cwd: project('mix', { 'pom.xml': pom }) });
      const r = await checkJson(out);
      expect(r.exitCode).toBe(1);
      expect(r.report.findings.find((f) => f.ruleId === 'lockfiles/scala-suffix-mix')).toMatchObject({ severity: 'error' });
    });
  });
});
