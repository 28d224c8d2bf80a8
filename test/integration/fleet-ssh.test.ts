// A fleet of six real sshd hosts (test/support/sshd-fleet.ts: podman containers on 127.0.0.1 that
// cycle through three images — with NumPy, with Requests, plain) captured in ONE command through
// each way a fleet is described (an Ansible INI and YAML inventory, an ssh_config, --target
// repeated), then compared as a fleet: hosts of one image land in one group, the plain host
// that is not the baseline is identical to it. A failing host is named in the summary, exit 2,
// and the others are still written.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEnvdiff } from '../support/cli.js';
import { podmanWorks } from '../support/podman.js';
import { sshdAvailable } from '../support/sshd.js';
import { startSshFleet, type SshFleet } from '../support/sshd-fleet.js';

const READY = podmanWorks() && sshdAvailable();
if (!READY && process.env.CI) throw new Error('podman or sshd missing in CI: .ci/setup-podman.sh and .ci/setup-sshd.sh install them');

interface Fp {
  label: string;
  target: { kind: string; ref: string };
  facets: { python: { status: string; packages?: { name: string; version: string }[] }; system: { packages?: { name: string }[] } };
}

const HOSTS = ['fleet-01', 'fleet-02', 'fleet-03', 'fleet-04', 'fleet-05', 'fleet-06'];

describe.skipIf(!READY)('capture and compare a fleet of six real sshd hosts', () => {
  let fleet: SshFleet;
  let dir: string;
  beforeAll(async () => {
    fleet = await startSshFleet(6);
    dir = mkdtempSync(join(tmpdir(), 'envdiff-fleet-ssh-'));
  }, 900_000);
  afterAll(async () => {
    await fleet?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const read = (out: string, host: string): Fp => JSON.parse(readFileSync(join(out, `${host}.json`), 'utf8')) as Fp;
  const numpy = (fp: Fp): string | undefined => fp.facets.python.packages?.find((p) => p.name === 'numpy')?.version;

  for (const kind of ['ini', 'yaml', 'sshConfig'] as const) {
    it(`--targets with the ${kind} inventory: one fingerprint per host, labelled by its inventory name`, async () => {
      const out = join(dir, `${kind}/`);
      const r = await runEnvdiff(['capture', '--targets', fleet.inventoryPaths[kind], '-o', out, '--jobs', '3'], { timeoutMs: 600_000 });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stderr).toContain(`captured 6 of 6 targets into ${out}`);
      expect(readdirSync(out).sort()).toEqual(HOSTS.map((h) => `${h}.json`));
      for (const [i, host] of HOSTS.entries()) {
        const fp = read(out, host);
        expect(fp.label).toBe(host);
        expect(fp.target.kind).toBe('ssh');
        expect(fp.facets.python.status).toBe('ok');
        // The hosts cycle numpy, requests, plain: what each really has.
        const variant = fleet.hosts[i]!.variant;
        expect(numpy(fp) !== undefined, host).toBe(variant === 'numpy');
        expect(
          fp.facets.python.packages?.some((p) => p.name === 'requests'),
          host,
        ).toBe(variant === 'requests');
      }
    });
  }

  it('fleet compare against the plain host groups the hosts by image, in every format, exit 1 by the worst target', async () => {
    const out = join(dir, 'yaml');
    if (!existsSync(join(out, 'fleet-03.json'))) {
      const cap = await runEnvdiff(['capture', '--targets', fleet.inventoryPaths.yaml, '-o', `${out}/`], { timeoutMs: 600_000 });
      expect(cap.exitCode, cap.stderr).toBe(0);
    }
    const baseline = join(out, 'fleet-03.json');
    const json = await runEnvdiff(['compare', baseline, out, '--format', 'json', '--fail-on', 'info']);
    expect(json.exitCode, json.stderr).toBe(1);
    const report = JSON.parse(json.stdout) as {
      targets: { label: string }[];
      groups: { targets: string[]; findings: { ruleId: string; subject: string }[] }[];
    };
    expect(report.targets.map((t) => t.label)).toEqual(['fleet-01', 'fleet-02', 'fleet-04', 'fleet-05', 'fleet-06']);
    expect(report.groups.map((g) => g.targets)).toEqual([['fleet-06'], ['fleet-01', 'fleet-04'], ['fleet-02', 'fleet-05']]);
    expect(report.groups[0]!.findings).toEqual([]);
    expect(report.groups[1]!.findings.map((f) => `${f.ruleId} ${f.subject}`)).toContain('python/package-extra numpy');
    expect(report.groups[2]!.findings.map((f) => `${f.ruleId} ${f.subject}`)).toContain('python/package-extra requests');
    for (const format of ['table', 'markdown', 'junit', 'sarif', 'html']) {
      const r = await runEnvdiff(['compare', baseline, out, '--format', format, '--fail-on', 'info'], {
        env: { ...process.env, COLUMNS: '300' },
      });
      expect(r.exitCode, `${format}: ${r.stderr}`).toBe(1);
      for (const host of ['fleet-01', 'fleet-02', 'fleet-04', 'fleet-05', 'fleet-06'])
        expect(r.stdout, `${format} names ${host}`).toContain(host);
    }
    const table = await runEnvdiff(['compare', baseline, out], { env: { ...process.env, COLUMNS: '300' } });
    expect(table.stdout).toContain('1 target (fleet-06): identical to the baseline');
    expect(table.stdout).toContain('2 targets (fleet-01, fleet-04)');
  });

  it('--target repeated; a host that refuses is named in the summary, exit 2, the others written', async () => {
    const out = join(dir, 'mixed/');
    const [a, b] = fleet.hosts;
    // Plain targets: the fleet's key and known_hosts come from the user's ssh configuration, here
    // an ssh on PATH that reads a config for 127.0.0.1.
    const config = join(dir, 'ssh_config_local');
    writeFileSync(
      config,
      `Host 127.0.0.1\n${fleet.sshOptions.options.map((o) => `  ${o.replace('=', ' ')}`).join('\n')}\n  IdentityFile ${fleet.identityFile}\n`,
    );
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F '${config}' "$@"\n`, { mode: 0o755 });
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };
    const list = join(dir, 'targets.txt');
    writeFileSync(list, `# two real hosts and one port nothing listens on\n${a!.target}\n${b!.target}\nssh:${a!.user}@127.0.0.1:1\n`);
    const r = await runEnvdiff(['capture', '--targets', list, '--target', 'local', '-o', out, '--timeout', '60'], {
      env,
      timeoutMs: 600_000,
    });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/failed: ssh:fleet@127\.0\.0\.1:1: cannot capture ssh:fleet@127\.0\.0\.1:1: connection refused/);
    expect(r.stderr).toContain(`captured 3 of 4 targets into ${out} (1 failed)`);
    expect(readdirSync(out).sort()).toEqual(
      ['local.json', `ssh_${a!.user}_127.0.0.1_${a!.port}.json`, `ssh_${b!.user}_127.0.0.1_${b!.port}.json`].sort(),
    );
  });
});
