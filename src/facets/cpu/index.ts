import type { CpuFacet } from '../../core/types.js';
import type { FacetModule } from '../types.js';
import { parseCpu } from './parse.js';
import { compareCpu } from './rules.js';

export const cpuFacet: FacetModule<CpuFacet> = {
  id: 'cpu',
  parse: parseCpu,
  rules: compareCpu,
};
