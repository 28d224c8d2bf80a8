// THE list of facets: one line each. Adding a facet is a folder under src/facets/ and one line
// here (`npm run new:facet -- NAME` writes both); every other list derives from these exports
// (./index.ts, ./fingerprint.ts). The order in the fingerprint is each facet's own `order`.
export { osFacet } from './os/index.js';
export { kernelFacet } from './kernel/index.js';
export { cpuFacet } from './cpu/index.js';
export { gpuFacet } from './gpu/index.js';
export { pythonFacet } from './python/index.js';
export { rFacet } from './r/index.js';
export { jvmFacet } from './jvm/index.js';
export { systemFacet } from './system/index.js';
export { envFacet } from './env/index.js';
export { lockfilesFacet } from './lockfiles/index.js';
