import type { Finding, GpuFacet } from '../../core/types.js';
import type { CompareContext } from '../types.js';

// Placeholder until the gpu rules land.
export function compareGpu(_a: GpuFacet, _b: GpuFacet, _ctx: CompareContext): Finding[] {
  return [];
}
