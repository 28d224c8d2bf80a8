import type { GpuFacet } from '../../core/types.js';
import type { ProbeSection } from '../../core/sections.js';
import type { ParseContext } from '../types.js';

// Placeholder until the gpu parser lands.
export function parseGpu(section: ProbeSection, _ctx: ParseContext): GpuFacet {
  return { status: 'error', reason: `gpu parser not written yet (${section.text.length} bytes)` };
}
