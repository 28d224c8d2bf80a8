// The cpu facet: model, vendor, cores, ISA flags, x86-64 level, memory.
import type { FacetBase } from '../types.js';

export interface CpuFacet extends FacetBase {
  model?: string;
  vendor?: string;
  logicalCores?: number;
  flags?: string[];
  x86Level?: 1 | 2 | 3 | 4;
  memoryBytes?: number;
}
