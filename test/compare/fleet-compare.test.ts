// Fleet compare through the real CLI: a baseline against a directory or a list of real captures
// (the fixtures' captures of real machines, fixtures/dockerfile/*/SOURCE.md), copies relabelled as
// further nodes. Targets with the same findings share a group, every format says so, and the exit
// code is the worst target's.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEnvdiff } from '../support/cli.js';

const FIXTURE = (name: string): string => new URL(`../../fixtures/dockerfile/${name}/fingerprint.json`, import.meta.url).pathname;

const WIDE = { ...process.env, COLUMNS: '400' };

interface FleetJson {
  baseline: { label: string };
  targets: { label: string; summary: Record<string, number> }[];
  groups: { targets: string[]; summary: Record<string, number>; findings: { ruleId: string; severity: string; subject: string }[] }[];
}

function relabel(from: string, to: string, label: string): void {
  const fp = JSON.parse(readFileSync(from, 'utf8')) as { label: string };
  fp.label = label;
  writeFileSync(to, JSON.stringify(fp, null, 2));
}

describe('envdiff compare BASELINE T1 T2 … (fleet)', () => {
  let dir: string;
  let fleet: string;
  let baseline: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'envdiff-fleet-'));
    fleet = join(dir, 'fleet');
    mkdirSync(fleet);
    // The baseline inside the directory is not one of its own targets.
    baseline = join(fleet, 'golden.json');
    copyFileSync(FIXTURE('linux-cpu-debian-12'), baseline);
    // Three nodes identical to the baseline, two JVM-only nodes (no Python: an error), one R node.
    for (const n of ['node-01', 'node-02', 'node-03']) relabel(baseline, join(fleet, `${n}.json`), n);
    relabel(FIXTURE('jvm-debian-12'), join(fleet, 'node-04.json'), 'node-04');
    relabel(FIXTURE('jvm-debian-12'), join(fleet, 'node-05.json'), 'node-05');
    relabel(FIXTURE('r-debian-12'), join(fleet, 'node-06.json'), 'node-06');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('json: targets with identical findings share one group; the identical group first; exit 1 by the worst target', async () => {
    const r = await runEnvdiff(['compare', baseline, fleet, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(1);
    const out = JSON.parse(r.stdout) as FleetJson;
    expect(out.baseline.label).toBe('dev-linux-cpu');
    expect(out.targets.map((t) => t.label)).toEqual(['node-01', 'node-02', 'node-03', 'node-04', 'node-05', 'node-06']);
    expect(out.groups.map((g) => g.targets)).toEqual([['node-01', 'node-02', 'node-03'], ['node-04', 'node-05'], ['node-06']]);
    expect(out.groups[0]!.findings).toEqual([]);
    expect(out.groups[0]!.summary).toEqual({ error: 0, warning: 0, info: 0 });
    expect(out.groups[1]!.findings.find((f) => f.ruleId === 'python/absent-on-target')?.severity).toBe('error');
    // Each target's summary is its group's, and matches the two-way compare of that target.
    const two = await runEnvdiff(['compare', baseline, join(fleet, 'node-06.json'), '--format', 'json']);
    const twoWay = JSON.parse(two.stdout) as { summary: Record<string, number>; findings: unknown[] };
    expect(out.targets[5]!.summary).toEqual(twoWay.summary);
    expect(out.groups[2]!.findings).toEqual(twoWay.findings);
  });

  it('files as arguments keep their order; --fail-on never exits 0; identical targets only exit 0', async () => {
    const files = ['node-06', 'node-01', 'node-04'].map((n) => join(fleet, `${n}.json`));
    const r = await runEnvdiff(['compare', baseline, ...files, '--format', 'json', '--fail-on', 'never']);
    expect(r.exitCode).toBe(0);
    expect((JSON.parse(r.stdout) as FleetJson).targets.map((t) => t.label)).toEqual(['node-06', 'node-01', 'node-04']);
    const same = await runEnvdiff(['compare', baseline, join(fleet, 'node-01.json'), join(fleet, 'node-02.json')], { env: WIDE });
    expect(same.exitCode).toBe(0);
    expect(same.stdout).toContain('2 targets: 2 identical to the baseline, 0 differ');
  });

  it('table and markdown name each group and its targets, causes first', async () => {
    const table = await runEnvdiff(['compare', baseline, fleet], { env: WIDE });
    expect(table.stdout).toMatch(/^envdiff fleet: baseline dev-linux-cpu — 6 targets: 3 identical to the baseline, 3 differ \(2 groups\)/);
    expect(table.stdout).toContain('3 targets (node-01, node-02, node-03): identical to the baseline');
    expect(table.stdout).toContain('2 targets (node-04, node-05): 1 error');
    expect(table.stdout.indexOf('node-04, node-05')).toBeLessThan(table.stdout.indexOf('1 target (node-06)'));
    const md = await runEnvdiff(['compare', baseline, fleet, '--format', 'markdown']);
    expect(md.stdout).toContain('## envdiff fleet: baseline dev-linux-cpu');
    expect(md.stdout).toContain('| node-04, node-05 | 2 |');
    expect(md.stdout).toContain('### 2 targets (node-04, node-05): 1 error');
    expect(md.stdout).not.toMatch(/^## envdiff: /m);
  });

  it('junit: one testsuite per target with the sums on <testsuites>', async () => {
    const r = await runEnvdiff(['compare', baseline, fleet, '--format', 'junit']);
    expect(r.exitCode).toBe(1);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(r.stdout) as {
      testsuites: { tests: string; failures: string; testsuite: { name: string; tests: string; failures: string }[] };
    };
    const suites = xml.testsuites.testsuite;
    expect(suites.map((s) => s.name)).toEqual(['01', '02', '03', '04', '05', '06'].map((n) => `envdiff: dev-linux-cpu → node-${n}`));
    expect(suites.slice(0, 3).every((s) => s.failures === '0')).toBe(true);
    expect(Number(suites[3]!.failures)).toBeGreaterThan(0);
    expect(Number(xml.testsuites.tests)).toBe(suites.reduce((n, s) => n + Number(s.tests), 0));
    expect(Number(xml.testsuites.failures)).toBe(suites.reduce((n, s) => n + Number(s.failures), 0));
  });

  it('sarif: one run per target, each pointing at its file, valid against the SARIF 2.1.0 schema', async () => {
    const r = await runEnvdiff(['compare', baseline, fleet, '--format', 'sarif']);
    const log = JSON.parse(r.stdout) as {
      runs: {
        automationDetails: { id: string };
        results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
      }[];
    };
    const schema = JSON.parse(
      readFileSync(new URL('../../schemas/vendor/sarif-2.1.0/sarif-schema-2.1.0.json', import.meta.url), 'utf8'),
    ) as object;
    const ajv = new Ajv({ allErrors: true, strict: false });
    (addFormatsModule as unknown as { default: (a: Ajv) => void }).default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(log.runs.map((run) => run.automationDetails.id)).toEqual(
      ['01', '02', '03', '04', '05', '06'].map((n) => `envdiff/compare/node-${n}/`),
    );
    expect(log.runs[0]!.results).toEqual([]);
    expect(log.runs[3]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/node-04\.json$/);
  });

  it('bad input: one line, exit 2 (a missing target, an empty directory, github, --accept, stdin)', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty, { recursive: true });
    const cases: [string[], RegExp][] = [
      [['compare', baseline, join(fleet, 'node-01.json'), join(dir, 'nope.json')], /nope\.json: no such file or directory/],
      [['compare', baseline, empty], /holds no target fingerprint/],
      [['compare', baseline, fleet, '--format', 'github'], /unknown format "github" for a fleet compare/],
      [['compare', baseline, fleet, '--accept', join(dir, 'a.yml')], /--accept takes one target/],
      [['compare', baseline, fleet, '-'], /cannot come from stdin/],
    ];
    for (const [args, message] of cases) {
      const r = await runEnvdiff(args);
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });
});
