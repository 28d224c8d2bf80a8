import type { EnvFacet } from '../../core/types.js';
import type { ProbeSection } from '../../core/sections.js';
import type { ParseContext } from '../types.js';

// Placeholder until the env parser lands.
export function parseEnv(section: ProbeSection, _ctx: ParseContext): EnvFacet {
  return { status: 'error', reason: `env parser not written yet (${section.text.length} bytes)` };
}
