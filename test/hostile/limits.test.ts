// Limits (issue #10), each through the real CLI or the real module: a schema-valid fingerprint
// with a million packages per side (compare crashed from a spread at ~130k), a policy glob built to
// make a backtracking matcher run for minutes, numbers past Node's timer range, a label past the
// schema's limit, a directory symlink loop under --lock-recursive, and hostile bytes in paths and
// policy keys on stderr. The fingerprints and files are SYNTHETIC, made here.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { literalGlob } from '../../src/app/accept.js';
import { captureLockfiles } from '../../src/capture/lockfiles.js';
import { compileGlob } from '../../src/compare/glob.js';
import type { Facets, Fingerprint } from '../../src/facets/index.js';
import { fingerprint as baseFingerprint } from '../helpers/fingerprint.js';
import { runEnvdiff } from '../support/cli.js';

// eslint-disable-next-line no-control-regex -- the test looks for raw control characters
const RAW_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function oneLine(r: { exitCode: number | null; stderr: string }, why: RegExp): void {
  expect(r.exitCode, r.stderr).toBe(2);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(why);
  expect(lines[0]).not.toMatch(RAW_UNSAFE);
  expect(r.stderr).not.toMatch(/internal error|unexpected failure/);
}

/** A schema-valid fingerprint: the helper's, with a reason on every absent facet. */
function fingerprint(label: string, facets: Partial<Facets>): Fingerprint {
  const fp = baseFingerprint(label, facets);
  for (const f of Object.values(fp.facets) as { status: string; reason?: string }[]) if (f.status === 'absent') f.reason = 'not there';
  return fp;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'envdiff-hostile-limits-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('compare holds a million packages per side', () => {
  it('one changed package among 1,000,000: one finding, exit 1', async () => {
    const pkgs = (bump: boolean) =>
      Array.from({ length: 1_000_000 }, (_, i) => ({
        name: `pkg-${String(i).padStart(7, '0')}`,
        version: bump && i === 7 ? '2.0.0' : '1.0.0',
      }));
    const python = (bump: boolean) => ({ status: 'ok' as const, version: '3.11.7', implementation: 'CPython', packages: pkgs(bump) });
    writeFileSync(join(dir, 'a.json'), JSON.stringify(fingerprint('a', { python: python(false) })));
    writeFileSync(join(dir, 'b.json'), JSON.stringify(fingerprint('b', { python: python(true) })));
    const r = await runEnvdiff(['compare', join(dir, 'a.json'), join(dir, 'b.json'), '--format', 'json']);
    expect(r.exitCode, r.stderr.slice(0, 500)).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string; subject: string }[] };
    expect(report.findings.map((f) => `${f.ruleId} ${f.subject}`)).toEqual(['python/package-major pkg-0000007']);
  }, 300_000);
});

describe('policy globs are matched without backtracking blow-up', () => {
  it('`*a*a*a*a*a*a*a*a*a*a*a*a*b` against a long subject answers (picomatch ran for minutes)', () => {
    const match = compileGlob('*a*a*a*a*a*a*a*a*a*a*a*a*b');
    expect(match('a'.repeat(5_000))).toBe(false);
    expect(match(`${'a'.repeat(5_000)}b`)).toBe(true);
  });

  it.each([
    ['python/*', 'python/package-missing', true],
    ['python/*', 'python', false],
    ['*', 'requirements/dev.txt', true],
    ['torch*', 'torchvision', true],
    ['torch?', 'torch', false],
    ['lib[a-c]x', 'libbx', true],
    ['lib[!a-c]x', 'libbx', false],
    ['{python,r}/package-*', 'r/package-missing', true],
    ['{python,r}/package-*', 'jvm/package-missing', false],
    [literalGlob('a*b?[c]{d}(e)!+@|'), 'a*b?[c]{d}(e)!+@|', true],
    [literalGlob('a*b'), 'axxb', false],
  ])('%s matches %s: %s', (glob, text, expected) => {
    expect(compileGlob(glob)(text)).toBe(expected);
  });

  it('a glob with too many alternatives is one line at load, exit 2', async () => {
    const policy = join(dir, 'policy.yml');
    writeFileSync(policy, `ignore:\n  - subject: "${'{a,b}'.repeat(12)}"\n`);
    writeFileSync(join(dir, 'small.json'), JSON.stringify(fingerprint('s', {})));
    oneLine(await runEnvdiff(['compare', join(dir, 'small.json'), join(dir, 'small.json'), '--policy', policy]), /alternatives/);
  });
});

describe('numbers and sizes out of range are one line, exit 2', () => {
  it.each([
    [['capture', '--timeout', '2200000'], /--timeout 2200000 is too long/],
    [['capture', '--probe-timeout', '1e21'], /--probe-timeout 1e21 is too long/],
    [['capture', '--label', 'x'.repeat(201)], /--label is 201 characters long; a label has at most 200/],
  ])('%j', async (args, why) => {
    oneLine(await runEnvdiff([...args, '--no-lock', '-o', join(dir, 'never.json')]), why);
  });
});

describe('--lock-recursive', () => {
  it('walks a directory reached through a symlink loop once', async () => {
    const root = join(dir, 'project');
    mkdirSync(join(root, 'sub'), { recursive: true });
    writeFileSync(join(root, 'sub', 'requirements.txt'), 'numpy==1.26.4\n');
    symlinkSync('..', join(root, 'sub', 'loop'));
    const facet = await captureLockfiles({ cwd: root, recursive: true });
    expect(facet.files?.map((f) => f.path)).toEqual(['sub/requirements.txt']);
  });
});

describe('hostile bytes in paths and policy keys reach stderr escaped', () => {
  it('a path with ESC and a newline', async () => {
    oneLine(await runEnvdiff(['compare', `${dir}/\x1b[31mred\nline`, `${dir}/x.json`]), /no such file/);
  });

  it("a file that is not JSON: its first bytes are not quoted (it may be /etc/shadow), on stderr or in a lock file's reason", async () => {
    const shadow = join(dir, 'shadow-like');
    writeFileSync(shadow, 'root:$6$SECRETHASH:19000:0:99999:7:::\n');
    const r = await runEnvdiff(['show', shadow]);
    oneLine(r, /not valid JSON/);
    expect(r.stderr).not.toMatch(/root:|SECRET/);
    const project = join(dir, 'pipfile-project');
    mkdirSync(project);
    writeFileSync(join(project, 'Pipfile.lock'), 'root:$6$SECRETHASH:19000:0:99999:7:::\n');
    const facet = await captureLockfiles({ cwd: project });
    expect(facet.files?.[0]?.status).toBe('error');
    expect(JSON.stringify(facet)).not.toMatch(/root:|SECRET/);
  });

  it('a policy key with ESC, a bidi override and a newline', async () => {
    const policy = join(dir, 'policy.json');
    writeFileSync(policy, JSON.stringify({ 'ig\x1b[2Jnore\u202e\n': [] }));
    writeFileSync(join(dir, 'small.json'), JSON.stringify(fingerprint('s', {})));
    oneLine(await runEnvdiff(['compare', join(dir, 'small.json'), join(dir, 'small.json'), '--policy', policy]), /is not allowed/);
  });
});
