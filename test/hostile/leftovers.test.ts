// The check the whole suite ends with (test/support/suite-global-setup.ts) finds what it must:
// a process carrying the run's marker, and each kind of temp entry envdiff makes.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { envdiffTempEntries, markedProcesses, RUN_MARK } from '../support/suite-leftovers.js';

describe('the end-of-suite leftovers check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'envdiff-leftover-check-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds a running process that carries the marker, and not once it ended', async () => {
    const token = 'check-' + process.pid;
    const child = spawn('sleep', ['30'], { env: { ...process.env, [RUN_MARK]: token }, stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 200));
    expect(markedProcesses(token, new Set([process.pid]))).toEqual([`pid ${child.pid}: sleep 30`]);
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));
    expect(markedProcesses(token, new Set([process.pid]))).toEqual([]);
  });

  it("finds the probe bundle's work dirs and the atomic writes' temp files, nothing else", () => {
    mkdirSync(join(dir, 'tmp.AbC123xYz0'));
    mkdirSync(join(dir, 'envdiff.4242'));
    mkdirSync(join(dir, 'project'));
    writeFileSync(join(dir, 'project', '.envdiff-0123456789ab.tmp'), '');
    writeFileSync(join(dir, 'project', 'Dockerfile'), '');
    mkdirSync(join(dir, 'envdiff-hostile-kept'));
    expect(envdiffTempEntries(dir).sort()).toEqual(
      [join(dir, 'envdiff.4242'), join(dir, 'project', '.envdiff-0123456789ab.tmp'), join(dir, 'tmp.AbC123xYz0')].sort(),
    );
  });
});
