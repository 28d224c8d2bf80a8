// Real ssh: Debian's sshd on 127.0.0.1 (test/support/sshd.ts), so an ssh capture reaches this
// very machine and must agree with a local capture. Then the ways ssh fails, each for real.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { captureFingerprint } from '../../../src/capture/capture.js';
import { compareFingerprints } from '../../../src/compare/engine.js';
import { parseTarget } from '../../../src/capture/targets/parse-target.js';
import { localTransport } from '../../../src/capture/targets/local.js';
import { EnvdiffError } from '../../../src/core/errors.js';
import type { Fingerprint } from '../../../src/facets/index.js';
import type { SshOptions } from '../../../src/capture/targets/ssh.js';
import { freePort, keygen, sshdAvailable, startSilentServer, startSshd, type SshdHandle } from '../../support/sshd.js';

const PYTHON = '/usr/bin/python3';

async function captureError(spec: string, sshOptions: SshOptions, timeoutMs = 60_000): Promise<EnvdiffError> {
  try {
    await captureFingerprint({ transport: parseTarget(spec, { sshOptions }), timeoutMs });
  } catch (err) {
    expect(err).toBeInstanceOf(EnvdiffError);
    const e = err as EnvdiffError;
    expect(e.exitCode).toBe(2);
    expect(e.toLine().trim().split('\n')).toHaveLength(1);
    return e;
  }
  throw new Error(`capturing ${spec} succeeded`);
}

describe.skipIf(!sshdAvailable())('ssh targets (real sshd on 127.0.0.1; .ci/setup-sshd.sh installs it)', () => {
  let sshd: SshdHandle;
  let overSsh: Fingerprint;
  let local: Fingerprint;

  beforeAll(async () => {
    sshd = await startSshd();
    overSsh = await captureFingerprint({ transport: parseTarget(sshd.target, { sshOptions: sshd.sshOptions }), python: PYTHON });
    local = await captureFingerprint({ transport: localTransport(), python: PYTHON });
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it('records the target as the user named it', () => {
    expect(overSsh.target).toEqual({ kind: 'ssh', ref: `${sshd.user}@127.0.0.1:${sshd.port}` });
    expect(sshd.log()).toMatch(/Accepted publickey for/);
  });

  it('sees the same machine as a local capture', () => {
    for (const facet of ['os', 'kernel', 'cpu', 'python', 'system'] as const) {
      expect(overSsh.facets[facet], facet).toEqual(local.facets[facet]);
    }
  });

  it('compares with the local capture with no error finding', () => {
    const errors = compareFingerprints(local, overSsh).filter((f) => f.severity === 'error');
    expect(errors).toEqual([]);
  });

  describe('failures say what is wrong and what to do', () => {
    it('authentication refused: a key the server does not know', async () => {
      const stranger = join(sshd.dir, 'stranger_ed25519');
      await keygen(stranger);
      const e = await captureError(sshd.target, { ...sshd.sshOptions, identityFile: stranger });
      expect(e.message).toMatch(/authentication refused \(.*Permission denied/);
      expect(e.hint).toMatch(/BatchMode.*ssh-agent|IdentityFile/);
    });

    it('host unreachable: nothing listens on the port', async () => {
      const port = await freePort();
      const e = await captureError(`ssh:${sshd.user}@127.0.0.1:${port}`, sshd.sshOptions);
      expect(e.message).toMatch(new RegExp(`connection refused by 127\\.0\\.0\\.1 port ${port}`));
      expect(e.hint).toMatch(/sshd runs there/);
    });

    it('host name that does not resolve', async () => {
      // .invalid never resolves (RFC 6761), with or without a network.
      const e = await captureError('ssh:envdiff-test.invalid', { ...sshd.sshOptions, connectTimeoutSec: 5 });
      expect(e.message).toMatch(/'envdiff-test\.invalid' does not resolve/);
    });

    it('host key not trusted', async () => {
      const options = (sshd.sshOptions.options ?? []).map((o) =>
        o.startsWith('UserKnownHostsFile=') ? 'UserKnownHostsFile=/dev/null' : o,
      );
      const e = await captureError(sshd.target, { ...sshd.sshOptions, options });
      expect(e.message).toMatch(/host key is not trusted/);
      expect(e.hint).toMatch(/known_hosts/);
    });

    it('a host that accepts the connection and then hangs is cut off by the timeout', async () => {
      const silent = await startSilentServer();
      try {
        // ConnectTimeout would end it after 30 s with ssh's own message; the capture's 2 s limit
        // must act first, which its message proves.
        const e = await captureError(`ssh:127.0.0.1:${silent.port}`, { ...sshd.sshOptions, connectTimeoutSec: 30 }, 2000);
        expect(e.message).toMatch(/did not finish within 2 s/);
        expect(e.hint).toMatch(/--timeout/);
      } finally {
        await silent.stop();
      }
    });
  });
});
