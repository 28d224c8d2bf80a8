// ssh targets: `ssh … -- HOST sh -s`. The user's own ssh configuration (~/.ssh/config, agent,
// known_hosts, ProxyJump) applies as it does for their own ssh commands, so no -F is passed;
// envdiff adds only what a non-interactive tool needs.
import { lastLine } from './stderr-lines.js';
import { bad, checkPart, requireRest, requireTool, shown } from './syntax.js';
import type { TargetDef, Transport } from './types.js';

/** The hint for a bad part when the parser is called on its own (tests); parseTarget passes every target's syntax. */
const SYNTAX_HINT_FALLBACK = 'write ssh:[USER@]HOST[:PORT]';
// Host names and ssh_config Host aliases; IPv6 literals are taken in brackets, [::1].
const HOST_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const IPV6 = /^[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?$/;
// POSIX portable user names (plus what AD/LDAP setups add: a dot, a trailing $ is excluded).
const USER_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

export interface SshTarget {
  host: string;
  user?: string;
  port?: number;
}

export interface SshOptions {
  /** Seconds to wait for the TCP connection and the server's greeting (ssh ConnectTimeout). */
  connectTimeoutSec?: number;
  /** A private key to offer (ssh -i), in addition to the ones ssh config and the agent offer. */
  identityFile?: string;
  /** Extra `-o KEY=VALUE` options, as ssh_config(5) writes them (e.g. UserKnownHostsFile=…). */
  options?: readonly string[];
  /** An ssh_config file read instead of ~/.ssh/config (ssh -F): the one a `--targets` ssh_config named its hosts in. */
  configFile?: string;
}

export const DEFAULT_SSH_CONNECT_TIMEOUT_SEC = 15;

/**
 * BatchMode=yes: a password or passphrase prompt would hang a CI job; it fails instead, and
 * explainFailure says why. -T: no terminal, the probes' output must stay byte-exact.
 * `--` then the host: a host can never be read as an option (validated as well, see parse-target).
 * `sh -s` is a fixed string: ssh hands the remote command to the remote user's shell.
 */
export function sshTransport(target: SshTarget, opts: SshOptions = {}): Transport {
  const args = [
    ...(opts.configFile ? ['-F', opts.configFile] : []),
    '-T',
    '-o',
    'BatchMode=yes',
    '-o',
    `ConnectTimeout=${opts.connectTimeoutSec ?? DEFAULT_SSH_CONNECT_TIMEOUT_SEC}`,
  ];
  for (const o of opts.options ?? []) args.push('-o', o);
  if (opts.identityFile) args.push('-i', opts.identityFile);
  if (target.port !== undefined) args.push('-p', String(target.port));
  if (target.user !== undefined) args.push('-l', target.user);
  args.push('--', target.host, 'sh', '-s');
  return {
    kind: 'ssh',
    ref: formatSshRef(target),
    command: { file: 'ssh', args },
    explainFailure: (code, stderr) => explainSshFailure(target, code, stderr),
  };
}

export function formatSshRef(t: SshTarget): string {
  const host = t.host.includes(':') ? `[${t.host}]` : t.host;
  return `${t.user ? `${t.user}@` : ''}${host}${t.port !== undefined ? `:${t.port}` : ''}`;
}

// ssh exits 255 for its own errors and prints them as "ssh: …" or bare lines (OpenSSH 8–9).
export function explainSshFailure(target: SshTarget, code: number | null, stderr: string): { message: string; hint: string } {
  const what = `ssh:${formatSshRef(target)}`;
  const where = `${target.host}${target.port !== undefined ? ` port ${target.port}` : ''}`;
  if (/Could not resolve hostname|Name or service not known|nodename nor servname/i.test(stderr)) {
    return {
      message: `cannot capture ${what}: the host name '${target.host}' does not resolve`,
      hint: 'check the spelling, DNS, or a Host entry in ~/.ssh/config',
    };
  }
  if (/Connection refused/i.test(stderr)) {
    return {
      message: `cannot capture ${what}: connection refused by ${where}`,
      hint: 'check that sshd runs there and listens on that port (ssh:HOST:PORT)',
    };
  }
  if (/Connection timed out|timed out during banner exchange|No route to host|Network is unreachable|Operation timed out/i.test(stderr)) {
    return {
      message: `cannot capture ${what}: ${where} is unreachable (${sshLine(stderr)})`,
      hint: 'check the network path (VPN, firewall, ProxyJump in ~/.ssh/config) and that the host is up',
    };
  }
  if (/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED/i.test(stderr)) {
    return {
      message: `cannot capture ${what}: the host key is not trusted (host key verification failed)`,
      hint: `connect once with 'ssh ${formatSshRef(target)}' to check and accept the key, or add it to known_hosts`,
    };
  }
  if (/Permission denied|Too many authentication failures|Authentication failed|no more authentication methods/i.test(stderr)) {
    return {
      message: `cannot capture ${what}: authentication refused (${sshLine(stderr)})`,
      hint: 'envdiff runs ssh with BatchMode=yes (no password prompts): load a key into ssh-agent or set IdentityFile for this host in ~/.ssh/config',
    };
  }
  if (/Connection (closed|reset) by|kex_exchange_identification|banner exchange/i.test(stderr)) {
    return {
      message: `cannot capture ${what}: ${where} closed the connection (${sshLine(stderr)})`,
      hint: 'check that an ssh server (not another service) listens there, and the server logs',
    };
  }
  if (code === 127 || /sh: (not found|No such file)|command not found/i.test(stderr)) {
    return {
      message: `cannot capture ${what}: the remote side has no POSIX shell ('sh' not found)`,
      hint: 'envdiff needs sh on the target; a restricted account (ForceCommand, git-shell) cannot be captured',
    };
  }
  return {
    message: `cannot capture ${what}: ssh failed (exit ${code ?? 'signal'}): ${sshLine(stderr)}`,
    hint: `check that 'ssh ${formatSshRef(target)} true' works without a prompt`,
  };
}

// ssh's last line is its verdict; earlier lines are often warnings ("Permanently added …").
function sshLine(stderr: string): string {
  return lastLine(stderr, /^Warning: Permanently added/);
}

export function parseSshTarget(spec: string, rest: string, hint = SYNTAX_HINT_FALLBACK): SshTarget {
  const t = { spec, hint };
  let user: string | undefined;
  let hostPort = rest;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    user = rest.slice(0, at);
    hostPort = rest.slice(at + 1);
    checkPart(t, 'ssh user name', user, USER_NAME, 'letters, digits and _ . -, not starting with -');
  }
  let host: string;
  let portText: string | undefined;
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    if (close < 0) throw bad(spec, 'an IPv6 address needs its closing bracket', 'write ssh:[::1]:2222');
    host = hostPort.slice(1, close);
    const after = hostPort.slice(close + 1);
    if (after !== '' && !after.startsWith(':'))
      throw bad(spec, `unexpected '${shown(after)}' after the IPv6 address`, 'write ssh:[ADDRESS]:PORT');
    portText = after === '' ? undefined : after.slice(1);
    checkPart(t, 'IPv6 literal', host, IPV6, 'hex digits and colons');
  } else {
    const parts = hostPort.split(':');
    if (parts.length > 2) throw bad(spec, 'too many colons in the host', 'write IPv6 addresses in brackets: ssh:[::1]:22');
    host = parts[0] ?? '';
    portText = parts[1];
    if (host === '') throw bad(spec, 'the host name is missing', 'write ssh:[USER@]HOST[:PORT]');
    checkPart(t, 'host name', host, HOST_NAME, 'letters, digits and _ . -, not starting with -');
  }
  let port: number | undefined;
  if (portText !== undefined) {
    port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
    if (!(port >= 1 && port <= 65535)) throw bad(spec, `'${shown(portText)}' is not a port number`, 'a port is a number from 1 to 65535');
  }
  return { host, user, port };
}

export const sshTarget: TargetDef = {
  order: 40,
  prefixes: ['ssh'],
  kinds: ['ssh'],
  syntax: ['ssh:[USER@]HOST[:PORT]'],
  parse(t) {
    const target = parseSshTarget(t.spec, requireRest(t, '[USER@]HOST[:PORT]'), t.hint);
    requireTool('ssh', t.spec, t.env, 'install an OpenSSH client (apt-get install openssh-client)');
    return sshTransport(target, t.opts.sshOptions);
  },
};
