import type { KernelFacet } from '../../core/types.js';
import type { FacetModule } from '../types.js';
import { parseKernel } from './parse.js';
import { compareKernel } from './rules.js';

export const kernelFacet: FacetModule<KernelFacet> = {
  id: 'kernel',
  parse: parseKernel,
  rules: compareKernel,
};
