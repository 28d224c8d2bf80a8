// A real OpenSSH server for tests: Debian's /usr/sbin/sshd run in the foreground (-D -e) on
// 127.0.0.1 at a free port, with a host key, client key, authorized_keys and known_hosts made
// in a private temp dir. No system configuration is read or changed (-f our own file); the only
// system path touched is /run/sshd, sshd's privilege-separation dir (.ci/setup-sshd.sh makes it).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { runProcess } from '../../src/core/run-process.js';
import type { SshOptions } from '../../src/capture/targets/ssh.js';

export const SSHD = '/usr/sbin/sshd';

export interface SshdHandle {
  host: '127.0.0.1';
  port: number;
  user: string;
  /** `ssh:USER@127.0.0.1:PORT`, for parseTarget or the CLI. */
  target: string;
  dir: string;
  /** Client key the server accepts. */
  identityFile: string;
  knownHostsFile: string;
  /** Options that make envdiff's ssh trust this server and offer only the test key. */
  sshOptions: SshOptions;
  /** Same as sshOptions, as `ssh` command-line arguments (for a user ssh config file in CLI tests). */
  sshArgs: string[];
  /** Everything sshd logged so far (it logs to stderr with -e). */
  log(): string;
  stop(): Promise<void>;
}

export function sshdAvailable(): boolean {
  const ok = existsSync(SSHD) && existsSync('/usr/bin/ssh') && existsSync('/usr/bin/ssh-keygen');
  // In CI these suites must run, never skip: .ci/setup-sshd.sh installs openssh.
  if (!ok && process.env.CI) throw new Error('sshd/ssh/ssh-keygen missing in CI: .ci/setup-sshd.sh should have installed them');
  return ok;
}

export async function startSshd(): Promise<SshdHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'envdiff-sshd-'));
  const user = userInfo().username;
  await keygen(join(dir, 'host_ed25519'));
  await keygen(join(dir, 'id_ed25519'));
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'id_ed25519.pub')), { mode: 0o600 });
  if (process.getuid?.() === 0 && !existsSync('/run/sshd')) mkdirSync('/run/sshd', { mode: 0o755, recursive: true });

  // A free port can be taken between our probe and sshd's bind: retry a few times.
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const config = join(dir, 'sshd_config');
    writeFileSync(
      config,
      [
        `ListenAddress 127.0.0.1`,
        `Port ${port}`,
        `HostKey ${join(dir, 'host_ed25519')}`,
        `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
        'PidFile none',
        'PubkeyAuthentication yes',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        // PAM would read the system's /etc/pam.d and may refuse a test login for unrelated reasons.
        'UsePAM no',
        // The temp dir lives under /tmp (sticky, world-writable): StrictModes would refuse it.
        'StrictModes no',
        'PermitRootLogin prohibit-password',
        'LogLevel VERBOSE',
        '',
      ].join('\n'),
    );
    const child = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr.on('data', (d: Buffer) => {
      log += d.toString('utf8');
    });
    const ok = await waitFor(() => log.includes(`Server listening on 127.0.0.1 port ${port}`) || child.exitCode !== null, 10_000);
    if (!ok || child.exitCode !== null || !log.includes('Server listening')) {
      child.kill('SIGKILL');
      lastError = new Error(`sshd did not start on port ${port}:\n${log}`);
      continue;
    }
    const pubHost = readFileSync(join(dir, 'host_ed25519.pub'), 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
    const knownHostsFile = join(dir, 'known_hosts');
    writeFileSync(knownHostsFile, `[127.0.0.1]:${port} ${pubHost}\n`);
    const options = [
      `UserKnownHostsFile=${knownHostsFile}`,
      'GlobalKnownHostsFile=/dev/null',
      'StrictHostKeyChecking=yes',
      // Offer only the test key, not the agent's or ~/.ssh's (an authentication test relies on it).
      'IdentitiesOnly=yes',
      'IdentityAgent=none',
    ];
    const identityFile = join(dir, 'id_ed25519');
    return {
      host: '127.0.0.1',
      port,
      user,
      target: `ssh:${user}@127.0.0.1:${port}`,
      dir,
      identityFile,
      knownHostsFile,
      sshOptions: { identityFile, options },
      sshArgs: [...options.flatMap((o) => ['-o', o]), '-i', identityFile],
      log: () => log,
      stop: () => stopChild(child, dir),
    };
  }
  rmSync(dir, { recursive: true, force: true });
  throw lastError ?? new Error('sshd did not start');
}

/** A TCP server on 127.0.0.1 that accepts connections and never says a word: a hanging target. */
export async function startSilentServer(): Promise<{ port: number; stop(): Promise<void> }> {
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function keygen(file: string): Promise<void> {
  const r = await runProcess('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'envdiff-test', '-f', file], { timeoutMs: 30_000 });
  if (r.exitCode !== 0) throw new Error(`ssh-keygen failed: ${r.stderr}`);
}

async function stopChild(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  rmSync(dir, { recursive: true, force: true });
}

async function waitFor(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return cond();
}
