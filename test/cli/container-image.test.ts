// The repository's Dockerfile (envdiff's own image), built for real with podman and run.
// No registry is reachable from the tests, so the Node.js base (node:20-bookworm-slim in the
// Dockerfile) is stood in for by a local image: a debootstrapped Debian bookworm with THIS
// machine's node and npm copied to /usr/local, where the official image has them, and this
// machine's CA bundle (npm reaches the registry through it here). The Dockerfile itself runs
// unchanged: `npm ci` from the registry, the build, `apt-get install openssh-client`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ensureDebianBaseImage, imageExists, podman, podmanWorks, PODMAN } from '../support/podman.js';
import { REPO } from '../support/repo-copy.js';
import { runEnvdiff } from '../support/cli.js';

const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';
const TAG = `localhost/envdiff-test/envdiff-self:${process.pid}`;

async function ensureNodeStandIn(): Promise<string> {
  const base = await ensureDebianBaseImage();
  const npmRoot = spawnSync('npm', ['root', '-g'], { encoding: 'utf8' }).stdout.trim();
  const hash = createHash('sha256')
    .update([base, process.version, readFileSync(join(npmRoot, 'npm', 'package.json'), 'utf8'), readFileSync(CA_BUNDLE, 'utf8')].join('\n'))
    .digest('hex')
    .slice(0, 10);
  const tag = `localhost/envdiff-test/node20-standin:${hash}`;
  if (await imageExists(tag)) return tag;
  const ctx = mkdtempSync(join(tmpdir(), 'envdiff-node-standin-'));
  try {
    cpSync(process.execPath, join(ctx, 'node'));
    cpSync(join(npmRoot, 'npm'), join(ctx, 'npm'), { recursive: true });
    cpSync(CA_BUNDLE, join(ctx, 'ca.crt'));
    writeFileSync(
      join(ctx, 'Containerfile'),
      [
        `FROM ${base}`,
        'COPY node /usr/local/bin/node',
        'COPY npm /usr/local/lib/node_modules/npm',
        `COPY ca.crt ${CA_BUNDLE}`,
        `ENV NODE_EXTRA_CA_CERTS=${CA_BUNDLE}`,
        'RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm && node --version && npm --version',
      ].join('\n'),
    );
    await podman(['build', '--pull=never', '-q', '-t', tag, ctx], { timeoutMs: 300_000 });
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
  return tag;
}

describe.skipIf(!podmanWorks())('the envdiff image (Dockerfile)', () => {
  beforeAll(async () => {
    const node = await ensureNodeStandIn();
    await podman(['build', '--pull=never', '-q', '--build-arg', `NODE_IMAGE=${node}`, '-t', TAG, '-f', join(REPO, 'Dockerfile'), REPO], {
      timeoutMs: 900_000,
    });
  }, 1_000_000);
  afterAll(() => {
    spawnSync(PODMAN, ['rmi', '-f', TAG]);
  });

  const inImage = (args: string[], opts: { mount?: string; input?: string } = {}) =>
    spawnSync(PODMAN, ['run', '--rm', '-i', ...(opts.mount ? ['-v', `${opts.mount}:/work`] : []), TAG, ...args], {
      encoding: 'utf8',
      input: opts.input ?? '',
      timeout: 120_000,
    });

  it('runs envdiff as its entrypoint, from its own copy (no sources, no build tools)', () => {
    const version = inImage(['--version']);
    expect(version.status, version.stderr).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version);
    const help = inImage([]);
    expect(help.stdout).toContain('Usage: envdiff <command> [options]');
    const ls = spawnSync(
      PODMAN,
      [
        'run',
        '--rm',
        '--entrypoint',
        'sh',
        TAG,
        '-c',
        'ls /opt/envdiff; ls /opt/envdiff/node_modules | grep -c typescript; command -v ssh',
      ],
      { encoding: 'utf8' },
    );
    expect(ls.stdout).not.toMatch(/^src$/m);
    expect(ls.stdout).toMatch(/^0$/m);
    expect(ls.stdout).toMatch(/\/ssh$/m);
  });

  it('compares fingerprints from a mounted folder, and captures the container it runs in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-image-work-'));
    const host = await runEnvdiff(['capture', '--no-lock', '--label', 'host', '-o', join(dir, 'host.json')]);
    expect(host.exitCode, host.stderr).toBe(0);
    const inside = inImage(['capture', '--label', 'image'], {});
    expect(inside.status, inside.stderr).toBe(0);
    writeFileSync(join(dir, 'image.json'), inside.stdout);
    const fp = JSON.parse(inside.stdout);
    expect(fp.facets.os.container).toMatchObject({ inside: true, engine: 'podman' });
    const compared = inImage(['compare', 'host.json', 'image.json', '--format', 'json', '--fail-on', 'never'], { mount: dir });
    expect(compared.status, compared.stderr).toBe(0);
    const report = JSON.parse(compared.stdout);
    expect(report).toMatchObject({ baseline: { label: 'host' }, target: { label: 'image' } });
    expect(report.findings.length).toBeGreaterThan(0);
    const shown = inImage(['show', '-'], { input: inside.stdout });
    expect(shown.stdout).toMatch(/^image — this machine/);
  });
});
