import type { FacetModule } from '../types.js';
import { compare__Id__, __CONST___RULES } from './rules.js';
import type { __Id__Facet } from './types.js';

export const __id__Facet: FacetModule<'__ID__', __Id__Facet> = {
  id: '__ID__',
  order: __ORDER__,
  // Added after schemaVersion 1: optional in the schema, so older fingerprints stay valid.
  required: false,
  parser: async () => (await import('./parse.js')).parse__Id__,
  rules: compare__Id__,
  catalog: Object.values(__CONST___RULES),
  // What breaks for code written on the baseline when the target lacks it: error, warning or info.
  absentOnTarget: 'warning',
  absentHint: 'install __ID__ on the target if any step of the pipeline runs it',
};
