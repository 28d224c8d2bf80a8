// `envdiff dockerfile` as a user runs it (the built CLI, a real process): bad input is one line and
// exit 2 with nothing written; the output is the same bytes every time; --verify on an image that
// is not there is one line, exit 2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runEnvdiff } from '../support/cli.js';
import { podmanWorks } from '../support/podman.js';

const FP = fileURLToPath(new URL('../../fixtures/dockerfile/linux-cpu-debian-12/fingerprint.json', import.meta.url));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'envdiff-cli-dockerfile-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function badInput(args: string[], why: RegExp): Promise<void> {
  const r = await runEnvdiff(['dockerfile', ...args], { cwd: dir });
  expect(r.exitCode, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(why);
}

describe('bad input: one line, exit 2, nothing written', () => {
  it.each([
    ['a missing fingerprint', ['missing.json', '-o', 'out1/Dockerfile'], /missing\.json: no such file/],
    [
      '--base with a newline',
      [FP, '-o', 'out2/Dockerfile', '--base', 'debian:12\nRUN touch /tmp/envdiff-pwned'],
      /--base 'debian:12\\x0aRUN touch \/tmp\/envdiff-pwned' is not an image reference/,
    ],
    ['--base with shell metacharacters', [FP, '-o', 'out3/Dockerfile', '--base', 'debian:12;touch x'], /is not an image reference/],
    ['--base with $( )', [FP, '-o', 'out4/Dockerfile', '--base', '$(id)'], /is not an image reference/],
    [
      '--pip-index-url with a newline',
      [FP, '-o', 'out5/Dockerfile', '--pip-index-url', 'https://x.invalid/\n--trusted-host evil'],
      /--pip-index-url .* is not a usable URL/,
    ],
    ['--platform that is not one', [FP, '-o', 'out6/Dockerfile', '--platform', 'amd64'], /--platform amd64 is not an OCI platform/],
    ['-o naming a directory', [FP, '-o', '.'], /-o \. is a directory — name the file/],
  ])('%s', async (_what, args, why) => {
    await badInput(args, why);
    expect(readdirSync(dir).filter((f) => f !== 'parent-is-a-file')).toEqual([]);
  });

  it('-o below a path that is a file', async () => {
    writeFileSync(join(dir, 'parent-is-a-file'), '');
    await badInput(
      [FP, '-o', 'parent-is-a-file/sub/Dockerfile'],
      /cannot write .*parent-is-a-file\/sub\/envdiff-requirements\.txt: ENOTDIR/,
    );
    rmSync(join(dir, 'parent-is-a-file'));
  });
});

describe('output', () => {
  it('-o into a folder that does not exist yet creates it (README: -o build/Dockerfile)', async () => {
    const r = await runEnvdiff(['dockerfile', FP, '-o', 'build/Dockerfile'], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readdirSync(join(dir, 'build')).sort()).toEqual(['Dockerfile', 'envdiff-requirements.txt']);
  });

  it('the same fingerprint gives the same bytes, on stdout and in the file', async () => {
    const sub = join(dir, 'twice');
    mkdirSync(sub);
    const a = await runEnvdiff(['dockerfile', FP], { cwd: sub });
    const b = await runEnvdiff(['dockerfile', FP], { cwd: sub });
    expect(a.exitCode).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(readFileSync(join(dir, 'build', 'Dockerfile'), 'utf8')).toBe(a.stdout);
  });
});

describe.skipIf(!podmanWorks())('--verify IMAGE', () => {
  it('an image that is not there: one line, exit 2', async () => {
    await badInput([FP, '--verify', 'localhost/envdiff-test/not-built:0', '--engine', 'podman'], /the image is not present locally/);
  });

  it('an image name that is an option is refused', async () => {
    await badInput([FP, '--verify=--help'], /starts with '-' and would be read as an option/);
  });
});
