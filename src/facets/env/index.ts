import type { EnvFacet } from '../../core/types.js';
import type { FacetModule } from '../types.js';
import { parseEnv } from './parse.js';
import { compareEnv } from './rules.js';

export const envFacet: FacetModule<EnvFacet> = {
  id: 'env',
  parse: parseEnv,
  rules: compareEnv,
};
