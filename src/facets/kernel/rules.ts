// Kernel rules: a different kernel is worth knowing, rarely a cause of breakage in user space.
import type { Finding, KernelFacet } from '../../core/types.js';
import { makeFinding } from '../rule-helpers.js';
import type { CompareContext } from '../types.js';

export function compareKernel(baseline: KernelFacet, target: KernelFacet, _ctx: CompareContext): Finding[] {
  if (baseline.release === undefined || target.release === undefined || baseline.release === target.release) return [];
  return [
    makeFinding({
      ruleId: 'kernel/release',
      severity: 'info',
      facet: 'kernel',
      subject: 'kernel',
      baseline: baseline.release,
      target: target.release,
      message: `kernel differs: ${baseline.release} here, ${target.release} there; a container does not ship a kernel, it runs on the host's`,
      hint: 'nothing to do for most ML code; io_uring, eBPF or GPU-driver kernel modules depend on the host kernel',
    }),
  ];
}
