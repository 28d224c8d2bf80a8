// The exact argv each target form builds, engine detection, and the refusals (unknown syntax,
// hostile names, missing tools). PATH is pointed at a temp dir of empty executables so that the
// answers do not depend on what this machine has installed; nothing here runs them.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTarget } from '../../../src/capture/targets/parse-target.js';
import { resolveEngine } from '../../../src/capture/targets/engine.js';
import { EnvdiffError } from '../../../src/core/errors.js';

let root: string;
const pathWith = (...tools: string[]): NodeJS.ProcessEnv => {
  const dir = join(root, tools.length ? tools.join('+') : 'none');
  mkdirSync(dir, { recursive: true });
  for (const t of tools) {
    writeFileSync(join(dir, t), '');
    chmodSync(join(dir, t), 0o755);
  }
  // HOME without a ~/.docker so that the user's docker contexts do not count.
  return { PATH: dir, HOME: root };
};
const ALL = () => pathWith('docker', 'podman', 'ssh', 'kubectl');

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'envdiff-targets-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function refusal(spec: string, opts: Parameters<typeof parseTarget>[1] = {}): EnvdiffError {
  try {
    parseTarget(spec, { env: ALL(), ...opts });
  } catch (err) {
    expect(err).toBeInstanceOf(EnvdiffError);
    const e = err as EnvdiffError;
    expect(e.exitCode).toBe(2);
    expect(e.toLine().split('\n')).toHaveLength(1);
    expect(e.hint.length).toBeGreaterThan(0);
    return e;
  }
  throw new Error(`parseTarget(${JSON.stringify(spec)}) was accepted`);
}

describe('target forms build one argv each', () => {
  it('local runs sh -s on this machine', () => {
    const t = parseTarget('local', { env: pathWith() });
    expect(t).toMatchObject({ kind: 'local', command: { file: 'sh', args: ['-s'] } });
  });

  it.each([
    [
      'docker:python:3.11-slim',
      {},
      'docker',
      ['run', '--rm', '-i', '--network=none', '--pull=never', '--entrypoint', 'sh', 'python:3.11-slim', '-s'],
    ],
    [
      'podman:localhost/envdiff/x:1',
      {},
      'podman',
      ['run', '--rm', '-i', '--network=none', '--pull=never', '--entrypoint', 'sh', 'localhost/envdiff/x:1', '-s'],
    ],
    [
      'docker:ghcr.io/org/img@sha256:0123abcd',
      { pull: true },
      'docker',
      ['run', '--rm', '-i', '--network=none', '--pull=always', '--entrypoint', 'sh', 'ghcr.io/org/img@sha256:0123abcd', '-s'],
    ],
    [
      'podman:registry.example:5000/team/train:v2',
      { pull: true },
      'podman',
      ['run', '--rm', '-i', '--network=none', '--pull=always', '--entrypoint', 'sh', 'registry.example:5000/team/train:v2', '-s'],
    ],
  ] as const)('%s %o', (spec, opts, file, args) => {
    const t = parseTarget(spec, { env: ALL(), ...opts });
    expect(t.kind).toBe(file);
    expect(t.ref).toBe(spec.slice(spec.indexOf(':') + 1));
    expect(t.command).toEqual({ file, args });
  });

  it('container:NAME execs into the running container with the chosen engine', () => {
    expect(parseTarget('container:trainer_1', { env: ALL(), engine: 'docker' }).command).toEqual({
      file: 'docker',
      args: ['exec', '-i', 'trainer_1', 'sh', '-s'],
    });
    const t = parseTarget('container:0f3e9a', { env: ALL(), engine: 'podman' });
    expect(t).toMatchObject({ kind: 'container', ref: '0f3e9a', command: { file: 'podman', args: ['exec', '-i', '0f3e9a', 'sh', '-s'] } });
  });

  it.each([
    ['ssh:gpu-box', [], 'gpu-box', 'gpu-box'],
    ['ssh:alice@10.0.0.7', ['-l', 'alice'], '10.0.0.7', 'alice@10.0.0.7'],
    ['ssh:alice@qa.example.com:2222', ['-p', '2222', '-l', 'alice'], 'qa.example.com', 'alice@qa.example.com:2222'],
    ['ssh:[::1]:22', ['-p', '22'], '::1', '[::1]:22'],
    ['ssh:bob@[fe80::1%eth0]', ['-l', 'bob'], 'fe80::1%eth0', 'bob@[fe80::1%eth0]'],
  ] as const)('%s', (spec, extra, host, ref) => {
    const t = parseTarget(spec, { env: ALL() });
    expect(t.kind).toBe('ssh');
    expect(t.ref).toBe(ref);
    expect(t.command).toEqual({
      file: 'ssh',
      args: ['-T', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=15', ...extra, '--', host, 'sh', '-s'],
    });
    // The user's ssh config must apply: never -F.
    expect(t.command.args).not.toContain('-F');
  });

  it('ssh options from the caller come before the destination', () => {
    const t = parseTarget('ssh:h', {
      env: ALL(),
      sshOptions: { connectTimeoutSec: 3, identityFile: '/k/id', options: ['UserKnownHostsFile=/k/known'] },
    });
    expect(t.command.args).toEqual([
      '-T',
      '-o',
      'BatchMode=yes',
      '-o',
      'ConnectTimeout=3',
      '-o',
      'UserKnownHostsFile=/k/known',
      '-i',
      '/k/id',
      '--',
      'h',
      'sh',
      '-s',
    ]);
  });

  it.each([
    ['k8s:trainer-0', {}, ['exec', '-i', 'trainer-0', '--', 'sh', '-s'], 'trainer-0'],
    ['k8s:ml/trainer-0', {}, ['exec', '-i', '--namespace=ml', 'trainer-0', '--', 'sh', '-s'], 'ml/trainer-0'],
    [
      'k8s:ml/trainer-0:worker',
      {},
      ['exec', '-i', '--namespace=ml', 'trainer-0', '--container=worker', '--', 'sh', '-s'],
      'ml/trainer-0:worker',
    ],
    ['k8s:api-7d9f.x:sidecar', {}, ['exec', '-i', 'api-7d9f.x', '--container=sidecar', '--', 'sh', '-s'], 'api-7d9f.x:sidecar'],
    [
      'k8s:ml/trainer-0',
      { context: 'arn:aws:eks:eu-west-1:123456789012:cluster/prod' },
      ['--context=arn:aws:eks:eu-west-1:123456789012:cluster/prod', 'exec', '-i', '--namespace=ml', 'trainer-0', '--', 'sh', '-s'],
      'ml/trainer-0',
    ],
  ] as const)('%s %o', (spec, opts, args, ref) => {
    const t = parseTarget(spec, { env: ALL(), ...opts });
    expect(t).toMatchObject({ kind: 'k8s', ref });
    expect(t.command).toEqual({ file: 'kubectl', args });
  });
});

describe('engine detection for container:NAME', () => {
  it('uses the only engine installed', () => {
    expect(parseTarget('container:x', { env: pathWith('podman') }).command.file).toBe('podman');
    expect(parseTarget('container:x', { env: pathWith('docker') }).command.file).toBe('docker');
  });

  it('prefers podman when docker is only a client with no engine behind it', () => {
    const env = { ...pathWith('docker', 'podman'), DOCKER_HOST: `unix://${join(root, 'no-such.sock')}` };
    expect(resolveEngine(undefined, env)).toBe('podman');
  });

  describe('with a docker socket', () => {
    let server: Server;
    const sock = () => join(root, 'docker.sock');
    beforeAll(async () => {
      server = createServer();
      await new Promise<void>((r) => server.listen(sock(), r));
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('uses docker when its engine socket is there', () => {
      expect(resolveEngine(undefined, { ...pathWith('docker', 'podman'), DOCKER_HOST: `unix://${sock()}` })).toBe('docker');
      expect(resolveEngine(undefined, { ...pathWith('docker', 'podman'), DOCKER_HOST: 'tcp://10.0.0.2:2376' })).toBe('docker');
    });
  });

  it('--engine wins over detection', () => {
    expect(parseTarget('container:x', { env: ALL(), engine: 'docker' }).command.file).toBe('docker');
    expect(parseTarget('container:x', { env: ALL(), engine: 'podman' }).command.file).toBe('podman');
  });
});

describe('refusals: one line, a cause and what to do, exit 2', () => {
  it.each([
    ['vm:box', /unknown target 'vm:box'/],
    ['dokcer:python', /unknown target/],
    ['docker', /names no IMAGE/],
    ['podman:', /names no IMAGE/],
    ['ssh:', /names no/],
    ['ssh:host:0', /'0' is not a port number/],
    ['ssh:host:70000', /not a port number/],
    ['ssh:host:22x', /not a port number/],
    ['ssh:a:b:c', /too many colons/],
    ['ssh:[::1', /closing bracket/],
    ['k8s:ns/', /pod name is missing/],
    ['k8s:Upper/pod', /not a valid namespace/],
    ['container:', /names no NAME/],
  ])('%s', (spec, why) => {
    const e = refusal(spec);
    expect(e.message).toMatch(why);
  });

  it('says which target forms exist', () => {
    expect(refusal('vm:box').hint).toMatch(/docker:IMAGE.*podman:IMAGE.*container:NAME.*ssh:.*k8s:/);
  });

  // Hostile names: shell metacharacters and option look-alikes never reach an argv.
  const hostile = [
    '-v',
    '--privileged',
    'img;touch /tmp/pwned',
    'img$(id)',
    'img`id`',
    'my image',
    "img'x",
    'img\nx',
    'img|x',
    'img&&x',
    '>x',
  ];
  it.each(
    hostile.flatMap((h) => [
      `docker:${h}`,
      `podman:${h}`,
      `container:${h}`,
      `ssh:${h}`,
      `ssh:${h}@host`,
      `k8s:${h}`,
      `k8s:ns/${h}`,
      `k8s:ns/pod:${h}`,
    ]),
  )('refuses %j', (spec) => {
    const e = refusal(spec);
    expect(e.message).toMatch(/invalid target|not a valid|starts with '-'|too many colons|not a port number/);
    // Control characters are shown escaped, so the message stays on one line.
    expect(e.toLine()).not.toMatch(/\n/);
  });

  it('names the option danger for a leading dash', () => {
    expect(refusal('podman:--privileged').message).toMatch(/starts with '-' and would be read as an option/);
    expect(refusal('ssh:-oProxyCommand=x').message).toMatch(/starts with '-'/);
  });

  it('refuses a kubeconfig context that looks like an option', () => {
    expect(refusal('k8s:pod', { context: '--kubeconfig=/tmp/x' }).message).toMatch(/not a usable kubeconfig context/);
  });

  it('refuses --engine that contradicts the target kind', () => {
    expect(refusal('docker:img', { engine: 'podman' }).message).toMatch(/--engine podman contradicts/);
  });

  it('engine not installed', () => {
    const e = refusal('podman:img', { env: pathWith('docker') });
    expect(e.message).toMatch(/'podman' is not installed/);
    expect(refusal('docker:img', { env: pathWith('podman') }).hint).toMatch(/podman:IMAGE/);
    expect(refusal('container:x', { env: pathWith('podman'), engine: 'docker' }).hint).toMatch(/--engine podman/);
    expect(refusal('container:x', { env: pathWith('ssh') }).message).toMatch(/neither docker nor podman/);
  });

  it('kubectl missing', () => {
    const e = refusal('k8s:ml/trainer-0', { env: pathWith('docker', 'podman', 'ssh') });
    expect(e.message).toMatch(/'kubectl' is not installed/);
    expect(e.hint).toMatch(/install kubectl/);
  });

  it('ssh client missing', () => {
    expect(refusal('ssh:host', { env: pathWith('kubectl') }).message).toMatch(/'ssh' is not installed/);
  });
});
