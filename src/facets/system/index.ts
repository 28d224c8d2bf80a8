import type { SystemFacet } from '../../core/types.js';
import type { FacetModule } from '../types.js';
import { parseSystem } from './parse.js';
import { compareSystem } from './rules.js';

export const systemFacet: FacetModule<SystemFacet> = {
  id: 'system',
  parse: parseSystem,
  rules: compareSystem,
};
