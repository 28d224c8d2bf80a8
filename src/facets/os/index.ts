import type { OsFacet } from '../../core/types.js';
import type { FacetModule } from '../types.js';
import { parseOs } from './parse.js';
import { compareOs } from './rules.js';

export const osFacet: FacetModule<OsFacet> = {
  id: 'os',
  parse: parseOs,
  rules: compareOs,
};
