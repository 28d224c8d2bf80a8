import type { Finding, SystemFacet } from '../../core/types.js';
import type { CompareContext } from '../types.js';

// Placeholder until the system rules land.
export function compareSystem(_a: SystemFacet, _b: SystemFacet, _ctx: CompareContext): Finding[] {
  return [];
}
