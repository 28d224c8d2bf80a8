// Issue 4 §4 as a user meets it: each way a target fails, through the built CLI (a real
// `node bin/envdiff.js` process and real podman, ssh, sshd, kubectl): one line on stderr with the
// cause and what to do, exit 2, nothing on stdout. And ssh honouring the user's ssh config: a Host
// alias whose HostName, Port, User, IdentityFile and known_hosts come only from a config file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { runEnvdiff } from '../../support/cli.js';
import { ensureDebianPythonImage, ensureNoShellImage, podman, podmanWorks, removeContainer } from '../../support/podman.js';
import { freePort, keygen, sshdAvailable, startSshd, type SshdHandle } from '../../support/sshd.js';
import { findOnPath } from '../../../src/capture/targets/engine.js';

let dir: string;
let emptyBin: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'envdiff-cli-failures-'));
  emptyBin = join(dir, 'empty-bin');
  mkdirSync(emptyBin);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function failsWithOneLine(args: string[], why: RegExp, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const r = await runEnvdiff(['capture', '--no-lock', ...args], { env });
  expect(r.exitCode, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^envdiff: .+ — .+/); // cause — what to do
  expect(lines[0]).toMatch(why);
  return lines[0]!;
}

describe('tools that are not installed (PATH without them)', () => {
  const noTools = () => ({ ...process.env, PATH: emptyBin });
  it.each([
    ['podman:debian:bookworm-slim', [], /'podman' is not installed .* — install podman/],
    ['docker:debian:bookworm-slim', [], /'docker' is not installed .* — install Docker/],
    ['container:trainer', ['--engine', 'podman'], /the container engine 'podman' is not installed/],
    ['container:trainer', [], /no container engine found: neither docker nor podman/],
    ['ssh:qa-gpu-01', [], /'ssh' is not installed .* — install an OpenSSH client/],
    ['k8s:ml/trainer-0', [], /'kubectl' is not installed .* — install kubectl/],
  ])('%s %s', async (target, extra, why) => {
    await failsWithOneLine(['--target', target, ...extra], why, noTools());
  });
});

describe('unknown target syntax', () => {
  it.each([
    ['vm:box', /unknown target 'vm:box' — use local, docker:IMAGE/],
    ['ssh:', /names no \[USER@\]HOST\[:PORT\]/],
    ['ssh:host:99999', /'99999' is not a port number/],
    ['k8s:Trainer', /'Trainer' is not a valid pod name/],
    ['docker', /names no IMAGE/],
  ])('%s', async (target, why) => {
    await failsWithOneLine(['--target', target], why);
  });
});

describe.skipIf(!findOnPath('kubectl'))('kubectl with no cluster', () => {
  it('API server not reachable', async () => {
    const env = { ...process.env, KUBECONFIG: join(dir, 'no-kubeconfig') };
    await failsWithOneLine(
      ['--target', 'k8s:ml/trainer-0'],
      /the Kubernetes API server is not reachable .* — check 'kubectl config current-context'/,
      env,
    );
  });
});

describe.skipIf(!podmanWorks())('podman failures', () => {
  const STOPPED = `envdiff-cli-stopped-${process.pid}`;
  afterAll(() => removeContainer(STOPPED));

  it('image not present', async () => {
    await failsWithOneLine(
      ['--target', 'podman:localhost/envdiff-test/not-built:0'],
      /the image is not present locally — pull or build it first/,
    );
  });

  it('--pull asks the registry even for an image that is here (no registry is reachable from the tests)', async () => {
    const image = await ensureDebianPythonImage();
    await failsWithOneLine(['--target', `podman:${image}`, '--pull'], /registry is not reachable|could not be pulled/);
  });

  it('a target without sh', async () => {
    await failsWithOneLine(
      ['--target', `podman:${await ensureNoShellImage()}`],
      /has no POSIX shell .* — running the probes needs \/bin\/sh in it .*--target image:IMAGE/,
    );
  });

  it('container not running', async () => {
    await removeContainer(STOPPED);
    await podman(['create', '--name', STOPPED, await ensureDebianPythonImage(), 'true']);
    await failsWithOneLine(
      ['--target', `container:${STOPPED}`, '--engine', 'podman'],
      new RegExp(`the container is not running — start it first \\(podman start ${STOPPED}\\)`),
    );
  });

  it('no such container', async () => {
    await failsWithOneLine(
      ['--target', 'container:envdiff-no-such-container', '--engine', 'podman'],
      /no container named 'envdiff-no-such-container'/,
    );
  });
});

// OpenSSH reads ~/.ssh/config from the passwd home directory, not $HOME, so a test cannot point
// it at a config of its own without touching the real ~/.ssh. Instead an `ssh` first on PATH runs
// the real /usr/bin/ssh with `-F CONFIG` (which replaces ~/.ssh/config): the aliases below resolve
// only through that file, so a working capture proves envdiff leaves host, port, user and keys to it.
describe.skipIf(!sshdAvailable())('ssh through the user’s ssh config (real sshd on 127.0.0.1)', () => {
  let sshd: SshdHandle;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    sshd = await startSshd();
    const stranger = join(sshd.dir, 'stranger_ed25519');
    await keygen(stranger);
    const closedPort = await freePort();
    const host = (alias: string, port: number, key: string) => [
      `Host ${alias}`,
      '  HostName 127.0.0.1',
      `  Port ${port}`,
      `  User ${sshd.user}`,
      `  IdentityFile ${key}`,
      '  IdentitiesOnly yes',
      '  IdentityAgent none',
      `  UserKnownHostsFile ${sshd.knownHostsFile}`,
      '  GlobalKnownHostsFile /dev/null',
      '  StrictHostKeyChecking yes',
    ];
    const config = join(sshd.dir, 'ssh_config');
    writeFileSync(
      config,
      [
        ...host('envdiff-qa', sshd.port, sshd.identityFile),
        ...host('envdiff-stranger', sshd.port, stranger),
        ...host('envdiff-down', closedPort, sshd.identityFile),
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
    const bin = join(sshd.dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F '${config}' "$@"\n`);
    chmodSync(join(bin, 'ssh'), 0o755);
    env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it('a Host alias: HostName, Port, User and key all come from the config', async () => {
    const r = await runEnvdiff(['capture', '--target', 'ssh:envdiff-qa', '--python', '/usr/bin/python3', '--no-lock', '--label', 'qa'], {
      env,
    });
    expect(r.exitCode, r.stderr).toBe(0);
    const fp = JSON.parse(r.stdout);
    expect(fp.target).toEqual({ kind: 'ssh', ref: 'envdiff-qa' });
    expect(fp.facets.os.status).toBe('ok');
    expect(sshd.log()).toMatch(new RegExp(`Accepted publickey for ${sshd.user}`));
  });

  it('authentication refused', async () => {
    await failsWithOneLine(
      ['--target', 'ssh:envdiff-stranger'],
      /authentication refused \(.*Permission denied.*\) — envdiff runs ssh with BatchMode=yes/,
      env,
    );
  });

  it('host unreachable: nothing listens on the port', async () => {
    await failsWithOneLine(['--target', 'ssh:envdiff-down'], /connection refused by envdiff-down — check that sshd runs there/, env);
  });
});
