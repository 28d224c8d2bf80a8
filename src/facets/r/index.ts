import type { RFacet } from '../../core/types.js';
import type { FacetModule } from '../types.js';
import { parseR } from './parse.js';
import { compareR } from './rules.js';

export const rFacet: FacetModule<RFacet> = {
  id: 'r',
  parse: parseR,
  rules: compareR,
};
