// `envdiff capture --lock` and `envdiff check` as a user runs them (the built CLI, a real local
// capture): a --lock file that does not exist stops the capture (exit 2, no fingerprint); check's
// exit codes and every report format. The requirements file is synthetic (one line that
// names a package no interpreter here has); the fingerprint is this machine's.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runEnvdiff } from '../support/cli.js';

describe('capture --lock and check (CLI)', () => {
  let dir: string;
  let fp: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'envdiff-check-'));
    writeFileSync(join(dir, 'requirements.txt'), 'envdiff-never-installed==1.0.0\npywin32==306 ; sys_platform == "win32"\n');
    fp = join(dir, 'fp.json');
    const r = await runEnvdiff(['capture', '--lock', 'requirements.txt', '-o', fp], { cwd: dir });
    expect(r.exitCode).toBe(0);
  }, 180_000);

  it('a --lock file that does not exist stops the capture: exit 2, one line, no fingerprint', async () => {
    const out = join(dir, 'not-written.json');
    const r = await runEnvdiff(['capture', '--lock', 'requirements.txt', '--lock', 'missing.txt', '-o', out], { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'envdiff: capture: --lock missing.txt cannot be used: missing.txt does not exist — give lock files that exist and are complete, or leave --lock out to record those found in the current folder',
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it('the --lock file is read', () => {
    const files = JSON.parse(readFileSync(fp, 'utf8')).facets.lockfiles.files as { path: string; kind: string; status: string }[];
    expect(files.map((f) => `${f.path} ${f.kind} ${f.status}`)).toEqual(['requirements.txt requirements ok']);
  });

  it('exit 1 on an error finding, 0 with --fail-on never; the win32-only pin is not reported on Linux', async () => {
    const r = await runEnvdiff(['check', fp, '--format', 'json'], { cwd: dir });
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string; severity: string; subject: string }[] };
    expect(report.findings.map((f) => `${f.severity} ${f.ruleId} ${f.subject}`)).toEqual([
      'error lockfiles/not-installed requirements.txt:envdiff-never-installed',
    ]);
    expect((await runEnvdiff(['check', fp, '--fail-on', 'never'], { cwd: dir })).exitCode).toBe(0);
  });

  it('renders every format', async () => {
    for (const format of ['table', 'markdown', 'sarif', 'junit', 'github']) {
      const r = await runEnvdiff(['check', fp, '--format', format], { cwd: dir });
      expect(r.exitCode, format).toBe(1);
      expect(r.stdout, format).toContain('envdiff-never-installed');
    }
  });

  it("this machine's own capture, without lock files: the consistency rules find nothing, exit 0", async () => {
    const clean = join(dir, 'clean.json');
    expect((await runEnvdiff(['capture', '--no-lock', '-o', clean], { cwd: dir })).exitCode).toBe(0);
    const r = await runEnvdiff(['check', clean, '--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect((JSON.parse(r.stdout) as { findings: unknown[] }).findings).toEqual([]);
  });

  it('bad input is one line and exit 2', async () => {
    for (const args of [
      ['check', join(dir, 'nope.json')],
      ['check', fp, '--format', 'xml'],
      ['check', fp, '--fail-on', 'sometimes'],
    ]) {
      const r = await runEnvdiff(args, { cwd: dir });
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
    }
  });
});
