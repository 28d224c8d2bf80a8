import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, chmodSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEnvdiff } from '../support/cli.js';
import { captureFingerprint } from '../../src/capture/capture.js';
import { localTransport } from '../../src/capture/targets/local.js';
import { checkFingerprint } from '../../src/core/fingerprint-schema.js';

const oneLine = (s: string) => s.trim().split('\n').length === 1;

describe('capture command line', () => {
  it('writes -o atomically and leaves no temp file behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-cli-'));
    const out = join(dir, 'fp.json');
    writeFileSync(out, 'previous content');
    const r = await runEnvdiff(['capture', '-o', out, '--no-lock']);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).schemaVersion).toBe(1);
    expect(readdirSync(dir)).toEqual(['fp.json']);
  });

  it('keeps an existing -o file intact when it cannot write, with one line and exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-cli-'));
    const r = await runEnvdiff(['capture', '-o', join(dir, 'missing-dir', 'fp.json'), '--no-lock']);
    expect(r.exitCode).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/cannot write .*fp\.json/);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
  });

  it('does not replace a read-only directory entry half-way', async () => {
    if (process.getuid?.() === 0) return; // root may write anywhere; the previous test covers the failure path
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-cli-'));
    chmodSync(dir, 0o500);
    const r = await runEnvdiff(['capture', '-o', join(dir, 'fp.json'), '--no-lock']);
    expect(r.exitCode).toBe(2);
  });

  it('rejects unknown commands and flags with one line and exit 2', async () => {
    for (const args of [
      ['frobnicate'],
      ['capture', '--frob'],
      ['capture', '--timeout', 'soon'],
      ['capture', '--engine', 'lxc'],
      ['capture', '--no-lock', '--lock', 'requirements.txt'],
    ]) {
      const r = await runEnvdiff(args);
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(oneLine(r.stderr), r.stderr).toBe(true);
      expect(r.stdout).toBe('');
    }
  });

  it('two captures of the same machine differ only in capturedAt', async () => {
    const a = await runEnvdiff(['capture', '--no-lock']);
    const b = await runEnvdiff(['capture', '--no-lock']);
    const strip = (s: string) => {
      const fp = JSON.parse(s);
      delete fp.capturedAt;
      return fp;
    };
    expect(strip(a.stdout)).toEqual(strip(b.stdout));
    expect(JSON.parse(a.stdout).capturedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('is the same from another working directory, and with --python given relative or absolute', async () => {
    const py = join(homedir(), '.pyenv', 'versions', '3.10.13');
    if (!existsSync(join(py, 'bin', 'python'))) return;
    const other = mkdtempSync(join(tmpdir(), 'envdiff-cwd-'));
    const a = await runEnvdiff(['capture', '--no-lock', '--python', join(py, 'bin', 'python')], { cwd: other });
    const b = await runEnvdiff(['capture', '--no-lock', '--python', 'bin/python'], { cwd: py });
    const strip = (s: string) => {
      const fp = JSON.parse(s);
      delete fp.capturedAt;
      return fp;
    };
    expect(a.exitCode, a.stderr).toBe(0);
    expect(strip(b.stdout)).toEqual(strip(a.stdout));
    expect(JSON.parse(a.stdout).facets.python).toMatchObject({ status: 'ok', version: '3.10.13' });
  });
});

describe('a probe that fails, hangs or prints garbage', () => {
  it('gives that facet status error with a reason and still a valid fingerprint', async () => {
    const fp = await captureFingerprint({
      transport: localTransport(),
      probeTimeoutSec: 2,
      probeOverrides: {
        python: 'sleep 60',
        r: 'echo "Segmentation fault" >&2; exit 139',
        jvm: "printf '\\377\\376 garbage {{{\\n'",
        system: 'yes envdiff | head -c 2000000',
      },
    });
    expect(checkFingerprint(fp)).toEqual([]);
    expect(fp.facets.python).toEqual({ status: 'error', reason: 'the python probe did not finish within 2 s' });
    expect(fp.facets.r.status).toBe('error');
    expect(fp.facets.r.reason).toContain('Segmentation fault');
    expect(fp.facets.jvm.status).toBe('error');
    expect(fp.facets.jvm.reason).toBeTruthy();
    expect(fp.facets.system.status).toBe('error');
    expect(fp.facets.kernel.status).toBe('ok');
  });
});

describe('an interpreter that hangs', () => {
  it('is stopped, with its children; named with --python, the capture refuses (exit 2, one line, no fingerprint)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-hang-'));
    const marker = `${61 + Math.floor(Math.random() * 1000) / 1000}`;
    const fake = join(dir, 'python3');
    // A tiny real "interpreter" that starts a child and never answers.
    writeFileSync(fake, `#!/bin/sh\nsleep ${marker} &\nwait\n`, { mode: 0o755 });
    const out = join(dir, 'fp.json');
    const r = await runEnvdiff(['capture', '--no-lock', '--python', fake, '--probe-timeout', '3', '-o', out]);
    expect(r.exitCode, r.stderr).toBe(2);
    expect(oneLine(r.stderr), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/--python .*python3 cannot be used: the python probe's interpreter did not finish within 3 s/);
    expect(existsSync(out)).toBe(false);
    await new Promise((done) => setTimeout(done, 500));
    const left = spawnSync('pgrep', ['-f', `sleep ${marker}`], { encoding: 'utf8' });
    expect(left.stdout.trim()).toBe('');
  });

  it("is only the python facet's error when the interpreter was not named (exit 0, one warning line)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-hang-'));
    writeFileSync(join(dir, 'python3'), '#!/bin/sh\nexec sleep 60\n', { mode: 0o755 });
    // 10 s: long enough for Rscript and java to start on a loaded machine, far below the hang.
    const r = await runEnvdiff(['capture', '--no-lock', '--probe-timeout', '10'], {
      env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
    });
    expect(r.exitCode, r.stderr).toBe(0);
    const fp = JSON.parse(r.stdout);
    expect(fp.facets.python.status).toBe('error');
    expect(fp.facets.kernel.status).toBe('ok');
    expect(r.stderr.trim().split('\n')).toEqual([`envdiff: warning: python could not be captured: ${fp.facets.python.reason}`]);
  });
});
