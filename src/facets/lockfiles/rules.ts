import type { Finding, LockfilesFacet } from '../../core/types.js';
import type { CompareContext } from '../types.js';

// Placeholder until the lockfiles rules land.
export function compareLockfiles(_a: LockfilesFacet, _b: LockfilesFacet, _ctx: CompareContext): Finding[] {
  return [];
}
