// What envdiff writes, and what it must not (issue #10): the real CLI on real files. Each case
// broke before: -o replaced a FIFO or a symlink with a regular file (as root, /dev/full once), -o
// equal to the input destroyed it, a replaced 0600 file became 0644, a 240-byte legal file name
// failed because of the temp name, a full disk on stdout printed a stack trace and exit 1 (read as
// "drift"), and a failed multi-file write left half of its files behind.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readlinkSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  chmodSync,
  copyFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEnvdiff, CLI } from '../support/cli.js';
import { writeFilesAtomic } from '../../src/core/write-file-atomic.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/dockerfile/linux-cpu-debian-12/fingerprint.json', import.meta.url));

function oneLine(r: { exitCode: number | null; stderr: string }, why: RegExp): void {
  expect(r.exitCode, r.stderr).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(why);
  expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
}

describe('output files', () => {
  let dir: string;
  let fp: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'envdiff-hostile-files-'));
    fp = join(dir, 'fp.json');
    copyFileSync(FIXTURE, fp);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('-o a FIFO: refused in one line, the FIFO stays a FIFO', async () => {
    const fifo = join(dir, 'fifo');
    spawnSync('mkfifo', [fifo]);
    oneLine(await runEnvdiff(['capture', '--no-lock', '-o', fifo]), /-o .*fifo is a FIFO/);
    oneLine(await runEnvdiff(['dockerfile', fp, '-o', fifo]), /-o .*fifo is a FIFO/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('-o a symlink: refused, the link and what it points to untouched', async () => {
    const target = join(dir, 'precious.txt');
    writeFileSync(target, 'keep me\n');
    const link = join(dir, 'link.json');
    symlinkSync(target, link);
    oneLine(await runEnvdiff(['capture', '--no-lock', '-o', link]), /is a symbolic link/);
    expect(readlinkSync(link)).toBe(target);
    expect(readFileSync(target, 'utf8')).toBe('keep me\n');
  });

  it('-o a character device: refused (as root it used to be replaced)', async () => {
    oneLine(await runEnvdiff(['dockerfile', fp, '-o', '/dev/null']), /-o \/dev\/null is a device/);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('-o the input itself: refused, the input intact', async () => {
    const before = readFileSync(fp, 'utf8');
    oneLine(await runEnvdiff(['dockerfile', fp, '-o', fp]), /is also an input of this command/);
    // The same file by another name.
    oneLine(await runEnvdiff(['dockerfile', fp, '-o', join(dir, '.', 'fp.json')], { cwd: dir }), /is also an input/);
    expect(readFileSync(fp, 'utf8')).toBe(before);
  });

  it('-o a lock file of the same capture: refused before anything runs', async () => {
    const lock = join(dir, 'requirements.txt');
    writeFileSync(lock, 'numpy==1.26.4\n');
    oneLine(await runEnvdiff(['capture', '--lock', lock, '-o', lock]), /is also an input of this command/);
    expect(readFileSync(lock, 'utf8')).toBe('numpy==1.26.4\n');
  });

  it('a replaced file keeps its mode (0600 stays 0600)', async () => {
    const out = join(dir, 'private', 'Dockerfile');
    const r0 = await runEnvdiff(['dockerfile', fp, '-o', out]);
    expect(r0.exitCode, r0.stderr).toBe(0);
    chmodSync(out, 0o600);
    const r = await runEnvdiff(['dockerfile', fp, '-o', out]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('a 240-byte file name (legal: NAME_MAX is 255) is written, and no temp file is left', async () => {
    const sub = join(dir, 'long');
    const out = join(sub, `${'d'.repeat(240)}`);
    const r = await runEnvdiff(['dockerfile', fp, '-o', out]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readdirSync(sub).sort()).toEqual(['d'.repeat(240), 'envdiff-requirements.txt']);
  });

  it('a write error on stdout (a full disk: /dev/full) is one line and exit 2, never a stack trace or exit 1', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [CLI, 'dockerfile', fp], { stdio: ['ignore', full, 'pipe'], cwd: dir, encoding: 'utf8' });
      oneLine(
        {
          exitCode: r.status,
          stderr: r.stderr
            .split('\n')
            .filter((l) => !/^envdiff: (wrote|left out|kept )/.test(l)) // the Dockerfile's own summary lines
            .join('\n'),
        },
        /cannot write the output to stdout: ENOSPC/,
      );
    } finally {
      closeSync(full);
    }
  });
});

describe('writeFilesAtomic: all the files of one command or none', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'envdiff-hostile-atomic-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a failing second file leaves no first file, and an existing first file keeps its old content', () => {
    const first = join(dir, 'envdiff-requirements.txt');
    expect(() =>
      writeFilesAtomic([
        { path: first, content: 'new\n' },
        { path: join(dir, 'missing-dir', 'Dockerfile'), content: 'FROM x\n' },
      ]),
    ).toThrow(/ENOENT/);
    expect(existsSync(first)).toBe(false);
    writeFileSync(first, 'old\n');
    // The second target is a directory: its rename fails after the first file was replaced.
    const blocker = join(dir, 'Dockerfile');
    spawnSync('mkdir', [blocker]);
    writeFileSync(join(blocker, 'x'), 'x');
    expect(() =>
      writeFilesAtomic([
        { path: first, content: 'new\n' },
        { path: blocker, content: 'FROM x\n' },
      ]),
    ).toThrow();
    expect(readFileSync(first, 'utf8')).toBe('old\n');
    expect(readdirSync(dir).sort()).toEqual(['Dockerfile', 'envdiff-requirements.txt']);
  });
});
