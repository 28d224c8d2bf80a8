// Kernel rules: a different kernel is worth knowing, rarely a cause of breakage in user space.
import { defineRules, finding, type Finding } from '../../core/findings.js';
import type { CompareContext } from '../types.js';
import type { KernelFacet } from './types.js';

// The rules this facet reports, declared once (id, default severity, title, help): the
// catalog (src/rules/catalog.ts) reads them from the facet module.
export const KERNEL_RULES = defineRules('kernel', {
  release: {
    severity: 'info',
    title: 'Kernel release differs',
    help: 'User-space code rarely depends on the kernel, and a container runs on its host’s kernel rather than one of its own. It matters for io_uring, eBPF and the GPU driver’s kernel module, which must match the driver libraries.',
  },
});

export function compareKernel(baseline: KernelFacet, target: KernelFacet, _ctx: CompareContext): Finding[] {
  if (baseline.release === undefined || target.release === undefined || baseline.release === target.release) return [];
  return [
    finding(KERNEL_RULES.release, {
      subject: 'kernel',
      baseline: baseline.release,
      target: target.release,
      message: `kernel differs: ${baseline.release} here, ${target.release} there; a container does not ship a kernel, it runs on the host's`,
      hint: 'nothing to do for most ML code; io_uring, eBPF or GPU-driver kernel modules depend on the host kernel',
    }),
  ];
}
