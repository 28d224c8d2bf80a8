import type { GpuFacet } from '../../core/types.js';
import type { FacetModule } from '../types.js';
import { parseGpu } from './parse.js';
import { compareGpu } from './rules.js';

export const gpuFacet: FacetModule<GpuFacet> = {
  id: 'gpu',
  parse: parseGpu,
  rules: compareGpu,
};
