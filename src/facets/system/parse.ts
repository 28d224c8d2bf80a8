import type { SystemFacet } from '../../core/types.js';
import type { ProbeSection } from '../../core/sections.js';
import type { ParseContext } from '../types.js';

// Placeholder until the system parser lands.
export function parseSystem(section: ProbeSection, _ctx: ParseContext): SystemFacet {
  return { status: 'error', reason: `system parser not written yet (${section.text.length} bytes)` };
}
