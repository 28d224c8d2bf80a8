// `envdiff capture --target slurm:PARTITION -o DIR/` on a real Slurm cluster (test/support/slurm.ts:
// Debian's slurm-wlm, munged and slurmctld on this host, each slurmd in its own podman container;
// n1 has python3 only, n2 adds NumPy and PyYAML): one srun, one fingerprint per node, and the
// nodes really differ. Then the fleet compare of the nodes, a node list, a node that is down, and
// what a bad partition says.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEnvdiff } from '../support/cli.js';
import { slurmAvailable, startSlurmCluster, type SlurmCluster } from '../support/slurm.js';

const HAS_SLURM = slurmAvailable();

interface Fp {
  label: string;
  target: { kind: string; ref: string };
  facets: {
    python: { status: string; packages?: { name: string; version: string }[] };
    system: { status: string; packages?: { name: string; version: string }[] };
  };
}

describe.skipIf(!HAS_SLURM)('slurm:PARTITION on a real two-node cluster (run .ci/setup-podman.sh and .ci/setup-slurm.sh first)', () => {
  let cluster: SlurmCluster;
  let dir: string;
  beforeAll(async () => {
    cluster = await startSlurmCluster();
    dir = mkdtempSync(join(tmpdir(), 'envdiff-fleet-slurm-'));
  }, 900_000);
  afterAll(async () => {
    await cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const read = (out: string, node: string): Fp => JSON.parse(readFileSync(join(out, `${node}.json`), 'utf8')) as Fp;
  const has = (fp: Fp, facet: 'python' | 'system', name: string): string | undefined =>
    fp.facets[facet].packages?.find((p) => p.name === name)?.version;

  it('one command: one fingerprint per node, each from its own node, and the nodes differ', async () => {
    const out = join(dir, 'all/');
    const r = await runEnvdiff(['capture', '--target', `slurm:${cluster.partition}`, '-o', out], {
      env: cluster.env(),
      timeoutMs: 600_000,
    });
    expect(r.exitCode, `${r.stderr}\n${cluster.logs()}`).toBe(0);
    expect(r.stderr).toContain(`captured 2 of 2 targets into ${out}`);
    expect(readdirSync(out).sort()).toEqual(['n1.json', 'n2.json']);
    const [n1, n2] = [read(out, 'n1'), read(out, 'n2')];
    expect(n1.target).toEqual({ kind: 'slurm', ref: `${cluster.partition}/n1` });
    expect(n2.target).toEqual({ kind: 'slurm', ref: `${cluster.partition}/n2` });
    for (const fp of [n1, n2]) {
      expect(fp.facets.python.status).toBe('ok');
      expect(fp.facets.system.status).toBe('ok');
      expect(has(fp, 'system', 'slurmd')).toBeDefined();
    }
    // n2's image adds python3-numpy and python3-yaml (Debian packages, so both facets see them).
    expect(has(n1, 'system', 'python3-numpy')).toBeUndefined();
    expect(has(n2, 'system', 'python3-numpy')).toMatch(/^1:1\.24/);
    expect(has(n1, 'python', 'numpy')).toBeUndefined();
    expect(has(n2, 'python', 'numpy')).toMatch(/^1\.24/);
    expect(has(n2, 'python', 'pyyaml')).toBeDefined();

    // The fleet compare of the partition against n1: n2 differs by exactly those packages.
    const cmp = await runEnvdiff([
      'compare',
      join(out, 'n1.json'),
      join(out, 'n2.json'),
      join(out, 'n1.json'),
      '--format',
      'json',
      '--fail-on',
      'info',
    ]);
    expect(cmp.exitCode, cmp.stderr).toBe(1);
    const report = JSON.parse(cmp.stdout) as { groups: { targets: string[]; findings: { ruleId: string; subject: string }[] }[] };
    expect(report.groups.map((g) => g.targets)).toEqual([['n1'], ['n2']]);
    const extra = report.groups[1]!.findings.filter((f) => f.ruleId === 'python/package-extra').map((f) => f.subject);
    expect(extra).toEqual(expect.arrayContaining(['numpy', 'pyyaml']));
  }, 600_000);

  it('slurm:PARTITION/NODELIST captures only those nodes', async () => {
    const out = join(dir, 'n2/');
    const r = await runEnvdiff(['capture', '--target', `slurm:${cluster.partition}/n2`, '-o', out], {
      env: cluster.env(),
      timeoutMs: 600_000,
    });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readdirSync(out)).toEqual(['n2.json']);
  }, 600_000);

  it('an unknown partition: one line naming it, exit 2, nothing written', async () => {
    const out = join(dir, 'nope/');
    const r = await runEnvdiff(['capture', '--target', 'slurm:nope', '-o', out], { env: cluster.env(), timeoutMs: 300_000 });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/failed: slurm:nope: cannot capture slurm:nope: /);
    expect(r.stderr).toContain('captured 0 of 1 target');
    expect(readdirSync(out)).toEqual([]);
  }, 600_000);

  it('a node marked DOWN is reported failed without waiting; the other node is still captured', async () => {
    const down = await cluster.run('scontrol', ['update', 'NodeName=n1', 'State=DOWN', 'Reason=envdiff-test']);
    expect(down.exitCode, down.stderr).toBe(0);
    try {
      const out = join(dir, 'down/');
      const r = await runEnvdiff(['capture', '--target', `slurm:${cluster.partition}`, '-o', out], {
        env: cluster.env(),
        timeoutMs: 600_000,
      });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/failed: n1: cannot capture slurm:[a-z]+\/n1: the node is down/);
      expect(r.stderr).toContain('captured 1 of 2 targets');
      expect(readdirSync(out)).toEqual(['n2.json']);
    } finally {
      await cluster.run('scontrol', ['update', 'NodeName=n1', 'State=RESUME']);
    }
  }, 600_000);
});
