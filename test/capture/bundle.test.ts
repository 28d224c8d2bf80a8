// The probe bundle under the shells users have: dash (Debian's sh) and busybox (Alpine's).
// The probes here are tiny real scripts that succeed, fail, hang, flood and print garbage.
import { describe, expect, it } from 'vitest';
import { buildProbeBundle } from '../../src/capture/probe-bundle.js';
import { runProcess } from '../../src/core/run-process.js';
import { splitProbeOutput } from '../../src/core/sections.js';

const SHELLS: [string, string[]][] = [
  ['dash', ['-s']],
  ['busybox', ['sh', '-s']],
];

describe.each(SHELLS)('probe bundle under %s', (shell, args) => {
  it('runs probes in parallel, keeps each output apart, and bounds a hanging probe', async () => {
    const script = buildProbeBundle({
      only: ['os', 'kernel', 'cpu', 'gpu'],
      probeTimeoutSec: 2,
      overrides: {
        os: 'sec hello\necho "it works"',
        kernel: 'echo "to stderr" >&2\nexit 3',
        cpu: 'sleep 30\necho never',
        gpu: "printf '\\000\\001garbage @@envdiff-end gpu@@x\\n'",
      },
    });
    const r = await runProcess(shell, args, { input: script, timeoutMs: 20_000 });
    // The hanging probe is cut off by the bundle's watchdog (exit 143 below), not by our outer limit.
    expect(r.timedOut).toBe(false);
    expect(r.exitCode).toBe(0);
    const s = splitProbeOutput(r.stdout);
    expect(s.get('os')).toMatchObject({ exitCode: 0, text: '### hello\nit works' });
    expect(s.get('kernel')).toMatchObject({ exitCode: 3, stderr: 'to stderr' });
    expect(s.get('cpu')?.exitCode).toBe(143);
    expect(s.get('cpu')?.text).toBe('');
    expect(s.get('gpu')?.text).toContain('garbage');
    expect(s.has('meta')).toBe(true);
  });

  it('passes --python through as data, never as shell code', async () => {
    const hostile = `/tmp/x'; echo pwned; '$(id)\`id\``;
    const script = buildProbeBundle({ only: ['python'], python: hostile, overrides: { python: 'printf "%s\\n" "$ENVDIFF_PYTHON"' } });
    const r = await runProcess(shell, args, { input: script, timeoutMs: 20_000 });
    expect(splitProbeOutput(r.stdout).get('python')?.text).toBe(hostile);
    expect(r.stdout).not.toMatch(/^pwned$/m);
  });
});
