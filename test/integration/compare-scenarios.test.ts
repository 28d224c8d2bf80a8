// Real scenarios, end to end through the CLI: fingerprints captured on this machine with
// different real interpreters, then compared in every format.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEnvdiff } from '../support/cli.js';
import { loadFixtures } from '../helpers/fixtures.js';
import { parseGpu } from '../../src/facets/gpu/parse.js';
import type { Finding } from '../../src/core/findings.js';
import type { Fingerprint } from '../../src/facets/index.js';
import type { GpuFacet } from '../../src/facets/gpu/types.js';
import type { PythonPackage } from '../../src/facets/python/types.js';

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
  findings: Finding[];
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

  it('markdown and github keep python/minor-version in view among ~100 missing packages', async () => {
    const gh = await compare('py311', 'py310', '--format', 'github');
    const errors = gh.stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(errors.length).toBeLessThanOrEqual(10); // GitHub shows 10 per kind and step
    expect(errors.some((l) => l.includes('python/minor-version'))).toBe(true);
    const md = await compare('py311', 'py310', '--format', 'markdown');
    const firstDetails = md.stdout.indexOf('<details>');
    expect(md.stdout.indexOf('python/minor-version')).toBeLessThan(firstDetails);
  });

  // The root cause first in every format, what follows from it under it (issue #12, item 4).
  it.each([
    ['py311', 'py27', 'python/major-version'],
    ['py311', 'py310', 'python/minor-version'],
  ])('%s → %s: the first finding of every format is %s; every package finding follows from it', async (a, b, cause) => {
    for (const [format, columns] of FORMATS_AND_WIDTHS) {
      const r = await runEnvdiff(['compare', fp(a), fp(b), '--format', format], { env: { ...process.env, COLUMNS: String(columns) } });
      expect(r.exitCode, `${format}: ${r.stderr}`).toBe(1);
      expect(firstRule(format, r.stdout), `${format} at ${columns} columns`).toBe(cause);
    }
    const report = JSON.parse((await compare(a, b, '--format', 'json')).stdout) as JsonReport;
    const packages = report.findings.filter((f) => f.ruleId.startsWith('python/package-'));
    expect(packages.length).toBeGreaterThan(100);
    expect(report.findings.slice(1)).toEqual(packages);
    for (const f of packages) {
      expect(f.causedBy).toEqual({ ruleId: cause, subject: 'python' });
      // No pin for another interpreter (pip==23.2.1 does not install on Python 2.7): one step, Python first.
      expect(f.hint).not.toMatch(/==/);
    }
    expect(report.findings[0]!.hint).toMatch(/^use Python 3\.11 on the target first .*pip install --no-deps -r envdiff-requirements\.txt/);
    const sarif = JSON.parse((await compare(a, b, '--format', 'sarif')).stdout) as {
      runs: { results: { properties: { causedBy?: unknown } }[] }[];
    };
    expect(sarif.runs[0]!.results.filter((x) => x.properties.causedBy !== undefined)).toHaveLength(packages.length);
  });

  it('--fail-on never and a policy that lowers the rule both give exit 0, and say so', async () => {
    expect((await compare('py310', 'py311', '--fail-on', 'never')).exitCode).toBe(0);
    const policy = join(dir, 'policy.yml');
    writeFileSync(policy, 'severity:\n  - rule: "python/*"\n    to: warning\n    reason: QA runs the notebook smoke tests only\n');
    const r = await compare('py310', 'py311', '--policy', policy, '--format', 'json');
    const report = JSON.parse(r.stdout) as JsonReport & { findings: { override?: unknown }[] };
    expect(report.findings.filter((f) => f.ruleId.startsWith('python/')).every((f) => f.severity !== 'error')).toBe(true);
    expect(report.findings.some((f) => f.override)).toBe(true);
  });

  it('a policy that raises a severity decides the exit code; an entry that matches nothing is named on stderr', async () => {
    const policy = join(dir, 'raise.yml');
    writeFileSync(
      policy,
      'failOn: error\nignore:\n  - rule: "pyhton/*"\nseverity:\n  - rule: "python/package-minor"\n    to: error\n    reason: pip drift broke a build once\n',
    );
    // py311 → py311-again has no findings; py311 → py310 has pip 23.2.1 → 23.0.1 (package-minor).
    const r = await compare('py311', 'py310', '--policy', policy, '--format', 'json');
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport & { findings: { override?: { from: string } }[] };
    const pip = report.findings.find((f) => f.ruleId === 'python/package-minor' && f.subject === 'pip');
    expect(pip).toMatchObject({ severity: 'error', override: { from: 'warning' } });
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^envdiff: warning: .*raise\.yml ignore\[0\] \(rule "pyhton\/\*"\) matched no finding/),
    ]);
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

// Each format, and for the table both layouts: stacked on 80 columns, boxed on 200.
const FORMATS_AND_WIDTHS: readonly (readonly [string, number])[] = [
  ['table', 80],
  ['table', 200],
  ['json', 80],
  ['markdown', 80],
  ['sarif', 80],
  ['junit', 80],
  ['github', 80],
];

/** The rule id of the first finding a format shows. */
function firstRule(format: string, out: string): string | undefined {
  switch (format) {
    case 'json':
      return (JSON.parse(out) as JsonReport).findings[0]?.ruleId;
    case 'sarif':
      return (JSON.parse(out) as { runs: { results: { ruleId: string }[] }[] }).runs[0]?.results[0]?.ruleId;
    case 'junit':
      return /<testcase [^>]*name="([^"]+)"/.exec(out)?.[1];
    case 'markdown':
      return /^\|(?: [a-z]+ \|)? `([^`]+)` \|/m.exec(out)?.[1];
    case 'github':
      return /^::(?:error|warning|notice) title=envdiff (\S+)/m.exec(out)?.[1];
    default:
      // The table: the first boxed row, or the first stacked block.
      return /^(?:│ (?:error|warning|info)\s+│ |(?:error|warning|info) )([a-z]+\/[a-z0-9-]+)/m.exec(out)?.[1];
  }
}

// GPU scenarios: the real capture of this (GPU-less) machine, with the gpu facet replaced by a
// real nvidia-smi capture from fixtures/gpu (each with its SOURCE.md) and a CUDA build of torch
// installed on both sides, as it would be when one image runs on two hosts.
function realGpu(name: string): GpuFacet {
  const fixture = loadFixtures('gpu').find((f) => f.name === name);
  if (fixture === undefined) throw new Error(`no gpu fixture ${name}`);
  return parseGpu(fixture.section, {});
}

function withGpu(name: string, label: string, gpu: GpuFacet | 'this machine', torch: string): string {
  const fp = JSON.parse(readFileSync(fp_('py311'), 'utf8')) as Fingerprint;
  fp.label = label;
  if (gpu !== 'this machine') fp.facets.gpu = gpu;
  const python = fp.facets.python;
  if (python?.status !== 'ok') throw new Error('the py311 capture has no python facet');
  const torchPkg: PythonPackage = { name: 'torch', version: torch, installer: 'pip' };
  python.packages = [...(python.packages ?? []), torchPkg].sort((a, b) => (a.name < b.name ? -1 : 1));
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(fp));
  return file;
}
const fp_ = fp;

describe('GPU scenarios from real nvidia-smi captures, end to end', () => {
  it('CUDA build used on an H100, target has no GPU (this machine): error, exit 1', async () => {
    const a = withGpu('h100-cu121', 'h100', realGpu('nvidia-smi-h100-590'), '2.1.1+cu121');
    const b = withGpu('nogpu-cu121', 'cpu-node', 'this machine', '2.1.1+cu121');
    const r = await runEnvdiff(['compare', a, b, '--format', 'json']);
    expect(r.exitCode, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.findings.find((f) => f.ruleId === 'gpu/cuda-build-without-gpu')).toMatchObject({
      severity: 'error',
      target: 'no GPU',
    });
    expect(report.findings.find((f) => f.ruleId === 'gpu/cuda-build-without-gpu')?.baseline).toContain('torch 2.1.1+cu121');
    expect(report.findings.find((f) => f.ruleId === 'gpu/absent-on-target')).toMatchObject({ severity: 'error' });
    // The missing GPU is the root cause, in every format; the CUDA build follows from it.
    expect(report.findings.find((f) => f.ruleId === 'gpu/cuda-build-without-gpu')?.causedBy).toEqual({
      ruleId: 'gpu/absent-on-target',
      subject: 'gpu',
    });
    for (const [format, columns] of FORMATS_AND_WIDTHS) {
      const out = await runEnvdiff(['compare', a, b, '--format', format], { env: { ...process.env, COLUMNS: String(columns) } });
      expect(firstRule(format, out.stdout), `${format} at ${columns} columns`).toBe('gpu/absent-on-target');
    }
  });

  it('CUDA 13 build on an H100 (590), target a GTX 1050 Ti on driver 535: driver too old, exit 1', async () => {
    const a = withGpu('h100-cu130', 'h100', realGpu('nvidia-smi-h100-590'), '2.9.0+cu130');
    const b = withGpu('gtx1050ti-cu130', 'gtx1050ti', realGpu('nvidia-smi-gtx1050ti-535'), '2.9.0+cu130');
    const r = await runEnvdiff(['compare', a, b, '--format', 'json']);
    expect(r.exitCode, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport & { findings: { message: string }[] };
    const tooOld = report.findings.filter((f) => f.ruleId === 'gpu/driver-too-old');
    expect(tooOld).toHaveLength(1);
    expect(tooOld[0]).toMatchObject({ severity: 'error', target: '535.129.03 (CUDA 12.2)' });
    expect(tooOld[0]?.message).toContain('580.65.06');
    expect(report.findings.find((f) => f.ruleId === 'gpu/less-memory')).toMatchObject({ severity: 'warning' });
    // The table says it too, with both versions.
    const table = await runEnvdiff(['compare', a, b]);
    expect(table.exitCode).toBe(1);
    expect(table.stdout).toMatch(/gpu\/driver-too-old/);
    expect(table.stdout).toMatch(/535\.129\.03/);
  });

  it('CUDA 12.1 build, target an RTX 5070 Ti (sm_120): compute capability too new, exit 1', async () => {
    const a = withGpu('h100-cu121b', 'h100', realGpu('nvidia-smi-h100-590'), '2.1.1+cu121');
    const b = withGpu('rtx5070ti-cu121', 'rtx5070ti', realGpu('nvidia-smi-rtx5070ti-580'), '2.1.1+cu121');
    const r = await runEnvdiff(['compare', a, b, '--format', 'json']);
    expect(r.exitCode, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport & { findings: { message: string }[] };
    const cc = report.findings.filter((f) => f.ruleId === 'gpu/compute-capability-unsupported');
    expect(cc).toHaveLength(1);
    expect(cc[0]).toMatchObject({ severity: 'error', subject: 'NVIDIA GeForce RTX 5070 Ti' });
    expect(cc[0]?.message).toMatch(/sm_120.*CUDA ≥ 12\.8/);
    // Driver 580.95.05 is above 12.1's floor (530.30.02): no driver finding.
    expect(report.findings.some((f) => f.ruleId.startsWith('gpu/driver-too-old') || f.ruleId === 'gpu/driver-minor-compat')).toBe(false);
  });

  it('the same CUDA 13 build on the H100 and the RTX 5070 Ti: only info/warning GPU differences, exit 0', async () => {
    const a = withGpu('h100-cu130b', 'h100', realGpu('nvidia-smi-h100-590'), '2.9.0+cu130');
    const b = withGpu('rtx5070ti-cu130', 'rtx5070ti', realGpu('nvidia-smi-rtx5070ti-580'), '2.9.0+cu130');
    const r = await runEnvdiff(['compare', a, b, '--format', 'json']);
    expect(r.exitCode, r.stdout).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.findings.map((f) => f.ruleId).sort()).toEqual(['gpu/devices', 'gpu/driver-version', 'gpu/less-memory']);
  });
});
