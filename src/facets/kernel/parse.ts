// kernel parser: the kernel probe's sections (probes/kernel.sh) → KernelFacet. Pure; never throws.
//
// Real input (this project's dev machine, Debian 12):
//   ### uname-r
//   6.18.44-fc-v657
//   ### uname-v
//   #1 SMP PREEMPT_DYNAMIC @0
import type { KernelFacet } from './types.js';
import { firstProbeLine, splitSubsections, type ProbeSection } from '../../core/sections.js';
import type { ParseContext } from '../types.js';

export function parseKernel(section: ProbeSection, _ctx: ParseContext): KernelFacet {
  const subs = splitSubsections(section.text);
  const release = subs.get('uname-r')?.trim().split('\n')[0]?.trim();
  const version = subs.get('uname-v')?.trim().split('\n')[0]?.trim();
  if (!release) {
    const first = firstProbeLine(section.text);
    return {
      status: 'error',
      reason: first ? `kernel: no \`uname -r\` in probe output: ${first}` : 'kernel: `uname -r` printed nothing',
    };
  }
  const out: KernelFacet = { status: 'ok', release };
  if (version) out.version = version;
  return out;
}
