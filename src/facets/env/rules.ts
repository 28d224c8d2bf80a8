import type { Finding, EnvFacet } from '../../core/types.js';
import type { CompareContext } from '../types.js';

// Placeholder until the env rules land.
export function compareEnv(_a: EnvFacet, _b: EnvFacet, _ctx: CompareContext): Finding[] {
  return [];
}
