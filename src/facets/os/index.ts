import type { FacetModule } from '../types.js';
import { compareOs, OS_RULES } from './rules.js';
import type { OsFacet } from './types.js';

export const osFacet: FacetModule<'os', OsFacet, true> = {
  id: 'os',
  order: 10,
  required: true,
  parser: async () => (await import('./parse.js')).parseOs,
  rules: compareOs,
  catalog: Object.values(OS_RULES),
  // Only facts are lost; the code itself does not call the OS facts.
  absentOnTarget: 'warning',
};
