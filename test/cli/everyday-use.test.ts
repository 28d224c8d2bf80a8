// Everyday use through the built CLI (a real `node bin/envdiff.js` process, real captures of this
// machine with its real pyenv interpreters): help per command, did-you-mean, version, `-` for
// stdin, `show`, --accept, the GitHub job summary, capture on a terminal, and the table at any
// width — through a real pseudo-terminal (util-linux `script`), piped with COLUMNS, and neither.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEnvdiff } from '../support/cli.js';
import { ptyAvailable, runInPty } from '../support/pty.js';
import { ensureDebianPythonImage, podmanWorks } from '../support/podman.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { displayWidth } from '../../src/report/text-layout.js';

const py = (v: string) => `${homedir()}/.pyenv/versions/${v}/bin/python`;
const dir = mkdtempSync(join(tmpdir(), 'envdiff-everyday-'));
const fp = (name: string) => join(dir, `${name}.json`);
const oneLine = (s: string) => s.trim().split('\n').length === 1;
// eslint-disable-next-line no-control-regex
const plain = (s: string) => s.replace(/\u001b\[[0-9;]*[mK]/g, '');
// What a terminal shows: a carriage return starts the line again (the progress line is redrawn).
const screen = (s: string) =>
  plain(s)
    .split('\n')
    .map((line) => line.split('\r').pop())
    .join('\n');

beforeAll(async () => {
  for (const [name, version] of [
    ['py311', '3.11.7'],
    ['py310', '3.10.13'],
    ['py27', '2.7.18'],
  ] as const) {
    const r = await runEnvdiff(['capture', '--no-lock', '--python', py(version), '--label', name, '-o', fp(name)]);
    expect(r.exitCode, r.stderr).toBe(0);
  }
  // A long PATH on one side: the table shortens it in the middle, JSON keeps it whole.
  const longPath = `/opt/conda/envs/training-2024-q3/bin:/usr/local/cuda-12.1/bin:/usr/local/nvidia/bin:${process.env.PATH}`;
  const r = await runEnvdiff(['capture', '--no-lock', '--python', py('3.11.7'), '--label', 'long-path', '-o', fp('long-path')], {
    env: { ...process.env, PATH: longPath },
  });
  expect(r.exitCode, r.stderr).toBe(0);
}, 180_000);

describe('help', () => {
  it('each command has its own help: every flag it accepts, its choices and defaults, two examples', async () => {
    const global = (await runEnvdiff(['--help'])).stdout;
    for (const spec of COMMANDS) {
      for (const args of [
        [spec.name, '--help'],
        ['help', spec.name],
        [spec.name, '-h'],
      ]) {
        const r = await runEnvdiff(args);
        expect(r.exitCode, args.join(' ')).toBe(0);
        expect(r.stdout).not.toBe(global);
        expect(r.stdout).toContain(`Usage: envdiff ${spec.name}`);
        for (const o of spec.options) expect(r.stdout, `${spec.name} --${o.name}`).toContain(`--${o.name}`);
        const flat = r.stdout.replace(/\s+/g, ' ');
        for (const o of spec.options.filter((x) => x.choices)) expect(flat).toContain(`choices: ${o.choices!.join(', ')}`);
        for (const o of spec.options.filter((x) => x.defaultText)) expect(flat).toContain(`default: ${o.defaultText}`);
        const examples = r.stdout.split('Examples:')[1] ?? '';
        expect(examples.match(/^\s+\$ .*envdiff /gm)?.length ?? 0, spec.name).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('the flags that were in no help are in their command help now', async () => {
    const capture = (await runEnvdiff(['capture', '--help'])).stdout;
    for (const flag of ['--timeout', '--probe-timeout', '--engine', '--pull', '--context', '--lock-recursive', '--no-lock']) {
      expect(capture).toContain(flag);
    }
    expect((await runEnvdiff(['dockerfile', '--help'])).stdout).toContain('--pip-extra-index-url');
  });

  it('lists every command in the global help', async () => {
    const r = await runEnvdiff(['--help']);
    for (const spec of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${spec.name}\\b`, 'm'));
  });

  it('-v, --version and -V print the version', async () => {
    const version = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version as string;
    for (const flag of ['-v', '--version', '-V']) {
      const r = await runEnvdiff([flag]);
      expect(r.exitCode).toBe(0);
      expect(r.stdout.trim()).toBe(version);
    }
  });
});

describe('did you mean', () => {
  it.each([
    [['compar', 'a.json', 'b.json'], /unknown command 'compar' — did you mean compare\?/],
    [['compare', 'a.json', 'b.json', '--formt', 'json'], /compare: unknown option '--formt' — did you mean --format\?/],
    [['capture', '--probe-timout', '3'], /did you mean --probe-timeout\?/],
    [['shwo', 'x.json'], /did you mean show\?/],
    [['help', 'compar'], /unknown command 'compar' — did you mean compare\?/],
  ])('%j', async (args, why) => {
    const r = await runEnvdiff(args);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(oneLine(r.stderr), r.stderr).toBe(true);
    expect(r.stderr).toMatch(why);
  });

  it('a wrong choice, a missing argument and a hostile flag name are one line each', async () => {
    for (const args of [
      ['compare', fp('py311'), fp('py310'), '--format', 'htm'],
      ['compare', fp('py311')],
      ['compare', fp('py311'), fp('py310'), '--\u001b[31mevil\nline'],
      ['completion', 'tcsh'],
    ]) {
      const r = await runEnvdiff(args);
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(oneLine(r.stderr), r.stderr).toBe(true);
      expect(r.stderr).not.toContain('\u001b');
    }
  });
});

describe('- reads stdin', () => {
  it('show - and compare with one side from stdin', async () => {
    const text = readFileSync(fp('py310'), 'utf8');
    const show = await runEnvdiff(['show', '-'], { input: text });
    expect(show.exitCode, show.stderr).toBe(0);
    expect(show.stdout).toMatch(/^py310 — this machine/);
    const piped = await runEnvdiff(['compare', fp('py311'), '-', '--format', 'json'], { input: text });
    const files = await runEnvdiff(['compare', fp('py311'), fp('py310'), '--format', 'json']);
    expect(piped.exitCode).toBe(files.exitCode);
    expect(piped.stdout).toBe(files.stdout);
  });

  it('--policy - reads the policy from stdin', async () => {
    const r = await runEnvdiff(['compare', fp('py311'), fp('py310'), '--policy', '-', '--format', 'json'], {
      input: 'ignore:\n  - rule: "*"\n',
    });
    expect(r.exitCode, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.findings).toEqual([]);
    expect(report.suppressed[0].by).toMatch(/^stdin ignore\[0\]/);
  });

  it('refuses - twice, and says what is wrong with what came in', async () => {
    const both = await runEnvdiff(['compare', '-', '-'], { input: '{}' });
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toMatch(/only one file can come from stdin/);
    const withPolicy = await runEnvdiff(['compare', fp('py311'), '-', '--policy', '-'], { input: '{}' });
    expect(withPolicy.exitCode).toBe(2);
    const empty = await runEnvdiff(['show', '-'], { input: '' });
    expect(empty.exitCode).toBe(2);
    expect(oneLine(empty.stderr)).toBe(true);
    expect(empty.stderr).toMatch(/stdin: the file is empty/);
  });
});

describe('show', () => {
  it('one screen: every facet on its lines, within the width', async () => {
    const r = await runEnvdiff(['show', fp('py311')], { env: { ...process.env, COLUMNS: '72' } });
    expect(r.exitCode, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(72);
    for (const facet of ['os', 'kernel', 'cpu', 'gpu', 'python', 'r', 'jvm', 'system', 'env', 'lockfiles']) {
      expect(r.stdout).toMatch(new RegExp(`^  ${facet} `, 'm'));
    }
    const captured = JSON.parse(readFileSync(fp('py311'), 'utf8'));
    expect(r.stdout).toContain(`CPython ${captured.facets.python.version}`);
    expect(r.stdout).toContain(`${captured.facets.python.packages.length} packages`);
  });
});

describe('--accept: a baseline of accepted drift', () => {
  it('accepts today’s findings, then passes on them and fails only on new drift', async () => {
    const policy = join(dir, 'accepted.yml');
    const first = await runEnvdiff(['compare', fp('py311'), fp('py310'), '--accept', policy]);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/accepted \d+ findings into .*accepted\.yml \(0 already there\)/);
    const before = JSON.parse((await runEnvdiff(['compare', fp('py311'), fp('py310'), '--format', 'json'])).stdout);
    const text = readFileSync(policy, 'utf8');
    expect(text.match(/reason: "TODO: why this difference is acceptable"/g)).toHaveLength(before.findings.length);

    const again = await runEnvdiff(['compare', fp('py311'), fp('py310'), '--policy', policy, '--format', 'json']);
    expect(again.exitCode, again.stderr).toBe(0);
    const report = JSON.parse(again.stdout);
    expect(report.findings).toEqual([]);
    expect(report.suppressed).toHaveLength(before.findings.length);

    // Python 2.7 brings drift that was never accepted: only that is reported, and it fails.
    const drift = await runEnvdiff(['compare', fp('py311'), fp('py27'), '--policy', policy, '--format', 'json']);
    expect(drift.exitCode).toBe(1);
    const driftReport = JSON.parse(drift.stdout);
    const accepted = new Set(before.findings.map((f: { ruleId: string; subject: string }) => `${f.ruleId}|${f.subject}`));
    expect(driftReport.findings.length).toBeGreaterThan(0);
    for (const f of driftReport.findings) expect(accepted.has(`${f.ruleId}|${f.subject}`), f.ruleId).toBe(false);
    expect(driftReport.findings.some((f: { ruleId: string }) => f.ruleId === 'python/major-version')).toBe(true);

    // Accepting again into the same file adds only what is new and keeps what was there.
    const more = await runEnvdiff(['compare', fp('py311'), fp('py27'), '--policy', policy, '--accept', policy]);
    expect(more.exitCode).toBe(0);
    expect(more.stderr).toMatch(
      new RegExp(`accepted ${driftReport.findings.length} findings? into .* \\(${before.findings.length} already there\\)`),
    );
    expect((await runEnvdiff(['compare', fp('py311'), fp('py27'), '--policy', policy])).exitCode).toBe(0);
  });

  it('refuses to write into something that is not a policy, and leaves it as it was', async () => {
    const notPolicy = join(dir, 'not-a-policy.yml');
    writeFileSync(notPolicy, 'name: something else\n');
    const r = await runEnvdiff(['compare', fp('py311'), fp('py310'), '--accept', notPolicy]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(notPolicy, 'utf8')).toBe('name: something else\n');
  });
});

describe('--format github and the job summary', () => {
  it('writes annotations to stdout and appends the Markdown report to $GITHUB_STEP_SUMMARY', async () => {
    const summary = join(dir, 'step-summary.md');
    writeFileSync(summary, '# earlier step\n');
    const env = { ...process.env, GITHUB_STEP_SUMMARY: summary, GITHUB_ACTIONS: 'true' };
    const r = await runEnvdiff(['compare', fp('py311'), fp('py27'), '--format', 'github'], { env });
    expect(r.exitCode).toBe(1);
    // The root cause is the first annotation, and counts the findings that follow from it.
    expect(r.stdout.split('\n')[0]).toMatch(/^::error title=envdiff python\/major-version \(\+\d+ that follow from it\)::/);
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# earlier step\n')).toBe(true);
    const markdown = (await runEnvdiff(['compare', fp('py311'), fp('py27'), '--format', 'markdown'])).stdout;
    expect(md.slice('# earlier step\n'.length)).toBe(markdown);
  });

  it('writes nothing there when the variable is unset', async () => {
    const env = { ...process.env };
    delete env.GITHUB_STEP_SUMMARY;
    const r = await runEnvdiff(['compare', fp('py311'), fp('py310'), '--format', 'github'], { env });
    expect(r.stderr).not.toMatch(/job summary/);
  });
});

describe('SARIF names the tool', () => {
  it('version and informationUri', async () => {
    const r = await runEnvdiff(['compare', fp('py311'), fp('py310'), '--format', 'sarif']);
    const driver = JSON.parse(r.stdout).runs[0].tool.driver;
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(driver.version).toBe(pkg.version);
    expect(driver.informationUri).toBe(pkg.homepage);
  });
});

describe('capture with several --target', () => {
  it('is one line and exit 2 without -o DIR/ (one fingerprint per target needs a folder; docs/FLEET.md)', async () => {
    const r = await runEnvdiff(['capture', '--no-lock', '--target', 'local', '--target', 'local']);
    expect(r.exitCode).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/several targets need -o DIR\//);
    expect(r.stdout).toBe('');
  });
});

describe('capture output', () => {
  it('piped: the JSON on stdout, no progress on stderr; --verbose gives each facet its time', async () => {
    const r = await runEnvdiff(['capture', '--no-lock']);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).schemaVersion).toBe(1);
    expect(r.stderr).toBe('');
    const v = await runEnvdiff(['capture', '--no-lock', '--verbose', '-o', join(dir, 'verbose.json')]);
    expect(v.exitCode).toBe(0);
    for (const facet of ['os', 'kernel', 'cpu', 'gpu', 'python', 'r', 'jvm', 'system', 'env']) {
      expect(v.stderr).toMatch(new RegExp(`^  ${facet} +(\\d+ ms|—) +\\d+\\.\\d ms  (ok|absent|error)$`, 'm'));
    }
    expect(v.stderr).toMatch(/wrote .*verbose\.json/);
    const q = await runEnvdiff(['capture', '--no-lock', '--quiet', '-o', join(dir, 'quiet.json')]);
    expect(q.stderr).toBe('');
    expect(existsSync(join(dir, 'quiet.json'))).toBe(true);
  });

  it.skipIf(!podmanWorks())(
    '--verbose over a podman target: each probe reports back through the engine',
    async () => {
      const image = await ensureDebianPythonImage();
      const r = await runEnvdiff(['capture', '--target', `podman:${image}`, '--verbose', '-o', join(dir, 'image.json')]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stderr).toContain(`envdiff: captured podman:${image} in`);
      for (const facet of ['os', 'python', 'system']) expect(r.stderr).toMatch(new RegExp(`^  ${facet} +\\d+ ms +\\d+\\.\\d ms  ok$`, 'm'));
    },
    180_000,
  );

  it.skipIf(!ptyAvailable())('on a terminal: progress, a summary, and the JSON saved to a new file (never replacing one)', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'envdiff-tty-'));
    writeFileSync(join(cwd, 'tty-test.json'), 'do not replace');
    const r = runInPty(['capture', '--no-lock', '--label', 'tty-test'], { columns: 80, cwd });
    expect(r.exitCode, r.output).toBe(0);
    expect(r.output).toMatch(/envdiff: capturing this machine — \d\/9 probes done/);
    expect(screen(r.output)).toMatch(/^tty-test — this machine, captured/m);
    expect(screen(r.output)).not.toMatch(/probes done/);
    expect(r.output).toContain('Saved to tty-test-2.json');
    expect(r.output).not.toContain('"schemaVersion"');
    expect(readFileSync(join(cwd, 'tty-test.json'), 'utf8')).toBe('do not replace');
    expect(JSON.parse(readFileSync(join(cwd, 'tty-test-2.json'), 'utf8')).label).toBe('tty-test');
    expect(readdirSync(cwd).sort()).toEqual(['tty-test-2.json', 'tty-test.json']);
  });
});

describe('the table at any width', () => {
  // The words a report may show: every token of the table drawn without a width limit.
  const tokens = (s: string) =>
    plain(s)
      .split(/[\s│┌┐└┘├┤┬┴┼─]+/)
      .map((t) => t.replace(/^[("']+|[)"',.:;]+$/g, ''))
      .filter(Boolean);

  async function source(a: string, b: string): Promise<Set<string>> {
    const wide = await runEnvdiff(['compare', fp(a), fp(b)], { env: { ...process.env, COLUMNS: '100000' } });
    return new Set(tokens(wide.stdout));
  }

  function checkFits(output: string, columns: number, words: Set<string>): void {
    const lines = plain(output).trimEnd().split('\n');
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
    // No word cut in two: each token is a whole word of the report, or a value shortened with `…`.
    const cut = tokens(output).filter((t) => !words.has(t) && !t.includes('…'));
    expect(cut).toEqual([]);
  }

  it.skipIf(!ptyAvailable())('fits a real 80-column terminal, and a 120-column one, without cutting words', async () => {
    for (const [a, b] of [
      ['py311', 'py27'],
      ['py311', 'py310'],
      ['py311', 'long-path'],
    ] as const) {
      const words = await source(a, b);
      for (const columns of [80, 120]) {
        const r = runInPty(['compare', fp(a), fp(b)], { columns });
        expect([0, 1]).toContain(r.exitCode);
        checkFits(r.output, columns, words);
      }
    }
  });

  it('piped: COLUMNS decides; with neither a terminal nor COLUMNS, 80', async () => {
    const words = await source('py311', 'py27');
    const withColumns = await runEnvdiff(['compare', fp('py311'), fp('py27')], { env: { ...process.env, COLUMNS: '100' } });
    checkFits(withColumns.stdout, 100, words);
    const env = { ...process.env };
    delete env.COLUMNS;
    const neither = await runEnvdiff(['compare', fp('py311'), fp('py27')], { env });
    checkFits(neither.stdout, 80, words);
    expect(Math.max(...plain(neither.stdout).split('\n').map(displayWidth))).toBeGreaterThan(60);
  });

  it('shortens a long PATH in the middle in the table; --format json keeps it whole', async () => {
    const table = await runEnvdiff(['compare', fp('py311'), fp('long-path')], { env: { ...process.env, COLUMNS: '200' } });
    const json = JSON.parse((await runEnvdiff(['compare', fp('py311'), fp('long-path'), '--format', 'json'])).stdout);
    const path = json.findings.find((f: { subject: string }) => f.subject === 'PATH');
    expect(path.target).toMatch(/^\/opt\/conda\/envs\/training-2024-q3\/bin:.*:\/bin$/);
    expect(table.stdout).not.toContain(path.target);
    expect(table.stdout).toMatch(/\/opt\/conda\/envs\/\S*…\S*\/bin/);
  });
});
