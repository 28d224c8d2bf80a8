import type { JvmFacet } from '../../core/types.js';
import type { FacetModule } from '../types.js';
import { parseJvm } from './parse.js';
import { compareJvm } from './rules.js';

export const jvmFacet: FacetModule<JvmFacet> = {
  id: 'jvm',
  parse: parseJvm,
  rules: compareJvm,
};
