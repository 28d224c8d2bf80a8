// Every facet, in fingerprint order. Adding a facet: a folder under src/facets/ and one line here.
import type { FacetModule } from './types.js';
import { osFacet } from './os/index.js';
import { kernelFacet } from './kernel/index.js';
import { cpuFacet } from './cpu/index.js';
import { gpuFacet } from './gpu/index.js';
import { pythonFacet } from './python/index.js';
import { rFacet } from './r/index.js';
import { jvmFacet } from './jvm/index.js';
import { systemFacet } from './system/index.js';
import { envFacet } from './env/index.js';
import { lockfilesFacet } from './lockfiles/index.js';

export const FACETS: readonly FacetModule[] = [
  osFacet,
  kernelFacet,
  cpuFacet,
  gpuFacet,
  pythonFacet,
  rFacet,
  jvmFacet,
  systemFacet,
  envFacet,
  lockfilesFacet,
] as FacetModule[];
