import type { FacetModule } from '../types.js';
import { compareCpu, CPU_RULES } from './rules.js';
import type { CpuFacet } from './types.js';

export const cpuFacet: FacetModule<'cpu', CpuFacet, true> = {
  id: 'cpu',
  order: 30,
  required: true,
  parser: async () => (await import('./parse.js')).parseCpu,
  rules: compareCpu,
  catalog: Object.values(CPU_RULES),
  absentOnTarget: 'warning',
};
