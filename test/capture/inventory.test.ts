// `capture --targets FILE`: what each inventory form turns into. The Ansible forms are checked
// against Ansible itself: the same files are read by `ansible-inventory --list` (Debian's
// ansible-core in a podman container, test/support/sshd-fleet.ts) and every host's address, port,
// user and key must be what envdiff reads. The inventories are SYNTHETIC (written here), shaped
// like the test fleet's and like Ansible's documentation examples.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectInventoryKind, parseInventory, type InventoryEntry } from '../../src/capture/targets/inventory.js';
import { EnvdiffError } from '../../src/core/errors.js';
import { podmanWorks } from '../support/podman.js';
import { ansibleInventoryList } from '../support/sshd-fleet.js';

const INI = `# SYNTHETIC inventory
qa-00 ansible_host=10.0.0.9

[numpy]
qa-01 ansible_host=10.0.0.1 ansible_port=2201 ansible_user=ml
qa-0[2:3] ansible_host=10.0.0.2

[plain]
qa-04 ansible_host="10.0.0.4" ansible_port=2204

[fleet:children]
numpy
plain

[fleet:vars]
ansible_user=deploy
ansible_ssh_private_key_file=/keys/fleet
ansible_ssh_common_args='-o StrictHostKeyChecking=yes -o UserKnownHostsFile=/keys/known_hosts'
`;

const YAML = `# SYNTHETIC inventory
all:
  hosts:
    qa-00:
      ansible_host: 10.0.0.9
  children:
    fleet:
      vars:
        ansible_user: deploy
        ansible_ssh_private_key_file: /keys/fleet
        ansible_ssh_common_args: -o StrictHostKeyChecking=yes -o UserKnownHostsFile=/keys/known_hosts
      children:
        numpy:
          hosts:
            qa-01: { ansible_host: 10.0.0.1, ansible_port: 2201, ansible_user: ml }
            qa-02: { ansible_host: 10.0.0.2 }
            qa-03: { ansible_host: 10.0.0.2 }
        plain:
          hosts:
            qa-04: { ansible_host: 10.0.0.4, ansible_port: 2204 }
`;

const EXPECTED: Record<string, string> = {
  'qa-00': 'ssh:10.0.0.9',
  'qa-01': 'ssh:ml@10.0.0.1:2201',
  'qa-02': 'ssh:deploy@10.0.0.2',
  'qa-03': 'ssh:deploy@10.0.0.2',
  'qa-04': 'ssh:deploy@10.0.0.4:2204',
};

function byLabel(entries: InventoryEntry[]): Record<string, InventoryEntry> {
  return Object.fromEntries(entries.map((e) => [e.label!, e]));
}

describe('inventory forms', () => {
  it('tells the forms apart by content', () => {
    expect(detectInventoryKind(INI)).toBe('ansible-ini');
    expect(detectInventoryKind(YAML)).toBe('ansible-yaml');
    expect(detectInventoryKind('Host a b\n  HostName x\nHost *\n  User u\n')).toBe('ssh_config');
    expect(detectInventoryKind('# fleet\nssh:qa-01\nslurm:gpu\n\nlocal\n')).toBe('lines');
  });

  for (const [name, text] of [
    ['INI', INI],
    ['YAML', YAML],
  ] as const) {
    it(`Ansible ${name}: every host once, group vars inherited, host vars last, -o options and the key kept`, () => {
      const entries = byLabel(parseInventory(text, 'inv', '/abs/inv'));
      expect(Object.fromEntries(Object.entries(entries).map(([k, e]) => [k, e.spec]))).toEqual(EXPECTED);
      expect(entries['qa-01']!.ssh).toEqual({
        identityFile: '/keys/fleet',
        options: ['StrictHostKeyChecking=yes', 'UserKnownHostsFile=/keys/known_hosts'],
      });
      expect(entries['qa-00']!.ssh).toEqual({});
    });
  }

  it('ssh_config: each Host name without wildcards, reached with ssh -F FILE', () => {
    const entries = parseInventory('Host a b\n  HostName 1.2.3.4\nHost c-* !d\n  User u\nHost e\n', 'cfg', '/abs/cfg');
    expect(entries).toEqual(['a', 'b', 'e'].map((h) => ({ spec: `ssh:${h}`, label: h, ssh: { configFile: '/abs/cfg' } })));
  });

  it('one target per line, comments and blank lines skipped', () => {
    expect(parseInventory('# x\nssh:qa-01\n\n  slurm:gpu/n[1-2]\n', 'l', '/l').map((e) => e.spec)).toEqual([
      'ssh:qa-01',
      'slurm:gpu/n[1-2]',
    ]);
  });

  it('refuses what it cannot follow, in one line: other connections, ssh arguments that are not -o, an empty file', () => {
    const cases: [string, RegExp][] = [
      ['[a]\nh ansible_connection=docker\n', /ansible_connection=docker, which envdiff cannot follow/],
      ["[a]\nh ansible_ssh_common_args='-F /etc/x'\n", /the ssh argument '-F' in ansible_ssh_common_args is not an -o option/],
      ['[a]\nh port\n', /expected key=value after the host name/],
      ['# nothing\n', /names no target/],
    ];
    for (const [text, message] of cases) {
      const err = (() => {
        try {
          parseInventory(text, 'inv', '/inv');
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(err).toBeInstanceOf(EnvdiffError);
      expect((err as Error).message).toMatch(message);
    }
  });
});

describe.skipIf(!podmanWorks())("the Ansible forms read as Ansible's own ansible-inventory reads them", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'envdiff-inventory-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const [name, text, file] of [
    ['INI', INI, 'inventory.ini'],
    ['YAML', YAML, 'inventory.yml'],
  ] as const) {
    it(`${name}`, async () => {
      const path = join(dir, file);
      writeFileSync(path, text);
      const ansible = await ansibleInventoryList(path);
      const ours = byLabel(parseInventory(text, path, path));
      expect(Object.keys(ours).sort()).toEqual(Object.keys(ansible._meta.hostvars).sort());
      for (const [host, vars] of Object.entries(ansible._meta.hostvars)) {
        const v = vars as Record<string, string | number | undefined>;
        const user = v['ansible_user'] === undefined ? '' : `${v['ansible_user']}@`;
        const port = v['ansible_port'] === undefined ? '' : `:${v['ansible_port']}`;
        expect(ours[host]!.spec, host).toBe(`ssh:${user}${v['ansible_host'] ?? host}${port}`);
        expect(ours[host]!.ssh?.identityFile, host).toBe(v['ansible_ssh_private_key_file']);
      }
    }, 600_000);
  }
});
