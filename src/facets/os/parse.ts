import type { OsFacet } from '../../core/types.js';
import type { ProbeSection } from '../../core/sections.js';
import type { ParseContext } from '../types.js';

// Placeholder until the os parser lands.
export function parseOs(section: ProbeSection, _ctx: ParseContext): OsFacet {
  return { status: 'error', reason: `os parser not written yet (${section.text.length} bytes)` };
}
