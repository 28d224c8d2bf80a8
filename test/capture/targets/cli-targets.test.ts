// `envdiff capture --target …` as a user runs it (the built CLI, a real process), and the
// promise that nothing a user writes (target, label, interpreter path) reaches a local shell.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEnvdiff } from '../../support/cli.js';
import { ensureDebianPythonImage, podmanWorks } from '../../support/podman.js';
import { startSilentServer } from '../../support/sshd.js';
import { captureFingerprint } from '../../../src/capture/capture.js';
import { localTransport } from '../../../src/capture/targets/local.js';

const oneLine = (s: string) => s.trim().split('\n').length === 1;

let dir: string;
let marker: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'envdiff-cli-targets-'));
  marker = join(dir, 'pwned');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('capture --target refusals', () => {
  it.each([
    ['vm:box', /unknown target 'vm:box'/],
    ['podman:-v', /starts with '-' and would be read as an option/],
    ['docker:--privileged', /starts with '-'/],
  ])('%s: one line, exit 2, nothing on stdout', async (target, why) => {
    const r = await runEnvdiff(['capture', '--target', target, '--no-lock']);
    expect(r.exitCode).toBe(2);
    expect(oneLine(r.stderr), r.stderr).toBe(true);
    expect(r.stderr).toMatch(why);
    expect(r.stdout).toBe('');
  });

  it('hostile target strings are refused and run nothing', async () => {
    for (const target of [
      `docker:x;touch ${marker}`,
      `podman:$(touch ${marker})`,
      `container:\`touch ${marker}\``,
      `ssh:h;touch ${marker}`,
      `k8s:p $(touch ${marker})`,
    ]) {
      const r = await runEnvdiff(['capture', '--target', target, '--no-lock']);
      expect(r.exitCode, target).toBe(2);
      expect(oneLine(r.stderr), r.stderr).toBe(true);
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('a hanging ssh target is cut off by --timeout', async () => {
    const silent = await startSilentServer();
    try {
      // The message names the 2 s limit: --timeout ended it, not ssh's own connect timeout.
      const r = await runEnvdiff(['capture', '--target', `ssh:127.0.0.1:${silent.port}`, '--timeout', '2', '--no-lock']);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/did not finish within 2 s/);
    } finally {
      await silent.stop();
    }
  });
});

describe('labels and interpreter paths are data, never shell text', () => {
  it('local capture with a hostile label and --python path', async () => {
    const label = `qa; touch ${marker} $(touch ${marker}) \`touch ${marker}\``;
    const fp = await captureFingerprint({ transport: localTransport(), label, python: `/usr/bin/python3; touch ${marker}` });
    expect(fp.label).toBe(label);
    expect(existsSync(marker)).toBe(false);
    // The bogus interpreter is a fact about python (not ok), not a crash of the capture.
    expect(fp.facets.python.status).not.toBe('ok');
  });
});

describe.skipIf(!podmanWorks())('capture --target podman:IMAGE from the command line', () => {
  it('writes the fingerprint of the image, labelled as asked', async () => {
    const image = await ensureDebianPythonImage();
    const label = `image $(touch ${marker})`;
    const r = await runEnvdiff(['capture', '--target', `podman:${image}`, '--label', label, '--no-lock']);
    expect(r.exitCode, r.stderr).toBe(0);
    const fp = JSON.parse(r.stdout);
    expect(fp.target).toEqual({ kind: 'podman', ref: image });
    expect(fp.label).toBe(label);
    expect(fp.facets.os.container).toEqual({ inside: true, engine: 'podman' });
    expect(existsSync(marker)).toBe(false);
  });

  it('does not attribute the lockfiles of the current directory to the image', async () => {
    const image = await ensureDebianPythonImage();
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-cwd-'));
    writeFileSync(join(dir, 'requirements.txt'), 'numpy==1.26.4\n');
    const plain = JSON.parse((await runEnvdiff(['capture', '--target', `podman:${image}`], { cwd: dir })).stdout);
    expect(plain.facets.lockfiles.status).toBe('absent');
    const named = JSON.parse(
      (await runEnvdiff(['capture', '--target', `podman:${image}`, '--lock', 'requirements.txt'], { cwd: dir })).stdout,
    );
    expect(named.facets.lockfiles.files.map((f: { path: string }) => f.path)).toEqual(['requirements.txt']);
  });

  it('an image that is not there: one line, exit 2', async () => {
    const r = await runEnvdiff(['capture', '--target', 'podman:localhost/envdiff-test/not-built:0', '--no-lock']);
    expect(r.exitCode).toBe(2);
    expect(oneLine(r.stderr), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/not present locally — pull or build it first/);
  });
});
