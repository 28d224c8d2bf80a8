import type { JvmFacet } from '../../core/types.js';
import type { ProbeSection } from '../../core/sections.js';
import type { ParseContext } from '../types.js';

// Placeholder until the jvm parser lands.
export function parseJvm(section: ProbeSection, _ctx: ParseContext): JvmFacet {
  return { status: 'error', reason: `jvm parser not written yet (${section.text.length} bytes)` };
}
