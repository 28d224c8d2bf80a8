// Static capture against the live one, on real images built here (debootstrapped Debian 12 with
// python3, numpy, yaml and six; no registry is reachable): the same image captured through
// `podman:` (the probe bundle runs in a container) and through `image:`, `docker-archive:`,
// `oci-archive:` and `rootfs:` (nothing runs) compares with no finding on every facet both see.
// The derived image has real layers: a package purged (whiteouts over the base layer's files and a
// new dpkg status), a directory replaced (an opaque whiteout), a venv on PATH that sees the system
// site packages, and Env with a secret-looking variable and a URL with credentials.
// A shell-less image (the same, with every shell removed) cannot be captured by podman: but it can statically.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fingerprint } from '../../../src/facets/index.js';
import { runEnvdiff } from '../../support/cli.js';
import { ensureBuiltImage, ensureDebianPythonImage, podman, podmanWorks } from '../../support/podman.js';

const HAVE_PODMAN = podmanWorks();
const dir = mkdtempSync(join(tmpdir(), 'envdiff-static-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LAYERED_STEPS = [
  'ENV OMP_NUM_THREADS=4 PIP_INDEX_URL=https://ci:hunter2@pypi.internal.example/simple HF_TOKEN=hf_not_a_real_token',
  'RUN dpkg --purge python3-six',
  'RUN rm -rf /usr/share/doc && mkdir -p /usr/share/doc/envdiff',
  'RUN python3 -m venv --without-pip --system-site-packages /opt/venv',
  'ENV PATH=/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
];
const SHELLS = ['/usr/bin/sh', '/usr/bin/bash', '/usr/bin/dash', '/usr/bin/rbash'];

async function capture(target: string, name: string): Promise<{ exitCode: number | null; stderr: string; fp?: Fingerprint }> {
  const out = join(dir, `${name}.json`);
  const r = await runEnvdiff(['capture', '--target', target, '--no-lock', '--label', 'same', '-o', out], { timeoutMs: 600_000 });
  return {
    exitCode: r.exitCode,
    stderr: r.stderr,
    ...(r.exitCode === 0 ? { fp: JSON.parse(readFileSync(out, 'utf8')) as Fingerprint } : {}),
  };
}

/** Findings of `compare A B` on facets both captured (kernel, cpu: a static capture cannot see them). */
async function findingsOnShared(a: string, b: string): Promise<string[]> {
  const r = await runEnvdiff(['compare', join(dir, `${a}.json`), join(dir, `${b}.json`), '--format', 'json', '--fail-on', 'never']);
  expect(r.exitCode).toBe(0);
  const report = JSON.parse(r.stdout) as { findings: { ruleId: string; subject: string; baseline?: unknown; target?: unknown }[] };
  return report.findings
    .filter((f) => !/^(kernel|cpu|gpu)\/absent-on-(target|baseline)$/.test(f.ruleId))
    .map((f) => `${f.ruleId} ${f.subject}: ${JSON.stringify(f.baseline)} → ${JSON.stringify(f.target)}`);
}

describe.skipIf(!HAVE_PODMAN)('static capture of a layered image equals the live capture', () => {
  let image: string;
  let live: Fingerprint;

  beforeAll(async () => {
    image = await ensureBuiltImage('static-layers', await ensureDebianPythonImage(), LAYERED_STEPS);
    const r = await capture(`podman:${image}`, 'live');
    expect(r.exitCode, r.stderr).toBe(0);
    live = r.fp!;
    await podman(['save', '-q', '--format', 'docker-archive', '-o', join(dir, 'image-docker.tar'), image]);
    await podman(['save', '-q', '--format', 'oci-archive', '-o', join(dir, 'image-oci.tar'), image]);
    await podman(['save', '-q', '--format', 'oci-dir', '-o', join(dir, 'image-oci-dir'), image]);
  }, 1_200_000);

  it('the live capture saw what the layers did (so the comparison below is not vacuous)', () => {
    expect(live.facets.python.status).toBe('ok');
    expect(live.facets.python.virtualEnv).toBe('/opt/venv');
    const py = live.facets.python.packages!.map((p) => p.name);
    expect(py).toEqual(expect.arrayContaining(['numpy', 'pyyaml']));
    expect(py).not.toContain('six');
    const deb = live.facets.system.packages!.map((p) => p.name);
    expect(deb).toEqual(expect.arrayContaining(['python3', 'python3-numpy']));
    expect(deb).not.toContain('python3-six');
    expect(live.facets.env.vars?.['OMP_NUM_THREADS']).toBe('4');
  });

  it.each([
    ['image', () => `image:${image}`],
    ['docker-archive', () => `docker-archive:${join(dir, 'image-docker.tar')}`],
    ['oci-archive', () => `oci-archive:${join(dir, 'image-oci.tar')}`],
    ['oci', () => `oci:${join(dir, 'image-oci-dir')}`],
  ])('%s: no finding on any facet both see; kernel, cpu and gpu are absent with the reason', async (name, target) => {
    const r = await capture(target(), name);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await findingsOnShared('live', name)).toEqual([]);
    expect(await findingsOnShared(name, 'live')).toEqual([]);
    const fp = r.fp!;
    expect(fp.target.kind).toBe(name);
    for (const id of ['kernel', 'cpu', 'gpu'] as const) {
      expect(fp.facets[id].status).toBe('absent');
      expect(fp.facets[id].reason).toMatch(/needs a running machine/);
    }
    expect(fp.facets.python.packages).toEqual(live.facets.python.packages);
    expect(fp.facets.system.packages).toEqual(live.facets.system.packages);
    // Env as the live capture masks it: the credentials in a URL masked, a secret-named variable never captured.
    expect(fp.facets.env.vars?.['PIP_INDEX_URL']).toBe('https://***@pypi.internal.example/simple');
    expect(JSON.stringify(fp)).not.toContain('hunter2');
    expect(JSON.stringify(fp)).not.toContain('hf_not_a_real_token');
  });

  it('rootfs: an unpacked root file system (podman export of a container never started) compares the same', async () => {
    const root = join(dir, 'rootfs');
    mkdirSync(root);
    const name = `envdiff-static-export-${process.pid}`;
    await podman(['create', '--name', name, image]);
    try {
      await podman(['export', '-o', join(dir, 'rootfs.tar'), name]);
    } finally {
      await podman(['rm', '-f', name]);
    }
    const tar = spawnSync('tar', ['-C', root, '-xf', join(dir, 'rootfs.tar')]);
    expect(tar.status, tar.stderr.toString()).toBe(0);
    const r = await capture(`rootfs:${root}`, 'rootfs');
    expect(r.exitCode, r.stderr).toBe(0);
    // A root file system has no image config: no Env, so the venv is not on PATH and Python is the system one.
    const findings = await findingsOnShared('live', 'rootfs');
    expect(findings.filter((f) => !f.startsWith('env/') && !f.startsWith('python/'))).toEqual([]);
    expect(r.fp!.facets.system.packages).toEqual(live.facets.system.packages);
    expect(r.fp!.facets.python.packages!.map((p) => p.name)).toEqual(expect.arrayContaining(['numpy', 'pyyaml']));
  });
});

describe.skipIf(!HAVE_PODMAN)('a shell-less image', () => {
  let image: string;
  beforeAll(async () => {
    image = await ensureBuiltImage('static-no-shell', await ensureDebianPythonImage(), [`RUN rm -f ${SHELLS.join(' ')}`]);
  }, 1_200_000);

  it('cannot be captured by running the probes in it (podman:), and says so', async () => {
    const r = await capture(`podman:${image}`, 'no-shell-live');
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each(['image', 'docker-archive'])('is captured for real through %s:, with Python and its packages, and dpkg', async (kind) => {
    let target = `image:${image}`;
    if (kind === 'docker-archive') {
      await podman(['save', '-q', '--format', 'docker-archive', '-o', join(dir, 'no-shell.tar'), image]);
      target = `docker-archive:${join(dir, 'no-shell.tar')}`;
    }
    const r = await capture(target, `no-shell-${kind}`);
    expect(r.exitCode, r.stderr).toBe(0);
    const fp = r.fp!;
    expect(fp.facets.python).toMatchObject({ status: 'ok', executable: '/usr/bin/python3.11', abi: 'cp311' });
    expect(fp.facets.python.version).toMatch(/^3\.11\.\d+$/);
    expect(fp.facets.python.packages!.map((p) => p.name)).toEqual(expect.arrayContaining(['numpy', 'pyyaml', 'six']));
    expect(fp.facets.os).toMatchObject({
      status: 'ok',
      arch: 'x86_64',
      distro: { id: 'debian', versionId: '12' },
      libc: { family: 'glibc' },
    });
    expect(fp.facets.system.packages!.find((p) => p.name === 'python3.11')?.version).toMatch(/^3\.11\./);
    // The Python version read from the binary is the one its Debian package says.
    expect(fp.facets.system.packages!.find((p) => p.name === 'python3.11')!.version.startsWith(fp.facets.python.version!)).toBe(true);
  });
});

describe('static targets: bad input is one line, exit 2', () => {
  it.each([
    ['docker-archive', '/nonexistent/image.tar', /does not exist/],
    ['oci-archive', '/nonexistent/image.tar', /does not exist/],
    ['rootfs', '/nonexistent/root', /does not exist/],
  ])('%s:%s', async (kind, path, message) => {
    const r = await runEnvdiff(['capture', '--target', `${kind}:${path}`, '--no-lock']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('a tar that is no image archive: says which file it lacks', async () => {
    const d = mkdtempSync(join(tmpdir(), 'envdiff-notimage-'));
    writeFileSync(join(d, 'hello.txt'), 'not an image\n');
    spawnSync('tar', ['-C', d, '-cf', join(d, 'x.tar'), 'hello.txt']);
    for (const [kind, lacks] of [
      ['docker-archive', 'manifest.json'],
      ['oci-archive', 'oci-layout'],
    ]) {
      const r = await runEnvdiff(['capture', '--target', `${kind}:${join(d, 'x.tar')}`, '--no-lock']);
      expect(r.exitCode).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`not a ${kind} image: it has no ${lacks}`);
    }
    rmSync(d, { recursive: true, force: true });
  });
});
