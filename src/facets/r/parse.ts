import type { RFacet } from '../../core/types.js';
import type { ProbeSection } from '../../core/sections.js';
import type { ParseContext } from '../types.js';

// Placeholder until the r parser lands.
export function parseR(section: ProbeSection, _ctx: ParseContext): RFacet {
  return { status: 'error', reason: `r parser not written yet (${section.text.length} bytes)` };
}
