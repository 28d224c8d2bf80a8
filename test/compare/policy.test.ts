import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPolicy, loadPolicy, parsePolicy, unmatchedEntries } from '../../src/compare/policy.js';
import { EnvdiffError } from '../../src/core/errors.js';
import { finding } from './engine-helpers.js';

const FIXTURES = new URL('../../fixtures/policy/', import.meta.url);

async function policyError(text: string, name = 'policy.yml'): Promise<EnvdiffError> {
  try {
    await parsePolicy(text, name);
  } catch (err) {
    expect(err).toBeInstanceOf(EnvdiffError);
    return err as EnvdiffError;
  }
  throw new Error('expected the policy to be rejected');
}

describe('policy: the documented example (fixtures/policy/example)', () => {
  const findings = [
    finding({ ruleId: 'python/package-patch', severity: 'warning', subject: 'requests' }),
    finding({ ruleId: 'python/package-patch', severity: 'warning', subject: 'torch' }),
    finding({ ruleId: 'python/package-minor', severity: 'warning', subject: 'torchvision' }),
    finding({ ruleId: 'python/package-minor', severity: 'info', subject: 'pip' }),
    finding({ ruleId: 'system/package-minor', severity: 'warning', subject: 'libc6' }),
    finding({ ruleId: 'gpu/driver-too-old', severity: 'error', subject: 'driver' }),
  ];

  it('loads, with failOn and every entry', async () => {
    const policy = await loadPolicy(new URL('example/policy.yml', FIXTURES).pathname);
    expect(policy.failOn).toBe('warning');
    expect(policy.ignore).toHaveLength(2);
    expect(policy.severity).toHaveLength(2);
  });

  it('suppresses by rule glob and by subject, and says which entry did it', async () => {
    const policy = await loadPolicy(new URL('example/policy.yml', FIXTURES).pathname);
    const { suppressed } = applyPolicy(findings, policy);
    const src = policy.source;
    expect(suppressed).toEqual([
      { ruleId: 'python/package-minor', subject: 'pip', severity: 'info', by: `${src} ignore[1]: installer, not a dependency` },
      {
        ruleId: 'system/package-minor',
        subject: 'libc6',
        severity: 'warning',
        by: `${src} ignore[0]: base image packages are managed upstream`,
      },
    ]);
  });

  it('changes severities (last matching entry wins) and records every override', async () => {
    const policy = await loadPolicy(new URL('example/policy.yml', FIXTURES).pathname);
    const { findings: out } = applyPolicy(findings, policy);
    const brief = out.map((f) => [f.ruleId, f.subject, f.severity, f.override?.from ?? null]);
    expect(brief).toEqual([
      // re-sorted: the overrides moved torch and torchvision up to error
      ['gpu/driver-too-old', 'driver', 'error', null],
      ['python/package-patch', 'torch', 'error', 'warning'],
      ['python/package-minor', 'torchvision', 'error', 'warning'],
      ['python/package-patch', 'requests', 'info', 'warning'],
    ]);
    expect(out[1]!.override!.by).toBe(`${policy.source} severity[1]: torch builds are tied to the CUDA runtime`);
  });
});

describe('policy: entries that match nothing are reported, not silently ignored', () => {
  const findings = [
    finding({ ruleId: 'python/package-missing', severity: 'error', subject: 'torch' }),
    finding({ ruleId: 'python/minor-version', severity: 'error', subject: 'python' }),
  ];

  it('names a misspelt rule glob and a subject that never occurs, one line each', async () => {
    const policy = await parsePolicy(
      'ignore:\n  - rule: "pyhton/*"\n  - subject: torch\nseverity:\n  - { rule: "python/*", subject: "numpy", to: info }\n',
      'team.yml',
    );
    const lines = unmatchedEntries(findings, policy);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^team\.yml ignore\[0\] \(rule "pyhton\/\*"\) matched no finding/);
    expect(lines[1]).toMatch(/^team\.yml severity\[0\] \(rule "python\/\*", subject "numpy"\) matched no finding/);
    for (const l of lines) expect(l).not.toContain('\n');
  });

  it('says nothing when every entry matched (a severity entry shadowed by an ignore still counts)', async () => {
    const policy = await parsePolicy('ignore:\n  - subject: torch\nseverity:\n  - { subject: torch, to: info }\n', 'team.yml');
    expect(unmatchedEntries(findings, policy)).toEqual([]);
  });
});

describe('policy: matching', () => {
  const f = finding({ ruleId: 'lockfiles/package-mismatch', severity: 'error', subject: 'requirements/dev.txt' });

  it('lets * cross "/" in rule ids and subjects', async () => {
    const policy = await parsePolicy('ignore: [{rule: "*", subject: "requirements/*"}]', 'p.yml');
    expect(applyPolicy([f], policy).findings).toEqual([]);
  });

  it('needs both rule and subject to match when an entry has both', async () => {
    const policy = await parsePolicy('ignore: [{rule: "lockfiles/*", subject: "poetry.lock"}]', 'p.yml');
    expect(applyPolicy([f], policy)).toEqual({ findings: [f], suppressed: [] });
  });

  it('records no override when the severity does not change', async () => {
    const policy = await parsePolicy('severity: [{rule: "lockfiles/*", to: error}]', 'p.yml');
    expect(applyPolicy([f], policy).findings[0]).toEqual(f);
  });

  it('reads JSON policies', async () => {
    const policy = await parsePolicy('{"failOn": "never", "severity": [{"subject": "requirements/*", "to": "info"}]}', 'p.json');
    expect(policy.failOn).toBe('never');
    expect(applyPolicy([f], policy).findings[0]).toMatchObject({ severity: 'info', override: { from: 'error', by: 'p.json severity[0]' } });
  });
});

describe('policy: invalid files give one line naming the problem', () => {
  it('names a misspelt key and lists the allowed ones (fixtures/policy/invalid-misspelt-key)', async () => {
    const path = new URL('invalid-misspelt-key/policy.yml', FIXTURES).pathname;
    const err = await loadPolicy(path).then(
      () => undefined,
      (e: unknown) => e as EnvdiffError,
    );
    expect(err).toBeInstanceOf(EnvdiffError);
    expect(err!.exitCode).toBe(2);
    expect(err!.message).toBe(`${path}: /ignore/0/rul is not allowed (allowed: rule, subject, reason)`);
    expect(err!.toLine()).not.toContain('\n');
  });

  it('names an unknown top-level key', async () => {
    expect((await policyError('fail_on: warning\n')).message).toBe(
      'policy.yml: /fail_on is not allowed (allowed: failOn, ignore, severity)',
    );
  });

  it('names a bad severity value', async () => {
    expect((await policyError('severity:\n  - rule: "python/*"\n    to: fatal\n')).message).toBe(
      'policy.yml: /severity/0/to must be one of: error, warning, info',
    );
  });

  it('names a bad failOn', async () => {
    expect((await policyError('failOn: always\n')).message).toBe('policy.yml: /failOn must be one of: error, warning, info, never');
  });

  it('rejects an entry that matches nothing in particular', async () => {
    expect((await policyError('ignore:\n  - reason: why not\n')).message).toBe('policy.yml: /ignore/0 needs rule or subject (or both)');
  });

  it('requires `to` in a severity entry', async () => {
    expect((await policyError('severity: [{rule: "python/*"}]')).message).toBe('policy.yml: /severity/0/to is required');
  });

  it('rejects a list where a list is expected to be', async () => {
    expect((await policyError('ignore: system/*\n')).message).toBe('policy.yml: /ignore must be array');
  });

  it('reports a YAML syntax error with its line', async () => {
    const err = await policyError('ignore:\n  - rule: "system/*\n');
    expect(err.message).toMatch(/^policy\.yml: invalid YAML at line \d+, column \d+: /);
    expect(err.toLine()).not.toContain('\n');
  });

  it('reports invalid JSON in a .json policy', async () => {
    const err = await policyError('{"ignore": [}', 'policy.json');
    expect(err.message).toMatch(/^policy\.json: not valid JSON \(/);
  });

  it('rejects an empty policy', async () => {
    expect((await policyError('# nothing here\n')).message).toBe('policy.yml: the policy is empty');
  });

  it('reports a missing policy file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-policy-'));
    await expect(loadPolicy(join(dir, 'nope.yml'))).rejects.toThrow(`${join(dir, 'nope.yml')}: policy file not found`);
  });

  it('reports a directory given as the policy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-policy-'));
    mkdirSync(join(dir, 'policy.yml'));
    await expect(loadPolicy(join(dir, 'policy.yml'))).rejects.toThrow('is a directory');
    writeFileSync(join(dir, 'ok.yml'), 'failOn: info\n');
    await expect(loadPolicy(join(dir, 'ok.yml'))).resolves.toMatchObject({ failOn: 'info' });
  });
});

describe('policy: a rule glob that names no rule envdiff has', () => {
  const findings = [finding({ ruleId: 'python/package-missing', severity: 'error', subject: 'torch' })];

  it('says so in its warning, and a known rule that matched nothing gets the plain warning', async () => {
    const policy = await parsePolicy(
      'ignore:\n  - rule: "pyhton/*"\n  - rule: "gpu/driver-too-old"\n  - rule: "python/package-*"\n',
      'team.yml',
    );
    const lines = unmatchedEntries(findings, policy);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^team\.yml ignore\[0\] \(rule "pyhton\/\*"\) matched no finding: it names no rule envdiff has; check it for a typo/,
    );
    expect(lines[1]).toMatch(/^team\.yml ignore\[1\] \(rule "gpu\/driver-too-old"\) matched no finding in this comparison;/);
  });

  it('checks globs against the catalog, so a glob that fits some rule is not called unknown', async () => {
    const policy = await parsePolicy(
      'severity:\n  - { rule: "*/absent-on-target", to: info }\n  - { rule: "lockfiles/nope-*", to: info }\n',
      'team.yml',
    );
    const lines = unmatchedEntries(findings, policy, ['python/absent-on-target', 'lockfiles/not-installed']);
    expect(lines[0]).toContain('matched no finding in this comparison');
    expect(lines[1]).toContain('names no rule envdiff has');
  });
});
