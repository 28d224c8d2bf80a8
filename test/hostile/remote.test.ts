// Leftovers on someone else's machine (issue #10): a capture over ssh (a real sshd on 127.0.0.1)
// whose probe forks a child and hangs, cut off by --timeout. ssh sends no signal when envdiff goes
// away, so the bundle on the target must clean up by itself: when its watchdog has ended the
// probes, the first write to the closed connection runs its trap, which kills its process group
// (the forked child too) and removes its work dir. Before, the forked child ran on.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureFingerprint } from '../../src/capture/capture.js';
import { parseTarget } from '../../src/capture/targets/parse-target.js';
import { sshdAvailable, startSshd, type SshdHandle } from '../support/sshd.js';

function running(argv: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return (
          readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0$/, '').split('\0').join(' ') === argv &&
          !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${d}/stat`, 'utf8'))
        );
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe.skipIf(!sshdAvailable())('a capture over ssh that is cut off', () => {
  let sshd: SshdHandle;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it('leaves no process of its bundle running on the target', async () => {
    const marks = mkdtempSync(join(tmpdir(), 'envdiff-hostile-remote-'));
    try {
      const transport = parseTarget(sshd.target, { sshOptions: sshd.sshOptions });
      const capture = captureFingerprint({
        transport,
        timeoutMs: 6_000,
        probeTimeoutSec: 9,
        probeOverrides: { cpu: `touch '${marks}/started'\nsleep 4567 &\nexec sleep 4568` },
      });
      await expect(capture).rejects.toThrow(/did not finish within 6 s/);
      // The probe did run on the target (else this test would prove nothing)…
      expect(existsSync(join(marks, 'started'))).toBe(true);
      // …and once the watchdog ended the probes (9 s), the trap took the rest.
      await expect.poll(() => [...running('sleep 4567'), ...running('sleep 4568')], { timeout: 25_000, interval: 250 }).toEqual([]);
    } finally {
      rmSync(marks, { recursive: true, force: true });
    }
  }, 60_000);
});
