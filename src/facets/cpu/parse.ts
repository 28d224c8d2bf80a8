import type { CpuFacet } from '../../core/types.js';
import type { ProbeSection } from '../../core/sections.js';
import type { ParseContext } from '../types.js';

// Placeholder until the cpu parser lands.
export function parseCpu(section: ProbeSection, _ctx: ParseContext): CpuFacet {
  return { status: 'error', reason: `cpu parser not written yet (${section.text.length} bytes)` };
}
