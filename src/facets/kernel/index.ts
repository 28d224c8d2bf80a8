import type { FacetModule } from '../types.js';
import { compareKernel, KERNEL_RULES } from './rules.js';
import type { KernelFacet } from './types.js';

export const kernelFacet: FacetModule<'kernel', KernelFacet, true> = {
  id: 'kernel',
  order: 20,
  required: true,
  parser: async () => (await import('./parse.js')).parseKernel,
  rules: compareKernel,
  catalog: Object.values(KERNEL_RULES),
  // Only facts are lost (static captures of an image have no running kernel).
  absentOnTarget: 'warning',
};
