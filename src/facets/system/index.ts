import type { FacetModule } from '../types.js';
import { compareSystem, SYSTEM_CATALOG } from './rules.js';
import type { SystemFacet } from './types.js';

export const systemFacet: FacetModule<'system', SystemFacet, true> = {
  id: 'system',
  order: 80,
  required: true,
  parser: async () => (await import('./parse.js')).parseSystem,
  rules: compareSystem,
  catalog: SYSTEM_CATALOG,
  absentOnTarget: 'warning',
  dockerfile: async () => (await import('./dockerfile.js')).systemDockerfile,
};
