import type { KernelFacet } from '../../core/types.js';
import type { ProbeSection } from '../../core/sections.js';
import type { ParseContext } from '../types.js';

// Placeholder until the kernel parser lands.
export function parseKernel(section: ProbeSection, _ctx: ParseContext): KernelFacet {
  return { status: 'error', reason: `kernel parser not written yet (${section.text.length} bytes)` };
}
