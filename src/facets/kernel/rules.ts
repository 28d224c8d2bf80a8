import type { Finding, KernelFacet } from '../../core/types.js';
import type { CompareContext } from '../types.js';

// Placeholder until the kernel rules land.
export function compareKernel(_a: KernelFacet, _b: KernelFacet, _ctx: CompareContext): Finding[] {
  return [];
}
