// How each transport explains a failed run. Where the real peer runs here, it is run for real
// (podman and ssh in their own files; the docker client with no engine and kubectl with no cluster
// below). Messages of peers that cannot run here (a Docker engine, a cluster) are quoted from
// public reports, each with its source, as inline strings: they are not fixtures of ours.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { explainContainerFailure } from '../../../src/capture/targets/container.js';
import { explainImageFailure } from '../../../src/capture/targets/image.js';
import { explainK8sFailure } from '../../../src/capture/targets/k8s.js';
import { explainSshFailure } from '../../../src/capture/targets/ssh.js';
import { dockerEngineLikelyReachable, findOnPath } from '../../../src/capture/targets/engine.js';
import { parseTarget } from '../../../src/capture/targets/parse-target.js';
import { captureFingerprint } from '../../../src/capture/capture.js';
import { EnvdiffError } from '../../../src/core/errors.js';

describe('docker messages (quoted from public reports)', () => {
  it('image not present with --pull=never', () => {
    // docs.docker.com run reference, as quoted in ansible-collections/community.docker#783
    const why = explainImageFailure(
      'docker',
      'hello-world',
      125,
      'docker: Error response from daemon: No such image: hello-world:latest.\n',
      false,
    );
    expect(why.message).toBe('cannot capture docker:hello-world: the image is not present locally');
    expect(why.hint).toMatch(/docker pull hello-world.*--pull/);
  });

  it('pull refused by the registry with --pull', () => {
    // dockcross/dockcross#705
    const stderr =
      'Error: 2 errors occurred while pulling:\n * initializing source docker://dockcross/manylinux_2_24-x64:latest: reading manifest latest in docker.io/dockcross/manylinux_2_24-x64: manifest unknown: manifest unknown\n';
    expect(explainImageFailure('podman', 'dockcross/manylinux_2_24-x64', 125, stderr, true).message).toMatch(/could not be pulled/);
  });

  it('container not running', () => {
    // moby/moby#9413 (docker 1.11): the daemon names the container by id
    const stderr =
      'Error response from daemon: Container 93406f29922060626c99cd16ad9d5c428d1e5b5cbb16e2447f8b3803aa1a387c is not running\n';
    const why = explainContainerFailure('docker', 'trainer', 1, stderr);
    expect(why.message).toBe('cannot capture container:trainer: the container is not running');
    expect(why.hint).toMatch(/docker start trainer/);
  });

  it('no such container', () => {
    // docker/cli#3518
    const why = explainContainerFailure(
      'docker',
      'en-us_showcase_1',
      1,
      'Error response from daemon: No such container: en-us_showcase_1\n',
    );
    expect(why.message).toMatch(/no container named 'en-us_showcase_1'/);
  });

  it('an unrecognised failure still gives one line with the engine output', () => {
    const why = explainContainerFailure('docker', 'x', 1, '\nsomething odd happened\nmore\n');
    expect(why.message).toBe('cannot capture container:x: docker exec failed (exit 1): something odd happened');
  });
});

describe('kubectl messages (quoted from public reports)', () => {
  const t = { pod: 'test-pod', namespace: 'ml', container: 'abc' };
  it.each([
    // jpetazzo/container.training#441
    ['Error from server (NotFound): pods "deployment" not found\n', /pod 'test-pod' not found in namespace 'ml'/],
    // kubernetes/kubectl#1768
    ['Error from server (BadRequest): container abc is not valid for pod test-pod\n', /the pod has no container 'abc'/],
    // nigelpoulton/TheK8sBook#30 (with "sh" for "ps"), then kubectl's own verdict line
    [
      'error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "fc7e": OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown\n',
      /has no POSIX shell/,
    ],
    ['error: You must be logged in to the server (Unauthorized)\n', /the cluster refused access/],
  ])('%j', (stderr, why) => {
    expect(explainK8sFailure(t, {}, 1, stderr).message).toMatch(why);
  });
});

describe('ssh messages (OpenSSH 9 wording; the real ones are exercised in ssh.test.ts)', () => {
  it('a remote account without sh', () => {
    const why = explainSshFailure({ host: 'h' }, 127, 'sh: command not found\n');
    expect(why.message).toMatch(/no POSIX shell/);
  });
  it('keeps the verdict line, not the known-hosts warning before it', () => {
    const stderr =
      "Warning: Permanently added '[127.0.0.1]:2222' (ED25519) to the list of known hosts.\nalice@127.0.0.1: Permission denied (publickey).\n";
    expect(explainSshFailure({ host: '127.0.0.1', port: 2222, user: 'alice' }, 255, stderr).message).toBe(
      'cannot capture ssh:alice@127.0.0.1:2222: authentication refused (alice@127.0.0.1: Permission denied (publickey).)',
    );
  });
});

async function captureError(spec: string): Promise<EnvdiffError> {
  try {
    await captureFingerprint({ transport: parseTarget(spec), timeoutMs: 60_000 });
  } catch (err) {
    expect(err).toBeInstanceOf(EnvdiffError);
    expect((err as EnvdiffError).toLine().trim().split('\n')).toHaveLength(1);
    return err as EnvdiffError;
  }
  throw new Error(`capturing ${spec} succeeded`);
}

// Where the docker CLI is a client with no engine behind it (as on the test machines: docs/ARCHITECTURE.md).
describe.skipIf(!findOnPath('docker') || dockerEngineLikelyReachable())('a real docker client with no engine', () => {
  it('says the engine is not reachable and points to podman', async () => {
    const e = await captureError('docker:debian:bookworm');
    expect(e.message).toMatch(/the Docker engine is not reachable \(.*Cannot connect to the Docker daemon/);
    expect(e.hint).toMatch(/podman:IMAGE/);
  });
});

describe.skipIf(!findOnPath('kubectl'))('a real kubectl with no cluster', () => {
  const withKubeconfig = async <T>(fn: () => Promise<T>): Promise<T> => {
    // An empty kubeconfig dir: kubectl falls back to http://localhost:8080, where nothing listens.
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-kube-'));
    const saved = process.env.KUBECONFIG;
    process.env.KUBECONFIG = join(dir, 'config');
    try {
      return await fn();
    } finally {
      if (saved === undefined) delete process.env.KUBECONFIG;
      else process.env.KUBECONFIG = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('API server not reachable', async () => {
    const e = await withKubeconfig(() => captureError('k8s:ml/trainer-0'));
    expect(e.message).toMatch(
      /^cannot capture k8s:ml\/trainer-0: the Kubernetes API server is not reachable \(The connection to the server/,
    );
    expect(e.hint).toMatch(/--context/);
  });

  it('unknown context', async () => {
    const e = await withKubeconfig(async () => {
      try {
        await captureFingerprint({ transport: parseTarget('k8s:trainer-0', { context: 'no-such-context' }), timeoutMs: 60_000 });
      } catch (err) {
        return err as EnvdiffError;
      }
      throw new Error('captured');
    });
    expect(e).toBeInstanceOf(EnvdiffError);
    expect(e.message).toMatch(/the kubeconfig context 'no-such-context' does not exist/);
  });
});
