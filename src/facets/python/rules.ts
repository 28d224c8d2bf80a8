import type { Finding, PythonFacet } from '../../core/types.js';
import type { CompareContext } from '../types.js';

// Placeholder until the python rules land.
export function comparePython(_a: PythonFacet, _b: PythonFacet, _ctx: CompareContext): Finding[] {
  return [];
}
