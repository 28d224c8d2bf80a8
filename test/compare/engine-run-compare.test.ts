// runCompare end to end without the CLI: real files on disk, real policy parsing, each bad input
// its own case. Fingerprints are SYNTHETIC (built in code, written to a temp dir).
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultColor, runCompare } from '../../src/app/compare.js';
import { EnvdiffError } from '../../src/core/errors.js';
import type { Facets } from '../../src/facets/index.js';
import { runProcess } from '../../src/core/run-process.js';
import { CLI } from '../support/cli.js';
import { makeFingerprint } from './engine-helpers.js';

let dir: string;
const ABSENT_ALL = Object.fromEntries(
  ['os', 'kernel', 'cpu', 'gpu', 'python', 'r', 'jvm', 'system', 'env', 'lockfiles'].map((id) => [
    id,
    { status: 'absent', reason: `${id} not found` },
  ]),
) as unknown as Facets;

function write(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

async function failure(p: Promise<unknown>): Promise<EnvdiffError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(EnvdiffError);
    const e = err as EnvdiffError;
    expect(e.exitCode).toBe(2);
    expect(e.toLine()).not.toContain('\n');
    return e;
  }
  throw new Error('expected runCompare to reject');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'envdiff-compare-'));
  write('dev.json', makeFingerprint('dev', ABSENT_ALL));
  // python present on dev only: python/absent-on-target, an error.
  write('dev-py.json', makeFingerprint('dev', { ...ABSENT_ALL, python: { status: 'ok', version: '3.11.7', packages: [] } }));
  write('qa.json', makeFingerprint('qa', ABSENT_ALL));
});

describe('runCompare: results and exit codes', () => {
  it('exits 0 with no findings, and the json format has the documented shape (schemas/report.schema.json)', async () => {
    const res = await runCompare({ baselinePath: join(dir, 'dev.json'), targetPath: join(dir, 'qa.json'), format: 'json' });
    expect(res.exitCode).toBe(0);
    expect(JSON.parse(res.output)).toEqual({
      baseline: { label: 'dev' },
      target: { label: 'qa' },
      summary: { error: 0, warning: 0, info: 0 },
      findings: [],
    });
  });

  it('exits 1 when a finding is at or above the default fail-on (error)', async () => {
    const res = await runCompare({ baselinePath: join(dir, 'dev-py.json'), targetPath: join(dir, 'qa.json'), format: 'json' });
    expect(res.exitCode).toBe(1);
    const report = JSON.parse(res.output) as { summary: unknown; findings: { ruleId: string }[] };
    expect(report.summary).toEqual({ error: 1, warning: 0, info: 0 });
    expect(report.findings.map((f) => f.ruleId)).toEqual(['python/absent-on-target']);
  });

  it('exits 0 with --fail-on never', async () => {
    const res = await runCompare({ baselinePath: join(dir, 'dev-py.json'), targetPath: join(dir, 'qa.json'), failOn: 'never' });
    expect(res.exitCode).toBe(0);
    expect(res.output).toContain('python/absent-on-target');
  });

  it('applies a policy: its severity change decides the exit code and shows in the report', async () => {
    const policy = write('lower.yml', 'severity:\n  - rule: "python/absent-*"\n    to: warning\n    reason: python is optional on qa\n');
    const res = await runCompare({
      baselinePath: join(dir, 'dev-py.json'),
      targetPath: join(dir, 'qa.json'),
      policyPath: policy,
      format: 'json',
    });
    expect(res.exitCode).toBe(0);
    const report = JSON.parse(res.output) as { findings: { severity: string; override: unknown }[]; suppressed: unknown[] };
    expect(report.findings[0]).toMatchObject({
      severity: 'warning',
      override: { from: 'error', by: `${policy} severity[0]: python is optional on qa` },
    });
    expect(report.suppressed).toEqual([]);
  });

  it('uses the policy failOn, and --fail-on wins over it', async () => {
    const policy = write('strict.yml', 'failOn: info\nseverity: [{rule: "python/*", to: info}]\n');
    const base = { baselinePath: join(dir, 'dev-py.json'), targetPath: join(dir, 'qa.json'), policyPath: policy };
    expect((await runCompare(base)).exitCode).toBe(1);
    expect((await runCompare({ ...base, failOn: 'warning' })).exitCode).toBe(0);
  });

  it('lists what a policy ignored', async () => {
    const policy = write('ignore.yml', 'ignore: [{subject: python, reason: not used on qa}]\n');
    const res = await runCompare({
      baselinePath: join(dir, 'dev-py.json'),
      targetPath: join(dir, 'qa.json'),
      policyPath: policy,
      format: 'json',
    });
    expect(res.exitCode).toBe(0);
    expect(JSON.parse(res.output)).toMatchObject({
      findings: [],
      suppressed: [{ ruleId: 'python/absent-on-target', subject: 'python', severity: 'error', by: `${policy} ignore[0]: not used on qa` }],
    });
  });

  it('reads a fingerprint saved with a UTF-8 BOM (PowerShell)', async () => {
    const path = write('bom.json', `\uFEFF${JSON.stringify(makeFingerprint('bom', ABSENT_ALL))}`);
    expect((await runCompare({ baselinePath: path, targetPath: join(dir, 'qa.json') })).exitCode).toBe(0);
  });
});

describe('runCompare: each bad input is one clear line, exit 2', () => {
  it('missing file', async () => {
    const e = await failure(runCompare({ baselinePath: join(dir, 'nope.json'), targetPath: join(dir, 'qa.json') }));
    expect(e.message).toBe(`${join(dir, 'nope.json')}: no such file`);
  });

  it('a directory instead of a file', async () => {
    const e = await failure(runCompare({ baselinePath: dir, targetPath: join(dir, 'qa.json') }));
    expect(e.message).toBe(`${dir}: is a directory, not a fingerprint file`);
  });

  it('an unreadable file (as root, the CLI runs without the capabilities that let root read any file)', async () => {
    const locked = write('locked.json', makeFingerprint('x', ABSENT_ALL));
    chmodSync(locked, 0o000);
    // Root reads a mode-000 file through CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH: setpriv (util-linux)
    // runs the CLI with both dropped, so root meets the permission check a user would. (Switching to
    // nobody would also need the checkout readable by nobody, which a clone under /root is not.)
    const argv = [process.execPath, CLI, 'compare', locked, join(dir, 'qa.json')];
    const drop = ['--bounding-set', '-dac_override,-dac_read_search', '--inh-caps', '-dac_override,-dac_read_search', '--'];
    const [file, ...args] = process.getuid?.() === 0 ? ['setpriv', ...drop, ...argv] : argv;
    const r = await runProcess(file!, args, { timeoutMs: 60_000 });
    expect(r.spawnError).toBeUndefined();
    expect(r.stderr).toBe(`envdiff: ${locked}: cannot read the file (permission denied) — check its permissions\n`);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('invalid JSON, with line and column', async () => {
    const path = write('broken.json', '{\n  "schemaVersion": 1,\n}\n');
    const e = await failure(runCompare({ baselinePath: join(dir, 'dev.json'), targetPath: path }));
    expect(e.message).toBe(`${path}: not valid JSON (Expected double-quoted property name at line 3, column 1)`);
  });

  it('an empty file', async () => {
    const path = write('empty.json', '');
    expect((await failure(runCompare({ baselinePath: path, targetPath: join(dir, 'qa.json') }))).message).toBe(
      `${path}: the file is empty`,
    );
  });

  it('JSON that is not a fingerprint', async () => {
    const path = write('package.json', { name: 'envdiff', version: '0.1.0' });
    const e = await failure(runCompare({ baselinePath: path, targetPath: join(dir, 'qa.json') }));
    expect(e.message).toBe(`${path}: not an envdiff fingerprint (no schemaVersion/facets)`);
  });

  it('a fingerprint of a newer schemaVersion', async () => {
    const path = write('v2.json', { ...makeFingerprint('future', ABSENT_ALL), schemaVersion: 2 });
    const e = await failure(runCompare({ baselinePath: join(dir, 'dev.json'), targetPath: path }));
    expect(e.message).toBe(`${path}: written by a newer envdiff? schemaVersion 2, this envdiff reads 1`);
  });

  it('a fingerprint of an unknown schemaVersion', async () => {
    const path = write('v0.json', { ...makeFingerprint('old', ABSENT_ALL), schemaVersion: '1' });
    const e = await failure(runCompare({ baselinePath: join(dir, 'dev.json'), targetPath: path }));
    expect(e.message).toBe(`${path}: unsupported schemaVersion "1", this envdiff reads 1`);
  });

  it('a fingerprint with a facet of the wrong shape', async () => {
    const fp = makeFingerprint('bad', { ...ABSENT_ALL, system: { status: 'ok', packages: [{ name: 'libc6' }] } as never });
    const path = write('bad-shape.json', fp);
    const e = await failure(runCompare({ baselinePath: path, targetPath: join(dir, 'qa.json') }));
    expect(e.message).toMatch(
      new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not a valid fingerprint: /facets/system/packages/0`),
    );
  });

  it('an invalid policy', async () => {
    const policy = write('bad-policy.yml', 'ignore:\n  - rul: "system/*"\n');
    const e = await failure(runCompare({ baselinePath: join(dir, 'dev.json'), targetPath: join(dir, 'qa.json'), policyPath: policy }));
    expect(e.message).toBe(`${policy}: /ignore/0/rul is not allowed (allowed: rule, subject, reason)`);
  });

  it('an unknown format', async () => {
    const e = await failure(runCompare({ baselinePath: join(dir, 'dev.json'), targetPath: join(dir, 'qa.json'), format: 'xml' }));
    expect(e.message).toBe('unknown format "xml"');
    expect(e.hint).toBe('use one of: table, json, markdown, sarif, junit, github, html');
  });

  it('an unknown --fail-on', async () => {
    const e = await failure(runCompare({ baselinePath: join(dir, 'dev.json'), targetPath: join(dir, 'qa.json'), failOn: 'fatal' }));
    expect(e.message).toBe('unknown --fail-on "fatal"');
  });
});

describe('defaultColor', () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ NO_COLOR: '1', FORCE_COLOR: '1' }, true, false],
  ])('env %j, tty %s → %s', (env, tty, expected) => {
    expect(defaultColor(env as NodeJS.ProcessEnv, tty)).toBe(expected);
  });
});
