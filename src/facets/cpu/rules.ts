import type { Finding, CpuFacet } from '../../core/types.js';
import type { CompareContext } from '../types.js';

// Placeholder until the cpu rules land.
export function compareCpu(_a: CpuFacet, _b: CpuFacet, _ctx: CompareContext): Finding[] {
  return [];
}
