import type { Finding, JvmFacet } from '../../core/types.js';
import type { CompareContext } from '../types.js';

// Placeholder until the jvm rules land.
export function compareJvm(_a: JvmFacet, _b: JvmFacet, _ctx: CompareContext): Finding[] {
  return [];
}
