// A multi-target capture on a real terminal (util-linux `script` allocates the pty): a progress
// line, rewritten in place, counts the targets as they finish; then the failure and the summary.
// Off a terminal nothing but those lines is written (test/integration/fleet-ssh.test.ts).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ptyAvailable, runInPty } from '../support/pty.js';

describe.skipIf(!ptyAvailable())('capture of several targets on a terminal', () => {
  it('shows "N/T done: C captured, F failed" as targets finish, then the summary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'envdiff-many-tty-'));
    try {
      const out = join(dir, 'out/');
      const r = runInPty(
        ['capture', '--target', 'local', '--target', 'ssh:nohost.invalid', '--target', 'local', '-o', out, '--jobs', '1'],
        {
          columns: 120,
          cwd: dir,
        },
      );
      expect(r.exitCode).toBe(2);
      const progress = [...r.output.matchAll(/envdiff: (\d)\/3 done: (\d) captured, (\d) failed/g)].map((m) => m.slice(1).join(' '));
      expect(progress).toEqual(['1 1 0', '2 1 1', '3 2 1']);
      expect(r.output).toContain('envdiff: failed: ssh:nohost.invalid: cannot capture ssh:nohost.invalid');
      expect(r.output).toContain(`envdiff: captured 2 of 3 targets into ${out} (1 failed)`);
      expect(readdirSync(out).sort()).toEqual(['local-2.json', 'local.json']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
