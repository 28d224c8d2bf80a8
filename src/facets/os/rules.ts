import type { Finding, OsFacet } from '../../core/types.js';
import type { CompareContext } from '../types.js';

// Placeholder until the os rules land.
export function compareOs(_a: OsFacet, _b: OsFacet, _ctx: CompareContext): Finding[] {
  return [];
}
