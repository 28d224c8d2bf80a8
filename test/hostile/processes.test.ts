// Nothing a capture starts outlives it (issue #10): the real CLI, a real probe bundle under sh, and
// a tiny real program on PATH that forks a child and then hangs or returns (as execa's tests use
// programs that fail, hang and flood). Each case ends the capture a different way — success,
// SIGINT, SIGTERM, --timeout — and then looks in /proc for every pid the program and its child
// wrote, for the watchdog's `sleep`, and in TMPDIR for the probe bundle's work dir.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../support/cli.js';

/** A pid that still runs: not gone, and not a zombie waiting to be reaped. */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Pids whose command line is exactly these words. */
function processesRunning(argv: string[]): number[] {
  const want = argv.join('\0');
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0$/, '') === want && running(pid);
      } catch {
        return false;
      }
    });
}

async function waitFor(check: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Run {
  exitCode: number | null;
  stderr: string;
}

describe('a capture leaves no process and no temp dir behind', () => {
  let work: string;
  let bin: string;
  let tmp: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'envdiff-hostile-procs-'));
    bin = join(work, 'bin');
    mkdirSync(bin);
    // `nproc`, which the cpu probe runs: records its pid, forks a child that records its own and
    // sleeps, then hangs (MODE=hang) or prints a count and returns (MODE=ok).
    writeFileSync(
      join(bin, 'nproc'),
      [
        '#!/bin/sh',
        'echo $$ >> "$MARKS/pids"',
        '( echo $$ > /dev/null; exec sleep 300 ) &',
        'echo $! >> "$MARKS/pids"',
        'touch "$MARKS/started"',
        'if [ "$MODE" = hang ]; then exec sleep 300; fi',
        'echo 2',
        '',
      ].join('\n'),
    );
    chmodSync(join(bin, 'nproc'), 0o755);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  function start(name: string, mode: 'ok' | 'hang', args: string[]): { done: Promise<Run>; pid: number; marks: string } {
    const marks = join(work, name);
    tmp = join(marks, 'tmp');
    mkdirSync(tmp, { recursive: true });
    const child = spawn(process.execPath, [CLI, 'capture', '--no-lock', '-q', '-o', join(marks, 'fp.json'), ...args], {
      env: { ...process.env, PATH: `${bin}:/usr/bin:/bin`, MARKS: marks, MODE: mode, TMPDIR: tmp },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const done = new Promise<Run>((resolve) => child.on('close', (code) => resolve({ exitCode: code, stderr })));
    return { done, pid: child.pid!, marks };
  }

  function leftovers(marks: string, probeTimeout: string): string[] {
    const pids = existsSync(join(marks, 'pids')) ? readFileSync(join(marks, 'pids'), 'utf8').trim().split('\n').map(Number) : [];
    return [
      ...pids.filter(running).map((p) => `pid ${p}`),
      ...processesRunning(['sleep', probeTimeout]).map((p) => `watchdog sleep ${p}`),
      ...readdirSync(join(marks, 'tmp')).map((d) => `temp dir ${d}`),
    ];
  }

  it('on success: the forked child and the watchdog sleep are gone, the work dir removed', async () => {
    const run = start('ok', 'ok', ['--probe-timeout', '4321']);
    const r = await run.done;
    expect(r.exitCode, r.stderr).toBe(0);
    expect(existsSync(join(run.marks, 'started'))).toBe(true);
    await waitFor(() => leftovers(run.marks, '4321').length === 0, 5_000).catch(() => undefined);
    expect(leftovers(run.marks, '4321')).toEqual([]);
  });

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`on ${signal}: exit ${code}, the hanging probe, its child and the work dir are gone, no fingerprint`, async () => {
      const run = start(signal, 'hang', ['--probe-timeout', '4322']);
      await waitFor(() => existsSync(join(run.marks, 'started')));
      process.kill(run.pid, signal);
      const r = await run.done;
      expect(r.exitCode, r.stderr).toBe(code);
      expect(leftovers(run.marks, '4322')).toEqual([]);
      expect(existsSync(join(run.marks, 'fp.json'))).toBe(false);
    });
  }

  it('on --timeout: exit 2 with one line, the hanging probe, its child and the work dir are gone', async () => {
    const run = start('timeout', 'hang', ['--probe-timeout', '4323', '--timeout', '3']);
    const r = await run.done;
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/did not finish within 3 s/);
    expect(leftovers(run.marks, '4323')).toEqual([]);
  });
});
