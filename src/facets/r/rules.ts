import type { Finding, RFacet } from '../../core/types.js';
import type { CompareContext } from '../types.js';

// Placeholder until the r rules land.
export function compareR(_a: RFacet, _b: RFacet, _ctx: CompareContext): Finding[] {
  return [];
}
