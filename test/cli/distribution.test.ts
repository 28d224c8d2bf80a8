// envdiff as users get it, outside this clone: the packed npm tarball installed globally, the
// GitHub Action's steps run as the runner runs them, and the pre-commit hooks' commands.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { copyRepository, REPO } from '../support/repo-copy.js';
import { runEnvdiff } from '../support/cli.js';

const PY311 = `${homedir()}/.pyenv/versions/3.11.7/bin/python`;
const PY27 = `${homedir()}/.pyenv/versions/2.7.18/bin/python`;
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { name: string; version: string };

function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 600_000, ...opts });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

describe('the packed tarball, installed globally', () => {
  it('installs as envdiff-ml and runs `envdiff` from outside the clone', () => {
    const work = mkdtempSync(join(tmpdir(), 'envdiff-pack-'));
    // dist/ is already built (npm test builds first); --ignore-scripts keeps npm pack from rebuilding
    // it under the feet of the tests running beside this one.
    const packed = run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', work], { cwd: REPO });
    expect(packed.status, packed.stderr).toBe(0);
    const tgz = packed.stdout.trim().split('\n').pop()!;
    expect(tgz).toBe(`${pkg.name}-${pkg.version}.tgz`);
    const listing = run('tar', ['-tzf', join(work, tgz)]).stdout.split('\n');
    for (const f of ['package/LICENSE', 'package/bin/envdiff.js', 'package/dist/cli/main.js', 'package/probes/python.sh'])
      expect(listing).toContain(f);
    expect(listing.some((f) => f.startsWith('package/src/') || f.startsWith('package/test/'))).toBe(false);

    const prefix = join(work, 'prefix');
    const installed = run(
      'npm',
      ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', join(work, tgz)],
      { cwd: work },
    );
    expect(installed.status, installed.stderr).toBe(0);
    const envdiff = join(prefix, 'bin', 'envdiff');
    const outside = mkdtempSync(join(tmpdir(), 'envdiff-outside-'));
    const version = run(envdiff, ['--version'], { cwd: outside });
    expect(version.stdout.trim()).toBe(pkg.version);
    const capture = run(envdiff, ['capture', '--no-lock', '--label', 'installed'], { cwd: outside });
    expect(capture.status, capture.stderr).toBe(0);
    const fp = JSON.parse(capture.stdout);
    expect(fp).toMatchObject({ schemaVersion: 1, label: 'installed', tool: { name: 'envdiff', version: pkg.version } });
    writeFileSync(join(outside, 'fp.json'), capture.stdout);
    expect(run(envdiff, ['compare', 'fp.json', 'fp.json'], { cwd: outside }).status).toBe(0);
  });
});

interface ActionStep {
  name: string;
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

describe('the GitHub Action (action.yml), step by step as the runner runs it', () => {
  const action = parseYaml(readFileSync(join(REPO, 'action.yml'), 'utf8')) as {
    runs: { using: string; steps: ActionStep[] };
    inputs: Record<string, { default?: string; required?: boolean }>;
    outputs: Record<string, { value: string }>;
  };
  let actionPath: string;

  beforeAll(() => {
    // A fresh checkout of the action: no node_modules, no dist; its install step must build them.
    actionPath = copyRepository('envdiff-action-');
  });

  it('is a composite action whose scripts take no ${{ }} expressions (inputs come through env)', () => {
    expect(action.runs.using).toBe('composite');
    for (const step of action.runs.steps) {
      if (step.run) {
        expect(step.run, step.name).not.toContain('${{');
        expect(step.shell, step.name).toBe('bash');
      }
    }
  });

  /** Runs every step as a runner would; returns the last exit code and what the steps left. */
  function runAction(inputs: Record<string, string>, workspace: string) {
    const temp = mkdtempSync(join(tmpdir(), 'envdiff-runner-temp-'));
    const files = {
      output: join(temp, 'output'),
      summary: join(temp, 'step-summary.md'),
      path: join(temp, 'path'),
      env: join(temp, 'env'),
    };
    for (const f of Object.values(files)) writeFileSync(f, '');
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(action.inputs)) values[k] = inputs[k] ?? v.default ?? '';
    const stepOutputs: Record<string, Record<string, string>> = {};
    const expr = (text: string): string =>
      text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, e: string) => {
        let m: RegExpExecArray | null;
        if ((m = /^inputs\.([\w-]+)$/.exec(e))) return values[m[1]!] ?? '';
        if (e === 'github.action_path') return actionPath;
        if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(e))) return stepOutputs[m[1]!]?.[m[2]!] ?? '';
        throw new Error(`expression not handled by this test: ${e}`);
      });
    const condition = (c: string | undefined): boolean => {
      if (!c) return true;
      const m = /^inputs\.([\w-]+) == '([^']*)'$/.exec(c);
      if (!m) throw new Error(`condition not handled by this test: ${c}`);
      return values[m[1]!] === m[2];
    };
    const extraPath: string[] = [];
    const log: { name: string; status: number | null; stdout: string; stderr: string }[] = [];
    const uploads: Record<string, string>[] = [];
    for (const step of action.runs.steps) {
      if (!condition(step.if)) continue;
      if (step.uses) {
        // A marketplace action this test cannot run; its inputs are checked instead.
        uploads.push(Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, expr(v)])));
        continue;
      }
      writeFileSync(files.output, '');
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expr(v)])),
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: workspace,
        GITHUB_ACTION_PATH: actionPath,
        GITHUB_OUTPUT: files.output,
        GITHUB_STEP_SUMMARY: files.summary,
        GITHUB_PATH: files.path,
        GITHUB_ENV: files.env,
        RUNNER_TEMP: temp,
        RUNNER_OS: 'Linux',
        PATH: [...extraPath, process.env.PATH].join(delimiter),
      };
      delete env.COLUMNS;
      // `shell: bash` in a composite step: bash --noprofile --norc -eo pipefail {0}
      const script = join(temp, `step-${log.length}.sh`);
      writeFileSync(script, step.run!);
      const r = run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: workspace, env });
      log.push({ name: step.name, ...r });
      if (step.id) {
        stepOutputs[step.id] = Object.fromEntries(
          readFileSync(files.output, 'utf8')
            .split('\n')
            .filter((l) => l.includes('='))
            .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
        );
      }
      // The runner prepends GITHUB_PATH entries for the steps after.
      extraPath.unshift(...readFileSync(files.path, 'utf8').split('\n').filter(Boolean).reverse());
      if (r.status !== 0) break;
    }
    return { log, uploads, summary: readFileSync(files.summary, 'utf8'), outputs: stepOutputs, temp };
  }

  function workspaceWith(baselinePython: string): string {
    const ws = mkdtempSync(join(tmpdir(), 'envdiff-workspace-'));
    mkdirSync(join(ws, 'fingerprints'));
    const r = spawnSync(
      process.execPath,
      [
        join(REPO, 'bin', 'envdiff.js'),
        'capture',
        '--no-lock',
        '--python',
        baselinePython,
        '--label',
        'dev',
        '-o',
        join(ws, 'fingerprints', 'dev.json'),
      ],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    return ws;
  }

  it('installs from its own files, captures, compares: passes when nothing breaks', () => {
    const ws = workspaceWith(PY311);
    const r = runAction({ baseline: 'fingerprints/dev.json', python: PY311, 'fail-on': 'error' }, ws);
    for (const step of r.log) expect(step.status, `${step.name}: ${step.stderr}`).toBe(0);
    expect(r.log.map((s) => s.name)).toEqual(action.runs.steps.filter((s) => s.run).map((s) => s.name));
    expect(existsSync(join(actionPath, 'dist', 'cli', 'main.js'))).toBe(true);
    // The SARIF upload gets a SARIF 2.1.0 log that names envdiff and its version.
    expect(r.uploads).toHaveLength(1);
    const sarif = JSON.parse(readFileSync(r.uploads[0]!['sarif_file']!, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].tool.driver).toMatchObject({ name: 'envdiff', version: pkg.version });
    expect(r.uploads[0]!['category']).toBe('envdiff');
    expect(r.summary).toMatch(/dev.*ci/);
    expect(JSON.parse(readFileSync(r.outputs['capture']!['fingerprint']!, 'utf8')).label).toBe('ci');
  }, 600_000);

  it('fails on drift at or above fail-on, with annotations and the report in the job summary', () => {
    const ws = workspaceWith(PY27);
    const r = runAction({ baseline: 'fingerprints/dev.json', python: PY311, 'upload-sarif': 'false' }, ws);
    expect(r.uploads).toEqual([]);
    const last = r.log[r.log.length - 1]!;
    expect(last.name).toMatch(/verdict/);
    expect(last.status).toBe(1);
    expect(last.stdout).toMatch(/^::error title=envdiff python\/major-version \(\+\d+ that follow from it\)::/m);
    expect(r.summary).toContain('python/major-version');
    // fail-on never: the same drift, reported, and the step passes.
    const never = runAction({ baseline: 'fingerprints/dev.json', python: PY311, 'upload-sarif': 'false', 'fail-on': 'never' }, ws);
    expect(never.log[never.log.length - 1]!.status).toBe(0);
  }, 600_000);

  it('a missing baseline fails the step with one line', () => {
    const ws = mkdtempSync(join(tmpdir(), 'envdiff-workspace-'));
    const r = runAction({ baseline: 'fingerprints/missing.json', 'upload-sarif': 'false' }, ws);
    const failed = r.log.find((s) => s.status !== 0)!;
    expect(failed.status).toBe(2);
    expect(failed.stderr.trim().split('\n')).toHaveLength(1);
    expect(failed.stderr).toMatch(/missing\.json: no such file/);
  }, 600_000);
});

describe('the pre-commit hooks (.pre-commit-hooks.yaml)', () => {
  const hooks = parseYaml(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as {
    id: string;
    entry: string;
    language: string;
    files?: string;
    pass_filenames?: boolean;
  }[];

  /** The hook's entry as pre-commit runs it: split like a shell, `envdiff` on PATH, files or args appended. */
  function runHook(id: string, extra: string[], cwd: string, pythonDir: string) {
    const hook = hooks.find((h) => h.id === id)!;
    const bin = mkdtempSync(join(tmpdir(), 'envdiff-hook-bin-'));
    const link = join(bin, 'envdiff');
    writeFileSync(link, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(REPO, 'bin', 'envdiff.js'))} "$@"\n`);
    chmodSync(link, 0o755);
    const argv = parseShellWords(hook.entry);
    return run(argv[0]!, [...argv.slice(1), ...extra], {
      cwd,
      env: { ...process.env, PATH: [bin, pythonDir, process.env.PATH].join(delimiter) },
    });
  }

  it('declares node hooks with an entry that runs envdiff', () => {
    expect(hooks.map((h) => h.id).sort()).toEqual(['envdiff-check', 'envdiff-compare']);
    for (const h of hooks) {
      expect(h.language).toBe('node');
      expect(h.entry).toMatch(/envdiff capture/);
    }
    const files = new RegExp(hooks.find((h) => h.id === 'envdiff-check')!.files!);
    for (const f of ['requirements.txt', 'sub/requirements-dev.in', 'poetry.lock', 'uv.lock', 'renv.lock'])
      expect(files.test(f), f).toBe(true);
    for (const f of ['README.md', 'lib/requirements.py']) expect(files.test(f), f).toBe(false);
  });

  it('envdiff-check passes when the lock file matches what is installed, fails when it does not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-hook-'));
    const fp = JSON.parse(
      spawnSync(process.execPath, [join(REPO, 'bin', 'envdiff.js'), 'capture', '--no-lock', '--python', PY311], { encoding: 'utf8' })
        .stdout,
    );
    const pip = fp.facets.python.packages.find((p: { name: string }) => p.name === 'pip');
    writeFileSync(join(dir, 'requirements.txt'), `pip==${pip.version}\n`);
    writeFileSync(join(dir, 'requirements-old.txt'), 'pip==1.0\n');
    const pyDir = join(PY311, '..');
    const good = runHook('envdiff-check', ['requirements.txt'], dir, pyDir);
    expect(good.status, good.stdout + good.stderr).toBe(0);
    const bad = runHook('envdiff-check', ['requirements.txt', 'requirements-old.txt'], dir, pyDir);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/requirements-old\.txt:pip/);
  });

  it('envdiff-compare compares this machine with the fingerprint given in args', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-hook-'));
    const r27 = await runEnvdiff(['capture', '--no-lock', '--python', PY27, '-o', join(dir, 'py27.json')]);
    expect(r27.exitCode).toBe(0);
    const bad = runHook('envdiff-compare', ['py27.json'], dir, join(PY311, '..'));
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/python\/major-version/);
    expect(readdirSync(dir)).toEqual(['py27.json']);
  });
});

const preCommit = spawnSync('pre-commit', ['--version']).status === 0;

describe.skipIf(!preCommit)('the pre-commit hooks, installed and run by pre-commit itself', () => {
  it('pre-commit try-repo installs envdiff (language: node) and runs envdiff-check on the lock file', () => {
    // The hook repository as pre-commit clones it: a git repository of this one's files.
    const hookRepo = copyRepository('envdiff-hook-repo-');
    const git = (args: string[], cwd: string) =>
      run('git', ['-c', 'user.email=ci@example.invalid', '-c', 'user.name=envdiff tests', ...args], { cwd });
    for (const args of [
      ['init', '-q'],
      ['add', '-A'],
      ['commit', '-qm', 'hooks'],
    ])
      expect(git(args, hookRepo).status).toBe(0);

    const project = mkdtempSync(join(tmpdir(), 'envdiff-hook-project-'));
    const fp = JSON.parse(
      spawnSync(process.execPath, [join(REPO, 'bin', 'envdiff.js'), 'capture', '--no-lock', '--python', PY311], { encoding: 'utf8' })
        .stdout,
    );
    const pip = fp.facets.python.packages.find((p: { name: string }) => p.name === 'pip');
    writeFileSync(join(project, 'requirements.txt'), `pip==${pip.version}\n`);
    writeFileSync(join(project, 'requirements-old.txt'), 'pip==1.0\n');
    for (const args of [
      ['init', '-q'],
      ['add', '-A'],
    ])
      expect(git(args, project).status).toBe(0);
    // As a user's shell runs pre-commit: without the npm_* variables of the `npm test` running this
    // (an `npm test --loglevel=warn` would otherwise override the repository's .npmrc in the hook's npm).
    const env = {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))),
      PRE_COMMIT_HOME: mkdtempSync(join(tmpdir(), 'envdiff-pre-commit-home-')),
      PATH: [join(PY311, '..'), process.env.PATH].join(delimiter),
    };

    const good = run('pre-commit', ['try-repo', hookRepo, 'envdiff-check', '--files', 'requirements.txt', '--verbose'], {
      cwd: project,
      env,
    });
    expect(good.status, good.stdout + good.stderr).toBe(0);
    expect(good.stdout).toMatch(/envdiff check .*Passed/);
    const bad = run(
      'pre-commit',
      ['try-repo', hookRepo, 'envdiff-check', '--files', 'requirements.txt', 'requirements-old.txt', '--verbose'],
      { cwd: project, env },
    );
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/envdiff check .*Failed/);
    expect(bad.stdout).toMatch(/requirements-old\.txt:pip/);
  }, 600_000);
});

/** Splits a command line as POSIX sh does for the quoting pre-commit entries use ('…' and "…"). */
function parseShellWords(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: string | null = null;
  let inWord = false;
  for (const c of line) {
    if (quote) {
      if (c === quote) quote = null;
      else current += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === ' ') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}
