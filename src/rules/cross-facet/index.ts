// The rules that read more than one facet, run once per comparison by the engine. Adding one: a
// file here exporting a CrossFacetRule, and its name in this list.
import { cudaStack } from './cuda-stack.js';
import { isaNeeds } from './isa-needs.js';
import type { CrossFacetRule } from './types.js';
import { wheelsVsLibc } from './wheels-vs-libc.js';

export type { CrossFacetRule } from './types.js';

export const CROSS_FACET_RULES: readonly CrossFacetRule[] = [cudaStack, wheelsVsLibc, isaNeeds];
