// The ssh fleet itself (test/support/sshd-fleet.ts): real sshd in podman containers on 127.0.0.1.
// Proves that every host answers key-only ssh without a prompt, that the hosts really differ,
// that the ssh_config and both Ansible inventories describe exactly these hosts (as ssh -G and
// Ansible's own ansible-inventory read them), that today's envdiff captures each host through
// them, that 20 hosts start for a bench, and that stop() leaves no container or file behind.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess } from '../../src/core/run-process.js';
import { runEnvdiff } from '../support/cli.js';
import { podman, podmanWorks, runInImage } from '../support/podman.js';
import { keygen, sshdAvailable } from '../support/sshd.js';
import { ansibleInventoryList, FLEET_USER, startSshFleet, type SshFleet } from '../support/sshd-fleet.js';

const READY = podmanWorks() && sshdAvailable();

/** Runs SCRIPT with `sh -s` on HOST through the fleet's ssh options, never prompting. */
function sshRun(fleet: SshFleet, port: number, script: string, extraArgs: string[] = []) {
  return runProcess(
    'ssh',
    ['-T', '-o', 'BatchMode=yes', ...fleet.sshArgs, ...extraArgs, '-p', String(port), '-l', FLEET_USER, '--', '127.0.0.1', 'sh', '-s'],
    {
      input: script,
      timeoutMs: 60_000,
    },
  );
}

async function containerNames(): Promise<string[]> {
  return (await podman(['ps', '-a', '--format', '{{.Names}}'])).split('\n').filter(Boolean);
}

describe.skipIf(!READY)('a fleet of real sshd hosts (run .ci/setup-podman.sh and .ci/setup-sshd.sh first)', () => {
  let fleet: SshFleet;
  beforeAll(async () => {
    const started = Date.now();
    fleet = await startSshFleet(3);
    console.log(`ssh fleet of 3 up in ${((Date.now() - started) / 1000).toFixed(1)} s (images included)`);
  });
  afterAll(async () => {
    await fleet?.stop();
  });

  it('three hosts on distinct ports, each with its own host key', () => {
    expect(fleet.hosts.map((h) => h.name)).toEqual(['fleet-01', 'fleet-02', 'fleet-03']);
    expect(fleet.hosts.map((h) => h.variant)).toEqual(['numpy', 'requests', 'plain']);
    expect(new Set(fleet.hosts.map((h) => h.port)).size).toBe(3);
    expect(new Set(fleet.hosts.map((h) => h.hostKey)).size).toBe(3);
  });

  it('every host answers key-only ssh with strict host key checking, and the hosts differ', async () => {
    const script = [
      'echo "hostname=$(hostname)"',
      'echo "user=$(id -un)"',
      'echo "dpkg=$(dpkg-query -W | wc -l)"',
      'python3 -c \'import numpy; print("numpy=" + numpy.__version__)\' 2>/dev/null || echo numpy=none',
      'python3 -c \'import requests; print("requests=" + requests.__version__)\' 2>/dev/null || echo requests=none',
      '',
    ].join('\n');
    const facts: Record<string, Record<string, string>> = {};
    for (const h of fleet.hosts) {
      const r = await sshRun(fleet, h.port, script);
      expect(r.exitCode, r.stderr).toBe(0);
      facts[h.variant] = Object.fromEntries(
        r.stdout
          .trim()
          .split('\n')
          .map((l) => l.split('=', 2) as [string, string]),
      );
      expect(facts[h.variant]!.hostname).toBe(h.name);
      expect(facts[h.variant]!.user).toBe(FLEET_USER);
      // The session ran in that host's image: its package count, asked without ssh.
      expect(facts[h.variant]!.dpkg).toBe((await runInImage(h.image, ['sh', '-c', 'dpkg-query -W | wc -l'])).trim());
    }
    expect(facts.numpy!.numpy).toMatch(/^\d+\.\d+/);
    expect(facts.numpy!.requests).toBe('none');
    expect(facts.requests!.requests).toMatch(/^\d+\.\d+/);
    expect(facts.requests!.numpy).toBe('none');
    expect(facts.plain!.numpy).toBe('none');
    expect(facts.plain!.requests).toBe('none');
    expect(new Set(Object.values(facts).map((f) => f.dpkg)).size).toBe(3);
  });

  it('refuses passwords and keys it does not know', async () => {
    const h = fleet.hosts[0]!;
    const password = await sshRun(fleet, h.port, 'true\n', ['-o', 'PreferredAuthentications=password,keyboard-interactive']);
    expect(password.exitCode).toBe(255);
    expect(password.stderr).toMatch(/Permission denied \(publickey\)/);
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-fleet-stranger-'));
    try {
      await keygen(join(dir, 'id_ed25519'));
      const r = await runProcess(
        'ssh',
        [
          '-T',
          '-o',
          'BatchMode=yes',
          ...fleet.sshOptions.options.flatMap((o) => ['-o', o]),
          '-i',
          join(dir, 'id_ed25519'),
          '-p',
          String(h.port),
          `${FLEET_USER}@127.0.0.1`,
          'true',
        ],
        {
          timeoutMs: 60_000,
        },
      );
      expect(r.exitCode).toBe(255);
      expect(r.stderr).toMatch(/Permission denied \(publickey\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("pins each host's own key: a known_hosts entry for another host's key fails verification", async () => {
    const [a, b] = fleet.hosts;
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-fleet-kh-'));
    try {
      const wrong = join(dir, 'known_hosts');
      writeFileSync(wrong, `[127.0.0.1]:${a!.port} ${b!.hostKey}\n`);
      const options = fleet.sshOptions.options.map((o) => (o.startsWith('UserKnownHostsFile=') ? `UserKnownHostsFile=${wrong}` : o));
      const r = await runProcess(
        'ssh',
        [
          '-T',
          '-o',
          'BatchMode=yes',
          ...options.flatMap((o) => ['-o', o]),
          '-i',
          fleet.identityFile,
          '-p',
          String(a!.port),
          `${FLEET_USER}@127.0.0.1`,
          'true',
        ],
        {
          timeoutMs: 60_000,
        },
      );
      expect(r.exitCode).toBe(255);
      expect(r.stderr).toMatch(/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the ssh_config names every host: ssh -G resolves it, and plain `ssh NAME` through env() logs in', async () => {
    for (const h of fleet.hosts) {
      const g = await runProcess('ssh', ['-G', '-F', fleet.sshConfigPath, h.name], { timeoutMs: 30_000 });
      expect(g.exitCode, g.stderr).toBe(0);
      const resolved = Object.fromEntries(g.stdout.split('\n').map((l) => [l.split(' ')[0], l.slice(l.indexOf(' ') + 1)]));
      expect(resolved).toMatchObject({ hostname: '127.0.0.1', port: String(h.port), user: FLEET_USER, stricthostkeychecking: 'true' });
      const r = await runProcess('ssh', ['-o', 'BatchMode=yes', h.name, 'hostname'], { env: fleet.env(), timeoutMs: 60_000 });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stdout.trim()).toBe(h.name);
    }
  });

  it('the INI and YAML inventories read, by Ansible itself, as exactly these hosts and groups', async () => {
    for (const file of [fleet.inventoryPaths.ini, fleet.inventoryPaths.yaml]) {
      const list = await ansibleInventoryList(file);
      expect(Object.keys(list._meta.hostvars).sort(), file).toEqual(fleet.hosts.map((h) => h.name));
      for (const h of fleet.hosts) {
        expect(list._meta.hostvars[h.name], `${file} ${h.name}`).toMatchObject({
          ansible_host: '127.0.0.1',
          ansible_port: h.port,
          ansible_user: FLEET_USER,
          ansible_ssh_private_key_file: fleet.identityFile,
          ansible_ssh_common_args: expect.stringContaining(`UserKnownHostsFile=${fleet.knownHosts}`),
        });
        expect((list[h.variant] as { hosts: string[] }).hosts, file).toContain(h.name);
      }
      expect((list.fleet as { children: string[] }).children.sort(), file).toEqual(['numpy', 'plain', 'requests']);
    }
  });

  it("today's envdiff captures each host through the ssh_config, and sees numpy only where it is", async () => {
    const numpy: Record<string, boolean> = {};
    for (const h of fleet.hosts) {
      const r = await runEnvdiff(['capture', '--target', `ssh:${h.name}`, '--python', '/usr/bin/python3', '--no-lock', '--label', h.name], {
        env: fleet.env(),
      });
      expect(r.exitCode, r.stderr).toBe(0);
      const fp = JSON.parse(r.stdout) as {
        target: unknown;
        facets: { python: { status: string; packages: { name: string }[] }; os: { container: { inside: boolean } } };
      };
      expect(fp.target).toEqual({ kind: 'ssh', ref: h.name });
      expect(fp.facets.python.status).toBe('ok');
      expect(fp.facets.os.container.inside).toBe(true);
      numpy[h.variant] = fp.facets.python.packages.some((p) => p.name === 'numpy');
    }
    expect(numpy).toEqual({ numpy: true, requests: false, plain: false });
  });

  it('stop() removes every container and file it made', async () => {
    const { dir } = fleet;
    const names = fleet.hosts.map((h) => h.container);
    expect(await containerNames()).toEqual(expect.arrayContaining(names));
    await fleet.stop();
    const left = await containerNames();
    for (const name of names) expect(left).not.toContain(name);
    expect(existsSync(dir)).toBe(false);
  });
});

describe.skipIf(!READY)('a fleet of 20 for a bench', () => {
  it('starts 20 hosts that all answer, and stops them all', async () => {
    const started = Date.now();
    const fleet = await startSshFleet(20, { lightweight: true });
    try {
      console.log(`ssh fleet of 20 up in ${((Date.now() - started) / 1000).toFixed(1)} s (images included)`);
      expect(new Set(fleet.hosts.map((h) => h.port)).size).toBe(20);
      const answers = await Promise.all(fleet.hosts.map((h) => sshRun(fleet, h.port, 'hostname\n')));
      expect(answers.map((r) => r.stdout.trim())).toEqual(fleet.hosts.map((h) => h.name));
    } finally {
      await fleet.stop();
    }
    const left = await containerNames();
    for (const h of fleet.hosts) expect(left).not.toContain(h.container);
  });
});
