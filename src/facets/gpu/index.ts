import type { FacetModule } from '../types.js';
import { compareGpu, GPU_RULES } from './rules.js';
import type { GpuFacet } from './types.js';

export const gpuFacet: FacetModule<'gpu', GpuFacet, true> = {
  id: 'gpu',
  order: 40,
  required: true,
  parser: async () => (await import('./parse.js')).parseGpu,
  rules: compareGpu,
  catalog: Object.values(GPU_RULES),
  // Code written on a GPU machine stops or crawls without one.
  absentOnTarget: 'error',
  absentHint: 'the target has no usable GPU: CUDA builds of torch/tensorflow fall back to CPU or fail to import',
};
