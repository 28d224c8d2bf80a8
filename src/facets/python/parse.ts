import type { PythonFacet } from '../../core/types.js';
import type { ProbeSection } from '../../core/sections.js';
import type { ParseContext } from '../types.js';

// Placeholder until the python parser lands.
export function parsePython(section: ProbeSection, _ctx: ParseContext): PythonFacet {
  return { status: 'error', reason: `python parser not written yet (${section.text.length} bytes)` };
}
