export { generateDockerfile, imageName, RUN_USER } from './generate.js';
export { fingerprintDigest, canonicalJson } from './digest.js';
export { planBase, detectCuda, platformFor } from './base.js';
export type { DockerfileOptions, GeneratedDockerfile, SideFile, Omission, BasePlan } from '../facets/shared/dockerfile-part.js';
