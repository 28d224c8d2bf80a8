// A fleet of real OpenSSH servers for tests: N podman containers on this machine, each running
// Debian's sshd (bookworm minbase + openssh-server + python3) on 127.0.0.1 at its own free port
// (host network), each with its own host key, key authentication only, user `fleet`. Hosts differ
// the way real machines do: by default they cycle through three images, one with python3-numpy,
// one with python3-requests, one with neither (dpkg lists and `import numpy` really differ).
//
// For the same hosts it writes the files a fleet is usually described by:
// - an ssh_config(5) with one `Host fleet-NN` block per host (HostName, Port) and a `Host fleet-*`
//   pattern block for what they share (User, IdentityFile, known_hosts) — first match wins, so the
//   specific blocks come first (https://man.openbsd.org/ssh_config);
// - an Ansible inventory in INI and in YAML form: hosts grouped by what they hold (numpy,
//   requests, plain) under a parent group `fleet`, each host with ansible_host, ansible_port and
//   ansible_user inline, and the key file and ssh options as group vars of `fleet`
//   (https://docs.ansible.com/ansible/latest/inventory_guide/intro_inventory.html). Both files are
//   checked against Ansible's own `ansible-inventory --list` in test/infra/sshd-fleet.test.ts.
// With the generated known_hosts, `ssh -o BatchMode=yes -o StrictHostKeyChecking=yes` reaches
// every host without a prompt. env() puts an `ssh` wrapper first on PATH that reads the fleet's
// ssh_config, so a plain `ssh fleet-01` (as envdiff runs it) finds the host.
// Containers are cheap: startSshFleet(20, { lightweight: true }) gives a bench its 20 targets.
// .ci/setup-podman.sh and .ci/setup-sshd.sh (the ssh client and ssh-keygen) set up what it needs.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { runProcess } from '../../src/core/run-process.js';
import { aptInstallStep, ensureDebianBaseImage, ensureDerivedImage, podman } from './podman.js';
import { freePort, keygen } from './sshd.js';
import { onProcessExit, ownerLabelArgs, reapOrphans, removeContainersDetached, removeContainersSync, writeOwnerRecord } from './owned.js';

export const FLEET_USER = 'fleet';
const DIR_PREFIX = 'envdiff-sshfleet-';

/** What a host's image adds to the base (openssh-server + python3). */
export interface FleetVariant {
  name: string;
  packages: readonly string[];
}

export const FLEET_VARIANTS: readonly FleetVariant[] = [
  { name: 'numpy', packages: ['python3-numpy'] },
  { name: 'requests', packages: ['python3-requests'] },
  { name: 'plain', packages: [] },
];

export interface FleetHost {
  /** The inventory / ssh_config name: fleet-01, fleet-02, … */
  name: string;
  host: '127.0.0.1';
  port: number;
  user: string;
  variant: string;
  image: string;
  container: string;
  /** `ssh:fleet@127.0.0.1:PORT`, for envdiff's --target with the fleet's sshOptions. */
  target: string;
  /** The host's public host key line (`ssh-ed25519 AAAA…`), as pinned in known_hosts. */
  hostKey: string;
}

export interface SshFleet {
  hosts: FleetHost[];
  dir: string;
  /** The client key every host accepts. */
  identityFile: string;
  knownHosts: string;
  sshConfigPath: string;
  inventoryPaths: { ini: string; yaml: string; sshConfig: string };
  /** `ssh` options that trust exactly these hosts and offer only the fleet key (-o form). */
  sshOptions: { identityFile: string; options: string[] };
  /** sshOptions as ssh command-line arguments. */
  sshArgs: string[];
  /** process.env with an `ssh` first on PATH that reads the fleet's ssh_config (-F). */
  env(): NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

export interface SshFleetOptions {
  /** Images to cycle through (default FLEET_VARIANTS). */
  variants?: readonly FleetVariant[];
  /** Every host from the one plain image: for benches that need many targets, not differences. */
  lightweight?: boolean;
  /** Containers started at once (default 4). */
  concurrency?: number;
}

/** The image of a fleet host: bookworm minbase + openssh-server + python3 + PACKAGES, cached by content. */
export async function ensureFleetImage(packages: readonly string[] = []): Promise<string> {
  const base = await ensureDerivedImage('sshd-node', await ensureDebianBaseImage(), [
    aptInstallStep(['openssh-server', 'python3']),
    // sshd's privilege-separation dir (systemd's RuntimeDirectory= makes it on a real host). The
    // user's password field '*' (no password) instead of useradd's '!': with UsePAM no, sshd
    // refuses even key logins to an account whose password is locked with '!'.
    `mkdir -p /run/sshd && useradd --create-home --shell /bin/sh ${FLEET_USER} && usermod -p '*' ${FLEET_USER}`,
  ]);
  if (packages.length === 0) return base;
  return ensureDerivedImage('sshd-node-plus', base, [aptInstallStep(packages)]);
}

export async function startSshFleet(n: number, opts: SshFleetOptions = {}): Promise<SshFleet> {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new Error(`a fleet of 1 to 99 hosts, not ${n}`);
  const variants = opts.lightweight ? [{ name: 'plain', packages: [] }] : (opts.variants ?? FLEET_VARIANTS);
  reapOrphans(DIR_PREFIX);

  const images = new Map<string, string>();
  for (const v of variants) images.set(v.name, await ensureFleetImage(v.packages));

  const dir = mkdtempSync(join(tmpdir(), DIR_PREFIX));
  chmodSync(dir, 0o755);
  const tag = `${process.pid}-${randomBytes(3).toString('hex')}`;
  const plan = Array.from({ length: n }, (_, i) => {
    const variant = variants[i % variants.length]!;
    const name = `fleet-${String(i + 1).padStart(2, '0')}`;
    return { name, variant: variant.name, image: images.get(variant.name)!, container: `envdiff-sshfleet-${tag}-${name}` };
  });
  const containers = plan.map((p) => p.container);
  writeOwnerRecord(dir, { daemons: [], containers });
  const unhook = onProcessExit(() => {
    rmSync(dir, { recursive: true, force: true });
    removeContainersDetached(containers);
  });

  try {
    const identityFile = join(dir, 'id_ed25519');
    await keygen(identityFile);
    const authorized = readFileSync(`${identityFile}.pub`);
    const hosts = await mapLimit(plan, opts.concurrency ?? 4, async (p): Promise<FleetHost> => {
      const hostDir = join(dir, 'hosts', p.name);
      mkdirSync(hostDir, { recursive: true, mode: 0o755 });
      await keygen(join(hostDir, 'host_ed25519'));
      writeFileSync(join(hostDir, 'authorized_keys'), authorized, { mode: 0o644 });
      const hostKey = readFileSync(join(hostDir, 'host_ed25519.pub'), 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
      const port = await startHostContainer(p, hostDir);
      return {
        name: p.name,
        host: '127.0.0.1',
        port,
        user: FLEET_USER,
        variant: p.variant,
        image: p.image,
        container: p.container,
        target: `ssh:${FLEET_USER}@127.0.0.1:${port}`,
        hostKey,
      };
    });

    const knownHosts = join(dir, 'known_hosts');
    writeFileSync(knownHosts, hosts.map((h) => `[127.0.0.1]:${h.port} ${h.hostKey}\n`).join(''));
    const options = [
      `UserKnownHostsFile=${knownHosts}`,
      'GlobalKnownHostsFile=/dev/null',
      'StrictHostKeyChecking=yes',
      // Only the fleet key: not the agent's, not ~/.ssh's.
      'IdentitiesOnly=yes',
      'IdentityAgent=none',
    ];
    const sshConfigPath = join(dir, 'ssh_config');
    writeFileSync(sshConfigPath, sshConfig(hosts, identityFile, knownHosts), { mode: 0o600 });
    const ini = join(dir, 'inventory.ini');
    writeFileSync(ini, inventoryIni(hosts, identityFile, knownHosts));
    const yaml = join(dir, 'inventory.yml');
    writeFileSync(yaml, inventoryYaml(hosts, identityFile, knownHosts));
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    // The temp dir name is ours (mkdtemp: letters and digits), safe inside single quotes.
    writeFileSync(join(bin, 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F '${sshConfigPath}' "$@"\n`);
    chmodSync(join(bin, 'ssh'), 0o755);

    return {
      hosts,
      dir,
      identityFile,
      knownHosts,
      sshConfigPath,
      inventoryPaths: { ini, yaml, sshConfig: sshConfigPath },
      sshOptions: { identityFile, options },
      sshArgs: [...options.flatMap((o) => ['-o', o]), '-i', identityFile],
      env: () => ({ ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` }),
      stop: async () => {
        unhook();
        await runProcess('podman', ['rm', '-f', '-t', '0', '--ignore', ...containers], { timeoutMs: 180_000 });
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    unhook();
    removeContainersSync(containers);
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Starts one host's sshd on a free port; a port taken meanwhile gets another try. Returns the port. */
async function startHostContainer(p: { name: string; image: string; container: string }, hostDir: string): Promise<number> {
  let lastError = '';
  for (let attempt = 0; attempt < 4; attempt++) {
    const port = await freePort();
    writeFileSync(
      join(hostDir, 'sshd_config'),
      [
        'ListenAddress 127.0.0.1',
        `Port ${port}`,
        'HostKey /etc/envdiff-sshd/host_ed25519',
        'AuthorizedKeysFile /etc/envdiff-sshd/authorized_keys',
        'PubkeyAuthentication yes',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'UsePAM no',
        'PermitRootLogin no',
        `AllowUsers ${FLEET_USER}`,
        'PidFile none',
        'LogLevel VERBOSE',
        '',
      ].join('\n'),
    );
    await podman(['rm', '-f', '-t', '0', '--ignore', p.container]);
    await podman(
      [
        'run',
        '-d',
        '--name',
        p.container,
        ...ownerLabelArgs(),
        '--network=host',
        '--hostname',
        p.name,
        '-v',
        `${hostDir}:/etc/envdiff-sshd:ro`,
        p.image,
        '/usr/sbin/sshd',
        '-D',
        '-e',
        '-f',
        '/etc/envdiff-sshd/sshd_config',
      ],
      { timeoutMs: 120_000 },
    );
    if (await waitForBanner(port, 15_000)) return port;
    const logs = await runProcess('podman', ['logs', p.container], { timeoutMs: 30_000 });
    lastError = `${logs.stdout}${logs.stderr}`.trim();
  }
  throw new Error(`sshd in ${p.container} did not answer on 127.0.0.1:\n${lastError}`);
}

/** True once something on 127.0.0.1:PORT greets with an SSH identification string. */
async function waitForBanner(port: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const banner = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      let data = '';
      const done = (v: string): void => {
        socket.destroy();
        resolve(v);
      };
      socket.setTimeout(2000, () => done(data));
      socket.on('data', (d: Buffer) => {
        data += d.toString('latin1');
        if (data.includes('\n')) done(data);
      });
      socket.on('error', () => done(''));
      socket.on('close', () => done(data));
    });
    if (banner.startsWith('SSH-2.0-')) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/** What Ansible itself reads from an inventory file: `ansible-inventory -i FILE --list`. */
export interface AnsibleInventoryList {
  _meta: { hostvars: Record<string, Record<string, unknown>> };
  [group: string]: unknown;
}

/**
 * Runs Ansible's own `ansible-inventory --list` on FILE, in a throwaway container of an image with
 * Debian's ansible-core (no network, FILE's dir mounted read-only at the same path): the reference
 * an inventory parser can be checked against, without installing Ansible on this machine.
 */
export async function ansibleInventoryList(file: string): Promise<AnsibleInventoryList> {
  const image = await ensureDerivedImage('ansible', await ensureDebianBaseImage(), [aptInstallStep(['ansible-core'])]);
  const dir = dirname(file);
  const out = await podman(
    [
      'run',
      '--rm',
      '--network=none',
      '--pull=never',
      '-v',
      `${dir}:${dir}:ro`,
      '-e',
      'ANSIBLE_LOCALHOST_WARNING=false',
      image,
      'ansible-inventory',
      '-i',
      file,
      '--list',
    ],
    {
      timeoutMs: 120_000,
    },
  );
  return JSON.parse(out) as AnsibleInventoryList;
}

function sshConfig(hosts: FleetHost[], identityFile: string, knownHosts: string): string {
  const lines = ['# envdiff test fleet: one sshd container per host on 127.0.0.1 (test/support/sshd-fleet.ts)', ''];
  for (const h of hosts) lines.push(`Host ${h.name}`, `  HostName ${h.host}`, `  Port ${h.port}`, '');
  lines.push(
    'Host fleet-*',
    `  User ${FLEET_USER}`,
    `  IdentityFile ${identityFile}`,
    '  IdentitiesOnly yes',
    '  IdentityAgent none',
    `  UserKnownHostsFile ${knownHosts}`,
    '  GlobalKnownHostsFile /dev/null',
    '  StrictHostKeyChecking yes',
    '',
  );
  return lines.join('\n');
}

function commonArgs(knownHosts: string): string {
  return `-o UserKnownHostsFile=${knownHosts} -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes`;
}

function groups(hosts: FleetHost[]): Map<string, FleetHost[]> {
  const byVariant = new Map<string, FleetHost[]>();
  for (const h of hosts) byVariant.set(h.variant, [...(byVariant.get(h.variant) ?? []), h]);
  return byVariant;
}

function inventoryIni(hosts: FleetHost[], identityFile: string, knownHosts: string): string {
  const lines = ['# envdiff test fleet (test/support/sshd-fleet.ts)', ''];
  const byVariant = groups(hosts);
  for (const [variant, members] of byVariant) {
    lines.push(`[${variant}]`);
    for (const h of members) lines.push(`${h.name} ansible_host=${h.host} ansible_port=${h.port} ansible_user=${h.user}`);
    lines.push('');
  }
  lines.push('[fleet:children]', ...byVariant.keys(), '');
  // A value with spaces in quotes: the INI inventory strips them for group vars.
  lines.push('[fleet:vars]', `ansible_ssh_private_key_file=${identityFile}`, `ansible_ssh_common_args='${commonArgs(knownHosts)}'`, '');
  return lines.join('\n');
}

function inventoryYaml(hosts: FleetHost[], identityFile: string, knownHosts: string): string {
  const children: Record<string, { hosts: Record<string, Record<string, string | number>> }> = {};
  for (const [variant, members] of groups(hosts)) {
    children[variant] = {
      hosts: Object.fromEntries(members.map((h) => [h.name, { ansible_host: h.host, ansible_port: h.port, ansible_user: h.user }])),
    };
  }
  const doc = {
    all: {
      children: {
        fleet: {
          vars: { ansible_ssh_private_key_file: identityFile, ansible_ssh_common_args: commonArgs(knownHosts) },
          children,
        },
      },
    },
  };
  return `# envdiff test fleet (test/support/sshd-fleet.ts)\n${stringify(doc)}`;
}

/** FN over ITEMS, LIMIT at a time; after a failure no new item starts (the caller cleans up). */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failed = false;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length && !failed) {
      const i = next++;
      try {
        results[i] = await fn(items[i]!);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  });
  await Promise.all(workers);
  return results;
}
