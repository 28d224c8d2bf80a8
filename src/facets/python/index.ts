import type { PythonFacet } from '../../core/types.js';
import type { FacetModule } from '../types.js';
import { parsePython } from './parse.js';
import { comparePython } from './rules.js';

export const pythonFacet: FacetModule<PythonFacet> = {
  id: 'python',
  parse: parsePython,
  rules: comparePython,
};
