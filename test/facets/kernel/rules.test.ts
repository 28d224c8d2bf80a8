import { describe, expect, it } from 'vitest';
import type { KernelFacet } from '../../../src/facets/kernel/types.js';
import { compareKernel } from '../../../src/facets/kernel/rules.js';
import { context } from '../../helpers/fingerprint.js';

// `uname -r` / `uname -v` of the envdiff dev machine, and an EL7 kernel release as PyTorch's
// collect_env printed it in a public report ("Linux-3.10.0-1160.42.2.el7.x86_64-x86_64-with-glibc2.35").
const debian: KernelFacet = { status: 'ok', release: '6.18.44-fc-v657', version: '#1 SMP PREEMPT_DYNAMIC @0' };
const el7: KernelFacet = { status: 'ok', release: '3.10.0-1160.42.2.el7.x86_64' };

describe('kernel rules', () => {
  it('reports a different kernel as info and says containers share the host kernel', () => {
    const f = compareKernel(debian, el7, context({}, {}));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      ruleId: 'kernel/release',
      severity: 'info',
      baseline: '6.18.44-fc-v657',
      target: '3.10.0-1160.42.2.el7.x86_64',
    });
    expect(f[0]?.message).toContain("host's");
  });

  it('finds nothing for the same release', () => {
    expect(compareKernel(debian, { ...debian }, context({}, {}))).toEqual([]);
  });
});
