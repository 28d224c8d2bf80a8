// `capture --targets FILE`: the hosts of a fleet as its owners already describe them. Four forms,
// told apart by content:
//
// 1. ssh_config(5) (https://man.openbsd.org/ssh_config): every `Host` pattern without wildcards
//    (`*`, `?`, `!`) is a host, captured as `ssh:ALIAS` with `ssh -F FILE`, so ssh itself applies
//    HostName, Port, User, IdentityFile and everything else the file says (first match wins).
//        Host fleet-01
//          HostName 127.0.0.1
//          Port 40123
// 2. An Ansible inventory in INI form
//    (https://docs.ansible.com/ansible/latest/inventory_guide/intro_inventory.html): `[group]`
//    sections of `NAME key=value …` host lines, `[group:vars]` and `[group:children]`.
//        [numpy]
//        fleet-01 ansible_host=127.0.0.1 ansible_port=40123 ansible_user=fleet
//        [fleet:vars]
//        ansible_ssh_private_key_file=/keys/id_ed25519
// 3. The same in YAML: `all: {hosts: {NAME: {vars…}}, children: {GROUP: {…}}, vars: {…}}`.
// 4. Otherwise one target per line (`ssh:qa-01`, `slurm:gpu`, `k8s:ml/-l app=train`), `#` comments.
//
// From Ansible variables a host becomes `ssh:[USER@]HOST[:PORT]` with its connection settings:
// ansible_host, ansible_port, ansible_user, ansible_ssh_private_key_file, and the `-o KEY=VALUE`
// options of ansible_ssh_common_args / ansible_ssh_extra_args. Variables apply from the outermost
// group in, host variables last (Ansible's precedence, simplified to the group tree). A host in
// several groups is one target. test/capture/inventory.test.ts checks the result against what
// Ansible's own `ansible-inventory --list` reads from the same files.
import { parse as parseYaml } from 'yaml';
import { EnvdiffError } from '../../core/errors.js';
import { shown } from './syntax.js';

export interface InventoryEntry {
  /** A `--target` spec: `ssh:…`, `slurm:…`. */
  spec: string;
  /** The inventory's name for it: the fingerprint's label. */
  label?: string;
  ssh?: { identityFile?: string; options?: string[]; configFile?: string };
}

export type InventoryKind = 'ssh_config' | 'ansible-ini' | 'ansible-yaml' | 'lines';

type Vars = Record<string, unknown>;

export function detectInventoryKind(text: string): InventoryKind {
  const lines = significantLines(text);
  if (
    lines.length > 0 &&
    lines.every((l) => /^(Host|Match|Include)\s/i.test(l) || /^\s/.test(l) || /^[A-Za-z]+(\s+|\s*=\s*)\S/.test(l)) &&
    lines.some((l) => /^Host\s/i.test(l))
  ) {
    return 'ssh_config';
  }
  if (lines.some((l) => /^\[[^\]]+\]\s*$/.test(l.trim()))) return 'ansible-ini';
  try {
    const doc: unknown = parseYaml(text);
    if (doc !== null && typeof doc === 'object' && !Array.isArray(doc)) return 'ansible-yaml';
  } catch {
    // Not YAML: one target per line.
  }
  return 'lines';
}

export function parseInventory(text: string, source: string, absolutePath: string): InventoryEntry[] {
  const kind = detectInventoryKind(text);
  const entries =
    kind === 'ssh_config'
      ? fromSshConfig(text, absolutePath)
      : kind === 'ansible-ini'
        ? fromAnsible(parseIni(text, source), source)
        : kind === 'ansible-yaml'
          ? fromAnsible(parseYamlInventory(text, source), source)
          : significantLines(text).map((l) => ({ spec: l.trim() }));
  if (entries.length === 0) {
    throw new EnvdiffError(
      `${source}: names no target`,
      'one target per line, an Ansible inventory (INI or YAML), or an ssh_config with Host entries',
    );
  }
  return entries;
}

function significantLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '' && !/^\s*[#;]/.test(l));
}

function fromSshConfig(text: string, configFile: string): InventoryEntry[] {
  const hosts: string[] = [];
  for (const line of significantLines(text)) {
    const m = /^\s*Host(?:\s*=\s*|\s+)(.*)$/i.exec(line);
    if (!m) continue;
    for (const pattern of m[1]!.trim().split(/\s+/)) {
      if (/[*?!]/.test(pattern) || hosts.includes(pattern)) continue;
      hosts.push(pattern);
    }
  }
  return hosts.map((h) => ({ spec: `ssh:${h}`, label: h, ssh: { configFile } }));
}

/** A group: its hosts (with their own vars), its vars and its children's names. */
interface Group {
  hosts: Map<string, Vars>;
  vars: Vars;
  children: string[];
}

interface Inventory {
  groups: Map<string, Group>;
}

function group(inv: Inventory, name: string): Group {
  let g = inv.groups.get(name);
  if (!g) {
    g = { hosts: new Map(), vars: {}, children: [] };
    inv.groups.set(name, g);
  }
  return g;
}

/** Ansible's INI inventory: key=value pairs with quotes, `[g]`, `[g:vars]`, `[g:children]`; host ranges `web[01:03]`. */
function parseIni(text: string, source: string): Inventory {
  const inv: Inventory = { groups: new Map() };
  let section = 'ungrouped';
  let mode: 'hosts' | 'vars' | 'children' = 'hosts';
  group(inv, 'all').children.push('ungrouped');
  group(inv, 'ungrouped');
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const head = /^\[([^\]:]+)(?::(vars|children))?\]$/.exec(line);
    if (head) {
      section = head[1]!;
      mode = (head[2] as 'vars' | 'children' | undefined) ?? 'hosts';
      group(inv, section);
      if (section !== 'all' && !group(inv, 'all').children.includes(section)) group(inv, 'all').children.push(section);
      continue;
    }
    const words = splitWords(line, `${source}:${i + 1}`);
    if (mode === 'children') {
      group(inv, section).children.push(words[0]!);
      group(inv, words[0]!);
    } else if (mode === 'vars') {
      const eq = line.indexOf('=');
      if (eq < 0)
        throw new EnvdiffError(`${source}:${i + 1}: expected key=value in [${shown(section)}:vars]`, 'write one variable per line');
      group(inv, section).vars[line.slice(0, eq).trim()] = unquote(line.slice(eq + 1).trim());
    } else {
      const vars: Vars = {};
      for (const w of words.slice(1)) {
        const eq = w.indexOf('=');
        if (eq < 0)
          throw new EnvdiffError(`${source}:${i + 1}: expected key=value after the host name, not '${shown(w)}'`, 'write NAME key=value …');
        vars[w.slice(0, eq)] = w.slice(eq + 1);
      }
      for (const name of expandRange(words[0]!)) group(inv, section).hosts.set(name, { ...group(inv, section).hosts.get(name), ...vars });
    }
  }
  return inv;
}

/** `web[01:03]` → web01 web02 web03 (Ansible's numeric host ranges). */
function expandRange(name: string): string[] {
  const m = /^(.*)\[(\d+):(\d+)\](.*)$/.exec(name);
  if (!m) return [name];
  const [from, to] = [Number(m[2]), Number(m[3])];
  const width = m[2]!.startsWith('0') ? m[2]!.length : 0;
  const out: string[] = [];
  for (let n = from; n <= to && out.length < 10_000; n++) out.push(`${m[1]}${String(n).padStart(width, '0')}${m[4]}`);
  return out;
}

/** Splits a host line on blanks, keeping quoted values whole and unquoted. */
function splitWords(line: string, where: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const c of line) {
    if (quote) {
      if (c === quote) quote = undefined;
      else current += c;
    } else if (c === '"' || c === "'") quote = c;
    else if (/\s/.test(c)) {
      if (current) words.push(current);
      current = '';
    } else if (c === '#' && current === '') break;
    else current += c;
  }
  if (quote) throw new EnvdiffError(`${where}: unclosed quote`, 'close the quote');
  if (current) words.push(current);
  return words;
}

function unquote(v: string): string {
  return /^(["']).*\1$/.test(v) ? v.slice(1, -1) : v;
}

function parseYamlInventory(text: string, source: string): Inventory {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new EnvdiffError(`${source}: not valid YAML (${(err as Error).message.split('\n')[0]})`, 'check the inventory');
  }
  const inv: Inventory = { groups: new Map() };
  const walk = (name: string, node: unknown): void => {
    const g = group(inv, name);
    if (node === null || typeof node !== 'object') return;
    const n = node as { hosts?: unknown; vars?: unknown; children?: unknown };
    if (n.hosts && typeof n.hosts === 'object') {
      for (const [host, vars] of Object.entries(n.hosts as Record<string, unknown>)) {
        g.hosts.set(host, { ...g.hosts.get(host), ...(vars && typeof vars === 'object' ? (vars as Vars) : {}) });
      }
    }
    if (n.vars && typeof n.vars === 'object') Object.assign(g.vars, n.vars as Vars);
    if (n.children && typeof n.children === 'object') {
      for (const [child, sub] of Object.entries(n.children as Record<string, unknown>)) {
        if (!g.children.includes(child)) g.children.push(child);
        walk(child, sub);
      }
    }
  };
  for (const [name, node] of Object.entries(doc as Record<string, unknown>)) walk(name, node);
  return inv;
}

/** Every host once, in the order first met from `all` down, with its variables resolved. */
function fromAnsible(inv: Inventory, source: string): InventoryEntry[] {
  const resolved = new Map<string, Vars>();
  const visit = (name: string, inherited: Vars, path: string[]): void => {
    const g = inv.groups.get(name);
    if (!g || path.includes(name)) return;
    const vars = { ...inherited, ...g.vars };
    for (const [host, hostVars] of g.hosts) resolved.set(host, { ...resolved.get(host), ...vars, ...hostVars });
    for (const child of g.children) visit(child, vars, [...path, name]);
  };
  const roots = inv.groups.has('all') ? ['all'] : [...inv.groups.keys()];
  for (const root of roots) visit(root, {}, []);
  // Groups not reachable from `all` (a YAML file with several top-level groups).
  for (const name of inv.groups.keys()) if (!roots.includes(name)) visit(name, {}, []);
  return [...resolved].map(([host, vars]) => ansibleEntry(host, vars, source));
}

function ansibleEntry(host: string, vars: Vars, source: string): InventoryEntry {
  const str = (k: string): string | undefined => {
    const v = vars[k];
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  };
  const connection = str('ansible_connection');
  if (connection === 'local') return { spec: 'local', label: host };
  if (connection !== undefined && connection !== 'ssh' && connection !== 'paramiko' && connection !== 'smart') {
    throw new EnvdiffError(
      `${source}: host '${shown(host)}' uses ansible_connection=${shown(connection)}, which envdiff cannot follow`,
      'envdiff captures ssh hosts (and local); capture that host with its own --target',
    );
  }
  const address = str('ansible_host') ?? str('ansible_ssh_host') ?? host;
  const port = str('ansible_port') ?? str('ansible_ssh_port');
  const user = str('ansible_user') ?? str('ansible_ssh_user');
  const hostPart = address.includes(':') ? `[${address}]` : address;
  const options = [str('ansible_ssh_common_args'), str('ansible_ssh_extra_args')].flatMap((a) => (a ? sshDashO(a, host, source) : []));
  const identityFile = str('ansible_ssh_private_key_file') ?? str('ansible_private_key_file');
  return {
    spec: `ssh:${user ? `${user}@` : ''}${hostPart}${port ? `:${port}` : ''}`,
    label: host,
    ssh: { ...(identityFile ? { identityFile } : {}), ...(options.length ? { options } : {}) },
  };
}

/** `-o K=V -oK=V -o 'K V'` → ['K=V', …]; any other ssh argument is refused, never passed on. */
function sshDashO(args: string, host: string, source: string): string[] {
  const words = splitWords(args, `${source} (${host})`);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-o' && words[i + 1] !== undefined) out.push(words[++i]!);
    else if (w.startsWith('-o') && w.length > 2) out.push(w.slice(2));
    else {
      throw new EnvdiffError(
        `${source}: host '${shown(host)}': the ssh argument '${shown(w)}' in ansible_ssh_common_args is not an -o option`,
        'envdiff passes only -o KEY=VALUE options from an inventory; put the rest in ~/.ssh/config',
      );
    }
  }
  return out;
}
