// Real scenarios, end to end through the CLI: fingerprints captured on this machine with
// different real interpreters, then compared in every format.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEnvdiff } from '../support/cli.js';

const py = (v: string) => `${homedir()}/.pyenv/versions/${v}/bin/python`;
const dir = mkdtempSync(join(tmpdir(), 'envdiff-scenarios-'));
const fp = (name: string) => join(dir, `${name}.json`);

async function capture(name: string, version: string) {
  const r = await runEnvdiff(['capture', '--no-lock', '--python', py(version), '--label', name, '-o', fp(name)]);
  expect(r.exitCode, r.stderr).toBe(0);
}

async function compare(a: string, b: string, ...extra: string[]) {
  return runEnvdiff(['compare', fp(a), fp(b), ...extra]);
}

interface JsonReport {
  summary: Record<'error' | 'warning' | 'info', number>;
  findings: { ruleId: string; severity: string; subject: string; baseline: string | null; target: string | null }[];
}

beforeAll(async () => {
  await capture('py27', '2.7.18');
  await capture('py310', '3.10.13');
  await capture('py311', '3.11.7');
  await capture('py311-again', '3.11.7');
}, 120_000);

describe('compare on real captures', () => {
  it('Python 2.7 vs 3.11: a major-version error, exit 1', async () => {
    const r = await compare('py27', 'py311', '--format', 'json');
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    const major = report.findings.find((f) => f.ruleId === 'python/major-version');
    expect(major).toMatchObject({ severity: 'error', baseline: '2.7.18', target: '3.11.7' });
    expect(report.summary.error).toBeGreaterThan(0);
  });

  it('Python 3.10 vs 3.11: a minor-version (ABI) error naming both versions', async () => {
    const r = await compare('py310', 'py311', '--format', 'json');
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.findings.find((f) => f.ruleId === 'python/minor-version')).toMatchObject({
      severity: 'error',
      baseline: '3.10.13',
      target: '3.11.7',
    });
    expect(report.findings.some((f) => f.ruleId === 'python/major-version')).toBe(false);
  });

  it('the same interpreter twice: nothing to report, exit 0', async () => {
    const r = await compare('py311', 'py311-again', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect((JSON.parse(r.stdout) as JsonReport).findings).toEqual([]);
  });

  it.each(['table', 'markdown', 'sarif', 'junit', 'github', 'json'])('exits by severity in the %s format too', async (format) => {
    const bad = await compare('py310', 'py311', '--format', format);
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toMatch(/minor-version/);
    const good = await compare('py311', 'py311-again', '--format', format);
    expect(good.exitCode).toBe(0);
  });

  it('--fail-on never and a policy that lowers the rule both give exit 0, and say so', async () => {
    expect((await compare('py310', 'py311', '--fail-on', 'never')).exitCode).toBe(0);
    const policy = join(dir, 'policy.yml');
    writeFileSync(
      policy,
      'severity:\n  - rule: "python/*"\n    to: warning\n    reason: QA runs the notebook smoke tests only\n',
    );
    const r = await compare('py310', 'py311', '--policy', policy, '--format', 'json');
    const report = JSON.parse(r.stdout) as JsonReport & { findings: { override?: unknown }[] };
    expect(report.findings.filter((f) => f.ruleId.startsWith('python/')).every((f) => f.severity !== 'error')).toBe(true);
    expect(report.findings.some((f) => f.override)).toBe(true);
  });

  it('bad inputs: one line each, exit 2', async () => {
    writeFileSync(join(dir, 'broken.json'), '{"schemaVersion": 1, "facets": ');
    writeFileSync(join(dir, 'v2.json'), JSON.stringify({ ...JSON.parse(readFileSync(fp('py311'), 'utf8')), schemaVersion: 2 }));
    writeFileSync(join(dir, 'package.json'), '{"name": "not-a-fingerprint"}');
    for (const [file, pattern] of [
      [join(dir, 'nope.json'), /nope\.json/],
      [join(dir, 'broken.json'), /not valid JSON/],
      [join(dir, 'v2.json'), /schemaVersion 2/],
      [join(dir, 'package.json'), /not an envdiff fingerprint/],
    ] as const) {
      const r = await runEnvdiff(['compare', fp('py311'), file]);
      expect(r.exitCode, file).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(pattern);
      expect(r.stdout).toBe('');
    }
  });
});
